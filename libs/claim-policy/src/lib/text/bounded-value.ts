/**
 * Bounded views of values that came from a token (or from a caller that skipped parseCompactJws):
 * nothing here recurses deeper than `maxDepth`, so a value nested 100 000 levels deep renders as
 * `[nested too deep]` instead of overflowing the stack the way `JSON.stringify` would.
 */

/** Text that stands in for a value nested deeper than allowed. */
export const NESTED_TOO_DEEP = '[nested too deep]';

/** Nesting well above parseCompactJws's 16 levels: anything a parsed token holds renders exactly. */
export const MAX_RENDER_DEPTH = 32;

/** True when arrays/objects in `value` nest at most `maxDepth` levels (a flat array is 1). Stops early. */
export function nestsWithin(value: unknown, maxDepth: number = MAX_RENDER_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (maxDepth <= 0) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.every((child) => nestsWithin(child, maxDepth - 1));
}

/**
 * The JSON text of `value` (exactly `JSON.stringify`'s, for comparisons), or
 * {@link NESTED_TOO_DEEP} when it nests deeper than `maxDepth`. Not length-capped.
 */
export function jsonTextWithin(value: unknown, maxDepth: number = MAX_RENDER_DEPTH): string {
  if (!nestsWithin(value, maxDepth)) return NESTED_TOO_DEEP;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return renderBounded(value, maxDepth, Infinity); // BigInt, a throwing toJSON: not from a token
  }
}

/**
 * JSON-like text of `value` for messages and logs: nesting past `maxDepth` becomes
 * {@link NESTED_TOO_DEEP}, and the text stops near `maxLength` characters with `…`.
 */
export function renderBounded(value: unknown, maxDepth = 8, maxLength = 200): string {
  const out: string[] = [];
  let length = 0;
  const emit = (text: string): boolean => {
    if (length >= maxLength) return false;
    out.push(text);
    length += text.length;
    return length < maxLength;
  };
  const walk = (item: unknown, depth: number): boolean => {
    if (typeof item !== 'object' || item === null) return emit(scalarText(item));
    if (depth >= maxDepth) return emit(NESTED_TOO_DEEP);
    const isArray = Array.isArray(item);
    if (!emit(isArray ? '[' : '{')) return false;
    // Index loops, not map/entries: a million-element value costs only what is rendered.
    if (isArray) {
      const array = item as readonly unknown[];
      for (let index = 0; index < array.length; index++) {
        if ((index > 0 && !emit(',')) || !walk(array[index], depth + 1)) return false;
      }
    } else {
      const record = item as Readonly<Record<string, unknown>>;
      let first = true;
      for (const key in record) {
        if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
        if ((!first && !emit(',')) || !emit(`${JSON.stringify(key)}:`) || !walk(record[key], depth + 1)) return false;
        first = false;
      }
    }
    return emit(isArray ? ']' : '}');
  };
  const complete = walk(value, 0);
  const text = out.join('');
  return complete && text.length <= maxLength ? text : `${text.slice(0, maxLength)}…`;
}

/**
 * `value` itself when it nests at most `maxDepth` levels, otherwise its bounded rendering: what a
 * Reason may carry in `expected`/`actual`, so callers can log decisions with any JSON serializer.
 */
export function boundedValue(value: unknown, maxDepth: number = MAX_RENDER_DEPTH): unknown {
  return nestsWithin(value, maxDepth) ? value : renderBounded(value);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? 'null';
}
