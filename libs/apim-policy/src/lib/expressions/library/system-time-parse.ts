/**
 * Reading dates, times and durations as .NET does with the invariant culture, without the host's
 * time zone (the gateway's local zone is UTC): `DateTime.Parse`, `DateTimeOffset.Parse`/
 * `ParseExact`, `TimeSpan.Parse`. A text that does not fit is undefined here; callers turn that
 * into a FormatException fault or `false` from TryParse.
 */

/** A parsed instant and the offset written in the text (undefined when none was written). */
export interface ParsedDate {
  /** The UTC instant (text without an offset is read as UTC). */
  readonly instant: Date;
  /** Minutes east of UTC written in the text (`+02:00` → 120, `Z` → 0). */
  readonly offsetMinutes?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Builds a date from wall-clock fields, checking each range (February 30th is not a date). */
export function dateFromFields(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || millisecond > 999) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `.5` → 500 ms; digits past the millisecond are dropped (the clock has milliseconds). */
function fractionMs(digits: string | undefined): number {
  return digits ? Math.floor(Number(`0.${digits}`) * 1000) : 0;
}

function offsetOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^(z|gmt|utc)$/i.test(text)) return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

function withOffset(clock: Date | undefined, offsetText: string | undefined): ParsedDate | undefined {
  if (!clock) return undefined;
  if (offsetText === undefined) return { instant: clock };
  const offsetMinutes = offsetOf(offsetText);
  if (offsetMinutes === undefined || Math.abs(offsetMinutes) > 14 * 60) return undefined;
  return { instant: new Date(clock.getTime() - offsetMinutes * 60_000), offsetMinutes };
}

function hour12(hour: number, designator: string | undefined): number {
  if (!designator) return hour;
  if (hour < 1 || hour > 12) return 99;
  return (hour % 12) + (designator.toUpperCase() === 'PM' ? 12 : 0);
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const INVARIANT =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*(AM|PM)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const RFC1123 =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(GMT|UTC|Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `DateTime.Parse` / `DateTimeOffset.Parse` with the invariant culture: ISO 8601
 * (`2024-05-06`, `2024-05-06T07:08:09.123Z`, `…+02:00`), `MM/dd/yyyy [HH:mm[:ss]] [AM|PM]`,
 * `yyyy/MM/dd`, and RFC 1123 (`Mon, 06 May 2024 07:08:09 GMT`).
 */
export function parseDate(text: string): ParsedDate | undefined {
  const trimmed = text.trim();
  let m = ISO.exec(trimmed);
  if (m) {
    const clock = dateFromFields(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fractionMs(m[7]));
    return withOffset(clock, m[8]);
  }
  m = INVARIANT.exec(trimmed);
  if (m) {
    const hour = hour12(+(m[4] ?? 0), m[8]);
    const clock = dateFromFields(+m[3], +m[1], +m[2], hour, +(m[5] ?? 0), +(m[6] ?? 0), fractionMs(m[7]));
    return withOffset(clock, m[9]);
  }
  m = YEAR_FIRST.exec(trimmed);
  if (m) return withOffset(dateFromFields(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)), undefined);
  m = RFC1123.exec(trimmed);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (month === 0) return undefined;
    const clock = dateFromFields(+m[3], month, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return withOffset(clock, m[7]);
  }
  return undefined;
}

const EXACT_STANDARD: Readonly<Record<string, string>> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  d: 'MM/dd/yyyy',
  G: 'MM/dd/yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  t: 'HH:mm',
  T: 'HH:mm:ss',
};

/** `ParseExact(text, format, null)`: the text must match the custom or standard format exactly. */
export function parseExactDate(text: string, format: string): ParsedDate | undefined {
  const pattern = EXACT_STANDARD[format] ?? format;
  const fields = {
    year: 1,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: undefined as boolean | undefined,
  };
  let offset: string | undefined;
  let at = 0;
  let i = 0;
  const take = (re: RegExp): string | undefined => {
    const match = re.exec(text.slice(at));
    if (!match) return undefined;
    at += match[0].length;
    return match[0];
  };
  while (i < pattern.length) {
    const c = pattern[i];
    let n = 1;
    while (pattern[i + n] === c) n++;
    let ok: string | undefined = '';
    switch (c) {
      case 'y':
        ok = take(n <= 2 ? /^\d{2}/ : new RegExp(`^\\d{${Math.max(n, 4)}}`));
        if (ok) fields.year = n <= 2 ? 2000 + Number(ok) - (Number(ok) >= 50 ? 100 : 0) : Number(ok);
        break;
      case 'M':
        if (n >= 3) {
          ok = take(/^[A-Za-z]+/);
          const month = ok ? MONTHS.indexOf(ok.slice(0, 3).toLowerCase()) + 1 : 0;
          if (month === 0) ok = undefined;
          else fields.month = month;
        } else {
          ok = take(n === 1 ? /^\d{1,2}/ : /^\d{2}/);
          if (ok) fields.month = Number(ok);
        }
        break;
      case 'd':
        if (n >= 3) ok = take(/^[A-Za-z]+/);
        else {
          ok = take(n === 1 ? /^\d{1,2}/ : /^\d{2}/);
          if (ok) fields.day = Number(ok);
        }
        break;
      case 'H':
      case 'h':
      case 'm':
      case 's': {
        ok = take(n === 1 ? /^\d{1,2}/ : /^\d{2}/);
        const value = Number(ok);
        if (c === 'H' || c === 'h') fields.hour = value;
        else if (c === 'm') fields.minute = value;
        else fields.second = value;
        break;
      }
      case 'f':
      case 'F':
        ok = take(c === 'f' ? new RegExp(`^\\d{${n}}`) : new RegExp(`^\\d{0,${n}}`));
        if (ok !== undefined) fields.ms = fractionMs(ok);
        break;
      case 't':
        ok = take(n === 1 ? /^[AP]/i : /^(AM|PM)/i);
        if (ok) fields.pm = ok.toUpperCase().startsWith('P');
        break;
      case 'z':
        ok = take(n === 1 ? /^[+-]\d{1,2}/ : n === 2 ? /^[+-]\d{2}/ : /^[+-]\d{2}:\d{2}/);
        offset = ok;
        break;
      case 'K':
        ok = take(/^(Z|[+-]\d{2}:\d{2})?/i);
        if (ok) offset = ok;
        n = 1;
        break;
      case "'":
      case '"': {
        const end = pattern.indexOf(c, i + 1);
        if (end < 0) return undefined;
        const literal = pattern.slice(i + 1, end);
        ok = text.startsWith(literal, at) ? literal : undefined;
        at += literal.length;
        n = end - i + 1;
        break;
      }
      case '\\':
        ok = text[at] === pattern[i + 1] ? text[at] : undefined;
        at += 1;
        n = 2;
        break;
      case '%':
        n = 1;
        break;
      default:
        ok = text[at] === c ? c : undefined;
        at += 1;
        n = 1;
    }
    if (ok === undefined) return undefined;
    i += n;
  }
  if (at !== text.length) return undefined;
  const hour = fields.pm === undefined ? fields.hour : hour12(fields.hour, fields.pm ? 'PM' : 'AM');
  const clock = dateFromFields(fields.year, fields.month, fields.day, hour, fields.minute, fields.second, fields.ms);
  return withOffset(clock, offset);
}

/**
 * `TimeSpan.Parse`: `[-]d`, `[-][d.]hh:mm[:ss[.fffffff]]` with hours < 24, minutes and seconds
 * < 60 (OverflowException in .NET; undefined here). Milliseconds, fractions kept.
 */
export function parseTimeSpan(text: string): number | undefined {
  const trimmed = text.trim();
  const days = /^(-)?(\d+)$/.exec(trimmed);
  if (days) return (days[1] ? -1 : 1) * Number(days[2]) * 86_400_000;
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(trimmed);
  if (!m) return undefined;
  const [hours, minutes, seconds] = [Number(m[3]), Number(m[4]), Number(m[5] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ticks = m[6] ? Number(m[6].padEnd(7, '0')) : 0;
  const total = Number(m[2] ?? 0) * 86_400_000 + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + ticks / 10_000;
  return m[1] ? -total : total;
}
