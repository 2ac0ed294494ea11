import type { IncomingHttpHeaders } from 'node:http';
import { assertHeaderValue, toWireText } from './header-value';

/**
 * HTTP headers as policies see them: names compare case-insensitively, every header may carry
 * several values (APIM exposes `IReadOnlyDictionary<string, string[]>`), and the first spelling of
 * a name is kept so the backend sees the casing the client used.
 */
export class HeaderBag {
  private readonly entries = new Map<string, { name: string; values: string[] }>();

  /** Headers from a Node request or an undici response (`string | string[]` values). */
  static from(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): HeaderBag {
    const bag = new HeaderBag();
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      bag.set(name, Array.isArray(value) ? value : [value]);
    }
    return bag;
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** All values of `name`, or `undefined` when the header is absent. */
  get(name: string): readonly string[] | undefined {
    return this.entries.get(name.toLowerCase())?.values;
  }

  /** The values joined by `,` (APIM's `GetValueOrDefault`), or `undefined`. */
  joined(name: string): string | undefined {
    return this.get(name)?.join(',');
  }

  /** @throws InvalidHeaderValueError when a value holds control characters (e.g. CR/LF from request data). */
  set(name: string, values: readonly string[]): void {
    for (const value of values) assertHeaderValue(name, value);
    const key = name.toLowerCase();
    const existing = this.entries.get(key);
    this.entries.set(key, { name: existing?.name ?? name, values: [...values] });
  }

  append(name: string, values: readonly string[]): void {
    const existing = this.get(name) ?? [];
    this.set(name, [...existing, ...values]);
  }

  delete(name: string): void {
    this.entries.delete(name.toLowerCase());
  }

  /** Header names as first spelt. */
  names(): string[] {
    return [...this.entries.values()].map((entry) => entry.name);
  }

  /** `[name, values]` pairs, names as first spelt. */
  toArray(): Array<[string, readonly string[]]> {
    return [...this.entries.values()].map((entry) => [entry.name, entry.values]);
  }

  /** Plain object (`string[]` for repeated headers). */
  toRecord(): Record<string, string | string[]> {
    const record: Record<string, string | string[]> = {};
    for (const { name, values } of this.entries.values()) record[name] = values.length === 1 ? values[0] : values;
    return record;
  }

  /** {@link toRecord} as Node and undici send it: text beyond Latin-1 as its UTF-8 bytes. */
  toWireRecord(): Record<string, string | string[]> {
    const record: Record<string, string | string[]> = {};
    for (const { name, values } of this.entries.values()) {
      const wire = values.map(toWireText);
      record[name] = wire.length === 1 ? wire[0] : wire;
    }
    return record;
  }
}
