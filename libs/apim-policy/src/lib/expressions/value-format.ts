import { JwtValue } from '../context/jwt-value';
import { TimeSpanValue } from './context-view';

/**
 * How an expression's result becomes attribute or element text:
 * - null → `""`;
 * - `bool` → `True` / `False` (C# `ToString()`);
 * - numbers → invariant text: `42`, `1.5`, `1E+21`, `1E-07` (C# round-trip style);
 * - `string[]` (headers, claims) → values joined with `,` (as APIM's `GetValueOrDefault` joins them);
 * - `DateTime` → ISO 8601 round-trip text `2024-01-02T03:04:05.0000000Z`; `TimeSpan` → `hh:mm:ss.fffffff`;
 * - a URL → its full text; a library value (Guid, Uri, byte[] …) → its slice's `format`;
 *   anything else → its C# type name (`Jwt`).
 */
export function expressionValueToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => expressionValueToString(item)).join(',');
  return formatValue(value);
}

/** What value-format needs of a library slice (library/library-module.ts `format`, `runtimeTypeName`). */
export interface LibraryFormatting {
  format?(value: unknown): string | undefined;
  runtimeTypeName?(value: unknown): string | undefined;
}

/**
 * The library slices, handed over once by static-members.ts (the slices import this file, so it
 * cannot import their list without a cycle).
 */
let libraryFormatting: readonly LibraryFormatting[] = [];

export function useLibraryFormatting(modules: readonly LibraryFormatting[]): void {
  libraryFormatting = modules;
}

function fromLibrary(value: unknown, pick: 'format' | 'runtimeTypeName'): string | undefined {
  for (const module of libraryFormatting) {
    const found = module[pick]?.(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** C# `ToString()` of a non-null value, as the subset defines it (see {@link expressionValueToString}). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof Date) return formatDate(value);
  if (value instanceof URL) return value.href;
  if (value instanceof TimeSpanValue) return formatTimeSpan(value.milliseconds);
  const own = fromLibrary(value, 'format');
  if (own !== undefined) return own;
  if (Array.isArray(value)) return value.map((item) => expressionValueToString(item)).join(',');
  if (value instanceof JwtValue) return 'Jwt';
  return runtimeTypeName(value);
}

/** The C# type name of a run-time value, for messages (`string`, `int`, `Jwt` …). */
export function runtimeTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value instanceof JwtValue) return 'Jwt';
  const own = fromLibrary(value, 'runtimeTypeName');
  if (own !== undefined) return own;
  if (value instanceof Date) return 'DateTime';
  if (Array.isArray(value)) return 'string[]';
  if (value instanceof TimeSpanValue) return 'TimeSpan';
  if (value instanceof URL) return 'IUrl';
  return 'object';
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  return String(value).replace(
    /e([+-])(\d+)$/,
    (_, sign: string, digits: string) => `E${sign}${digits.padStart(2, '0')}`,
  );
}

function formatDate(value: Date): string {
  return value.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}0000Z`);
}

function formatTimeSpan(milliseconds: number): string {
  const sign = milliseconds < 0 ? '-' : '';
  let rest = Math.abs(milliseconds);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ticks = Math.round((rest - seconds * 1000) * 10_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const fraction = ticks > 0 ? `.${String(ticks).padStart(7, '0')}` : '';
  return `${sign}${days > 0 ? `${days}.` : ''}${two(hours)}:${two(minutes)}:${two(seconds)}${fraction}`;
}
