import { fault } from '../members';

/**
 * .NET date and time format strings with the invariant culture (English names, `MM/dd/yyyy`).
 * `clock` holds the wall-clock time in its UTC fields; `zone` says what `K`, `z`, `o`, `r` and `u`
 * print: a DateTime of kind Utc (`Z`, offset +00:00 — the gateway's local zone is UTC), of kind
 * Local (`+00:00`), of kind Unspecified (nothing), or a DateTimeOffset's offset. Dates carry milliseconds: the last four
 * of seven fraction digits are always 0.
 */
export type DateZone =
  | { readonly kind: 'utc' }
  | { readonly kind: 'local' }
  | { readonly kind: 'unspecified' }
  | { readonly kind: 'offset'; readonly minutes: number };

export const UTC_ZONE: DateZone = { kind: 'utc' };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Standard one-letter patterns of the invariant culture. */
const STANDARD: Readonly<Record<string, string>> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

export function formatDateWith(clock: Date, spec: string, zone: DateZone): string {
  if (spec === '') return formatDateWith(clock, 'G', zone);
  if (spec.length === 1) return formatStandard(clock, spec, zone);
  return formatCustomDate(clock, spec, zone);
}

function formatStandard(clock: Date, letter: string, zone: DateZone): string {
  switch (letter) {
    case 'o':
    case 'O':
      return formatCustomDate(
        clock,
        zone.kind === 'offset'
          ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffzzz"
          : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
        zone,
      );
    case 'r':
    case 'R':
      return formatCustomDate(toUtc(clock, zone), "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'", UTC_ZONE);
    case 'u':
      return formatCustomDate(toUtc(clock, zone), "yyyy'-'MM'-'dd HH':'mm':'ss'Z'", UTC_ZONE);
    case 'U':
      if (zone.kind === 'offset') throw badFormat(letter);
      return formatCustomDate(clock, 'dddd, dd MMMM yyyy HH:mm:ss', UTC_ZONE);
    default: {
      const pattern = STANDARD[letter];
      if (!pattern) throw badFormat(letter);
      return formatCustomDate(clock, pattern, zone);
    }
  }
}

function toUtc(clock: Date, zone: DateZone): Date {
  return zone.kind === 'offset' ? new Date(clock.getTime() - zone.minutes * 60_000) : clock;
}

function badFormat(spec: string): Error {
  return fault(`"${spec}" is not a valid date and time format (FormatException)`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function offsetText(zone: DateZone, width: 1 | 2 | 3): string {
  const minutes = zone.kind === 'offset' ? zone.minutes : 0;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  if (width === 1) return `${sign}${hours}`;
  if (width === 2) return `${sign}${pad(hours, 2)}`;
  return `${sign}${pad(hours, 2)}:${pad(abs % 60, 2)}`;
}

/** Seven fraction digits (ticks within the second); the clock has milliseconds. */
function fractionDigits(clock: Date): string {
  return `${pad(clock.getUTCMilliseconds(), 3)}0000`;
}

function formatCustomDate(clock: Date, format: string, zone: DateZone): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    let n = 1;
    while (format[i + n] === c) n++;
    switch (c) {
      case 'd':
        if (n === 1 || n === 2) out += pad(clock.getUTCDate(), n);
        else if (n === 3) out += DAYS[clock.getUTCDay()].slice(0, 3);
        else out += DAYS[clock.getUTCDay()];
        break;
      case 'M':
        if (n <= 2) out += pad(clock.getUTCMonth() + 1, n);
        else if (n === 3) out += MONTHS[clock.getUTCMonth()].slice(0, 3);
        else out += MONTHS[clock.getUTCMonth()];
        break;
      case 'y': {
        const year = clock.getUTCFullYear();
        out += n === 1 ? String(year % 100) : n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      }
      case 'H':
        out += pad(clock.getUTCHours(), Math.min(n, 2));
        break;
      case 'h':
        out += pad(clock.getUTCHours() % 12 || 12, Math.min(n, 2));
        break;
      case 'm':
        out += pad(clock.getUTCMinutes(), Math.min(n, 2));
        break;
      case 's':
        out += pad(clock.getUTCSeconds(), Math.min(n, 2));
        break;
      case 't': {
        const designator = clock.getUTCHours() < 12 ? 'AM' : 'PM';
        out += n === 1 ? designator[0] : designator;
        break;
      }
      case 'f':
        if (n > 7) throw badFormat(format);
        out += fractionDigits(clock).slice(0, n);
        break;
      case 'F': {
        if (n > 7) throw badFormat(format);
        const digits = fractionDigits(clock).slice(0, n).replace(/0+$/, '');
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 'g':
        out += 'A.D.';
        break;
      case 'z':
        out += offsetText(zone, Math.min(n, 3) as 1 | 2 | 3);
        break;
      case 'K':
        out += zone.kind === 'utc' ? 'Z' : zone.kind === 'unspecified' ? '' : offsetText(zone, 3);
        n = 1;
        break;
      case ':':
      case '/':
        out += c;
        n = 1;
        break;
      case "'":
      case '"': {
        const end = format.indexOf(c, i + 1);
        if (end < 0) throw fault(`date format "${format}" has an unterminated quoted string (FormatException)`);
        out += format.slice(i + 1, end);
        n = end - i + 1;
        break;
      }
      case '\\':
        if (i + 1 >= format.length) throw badFormat(format);
        out += format[i + 1];
        n = 2;
        break;
      case '%':
        n = 1;
        break;
      default:
        out += c;
        n = 1;
    }
    i += n;
  }
  return out;
}
