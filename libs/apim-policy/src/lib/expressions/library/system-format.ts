import { TimeSpanValue } from '../context-view';
import { fault } from '../members';
import { formatValue } from '../value-format';
import { kindOf } from './system-date-kind';
import { type DateZone, UTC_ZONE, formatDateWith } from './system-format-date';
import { formatNumberWith } from './system-format-number';
import { formatTimeSpanWith } from './system-format-timespan';

/**
 * .NET composite formatting (`string.Format`, `$"…{x,8:N2}…"`) and `ToString(format)` for the
 * values the library knows. A slice's own value (Guid, DateTimeOffset …) formats itself by
 * implementing {@link FormattableValue}.
 */

/** A run-time value with its own .NET `ToString(format)`. */
export interface FormattableValue {
  formatWith(spec: string): string;
}

function isFormattable(value: unknown): value is FormattableValue {
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<FormattableValue>).formatWith === 'function'
  );
}

const LOCAL_ZONE: DateZone = { kind: 'local' };
const UNSPECIFIED_ZONE: DateZone = { kind: 'unspecified' };

function zoneOfKind(kind: string): DateZone {
  return kind === 'Local' ? LOCAL_ZONE : kind === 'Unspecified' ? UNSPECIFIED_ZONE : UTC_ZONE;
}

/** `value.ToString(spec)`: numbers, DateTime, TimeSpan and formattable slice values; others ignore `spec`, as .NET's non-IFormattable types do. */
export function formatWithSpecifier(value: unknown, spec: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumberWith(value, spec);
  if (value instanceof Date) return formatDateWith(value, spec === '' ? 'o' : spec, zoneOfKind(kindOf(value)));
  if (value instanceof TimeSpanValue) return formatTimeSpanWith(value.milliseconds, spec);
  if (isFormattable(value)) return value.formatWith(spec);
  return formatValue(value);
}

/**
 * `string.Format(format, args)`: `{index[,alignment][:format]}` items, `{{` and `}}` for braces.
 * A bad item or an index past the arguments is .NET's FormatException, a fault here. Null
 * arguments print as empty text.
 */
export function formatComposite(format: string, args: readonly unknown[]): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '}') {
      if (format[i + 1] !== '}') throw badFormat(format, 'has a "}" that closes nothing (write "}}" for a brace)');
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (format[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const close = format.indexOf('}', i + 1);
    if (close < 0) throw badFormat(format, 'has a "{" that is never closed (write "{{" for a brace)');
    out += formatItem(format, format.slice(i + 1, close), args);
    i = close + 1;
  }
  return out;
}

function formatItem(format: string, item: string, args: readonly unknown[]): string {
  const match = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s.exec(item);
  if (!match) throw badFormat(format, `has an invalid item "{${item}}"; write {index[,alignment][:format]}`);
  const index = Number(match[1]);
  if (index >= args.length) {
    throw badFormat(format, `refers to argument ${index} but only ${args.length} argument(s) were given`);
  }
  const value = args[index];
  const text =
    value === null || value === undefined
      ? ''
      : match[3] !== undefined
        ? formatWithSpecifier(value, match[3])
        : formatValue(value);
  const width = match[2] === undefined ? 0 : Number(match[2]);
  if (Math.abs(width) >= 1_000_000) throw badFormat(format, `has an alignment of ${width}; it must be below 1000000`);
  return width < 0 ? text.padEnd(-width) : text.padStart(width);
}

function badFormat(format: string, detail: string): Error {
  return fault(`the format string "${format}" ${detail} (FormatException)`);
}
