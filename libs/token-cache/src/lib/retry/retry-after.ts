/**
 * Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds or an HTTP date.
 * @param value the header value, if any
 * @param now the current time in ms since the epoch (the reference for an HTTP date)
 * @returns the delay in ms (0 for a date in the past), or `undefined` when the header is absent or unreadable
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date has a day and month name; without letters, Date.parse would also read numbers like "-3" as dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
