import { fault } from '../members';

/**
 * .NET TimeSpan format strings: `c` (`[-][d.]hh:mm:ss[.fffffff]`, also the default ToString()),
 * `g` (`[-][d:]h:mm:ss[.FFFFFFF]`), `G` (`[-]d:hh:mm:ss.fffffff`) and custom patterns
 * (`hh\:mm\:ss`, `d\.hh`, `'days: 'd`), where every character that is not a specifier must be
 * quoted or escaped, as .NET demands. The value is in milliseconds; fractions keep 100 ns ticks.
 */
export function formatTimeSpanWith(milliseconds: number, spec: string): string {
  const parts = splitTicks(milliseconds);
  switch (spec) {
    case '':
    case 'c':
    case 't':
    case 'T': {
      const days = parts.days > 0 ? `${parts.days}.` : '';
      const fraction = parts.ticks > 0 ? `.${pad(parts.ticks, 7)}` : '';
      return `${parts.sign}${days}${pad(parts.hours, 2)}:${pad(parts.minutes, 2)}:${pad(parts.seconds, 2)}${fraction}`;
    }
    case 'g': {
      const days = parts.days > 0 ? `${parts.days}:` : '';
      const fraction = parts.ticks > 0 ? `.${pad(parts.ticks, 7).replace(/0+$/, '')}` : '';
      return `${parts.sign}${days}${parts.hours}:${pad(parts.minutes, 2)}:${pad(parts.seconds, 2)}${fraction}`;
    }
    case 'G':
      return `${parts.sign}${parts.days}:${pad(parts.hours, 2)}:${pad(parts.minutes, 2)}:${pad(parts.seconds, 2)}.${pad(parts.ticks, 7)}`;
    default:
      if (spec.length === 1) throw badFormat(spec);
      return formatCustom(parts, spec);
  }
}

interface TimeSpanParts {
  readonly sign: '' | '-';
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  /** 100 ns ticks within the second. */
  readonly ticks: number;
}

function splitTicks(milliseconds: number): TimeSpanParts {
  let rest = Math.round(Math.abs(milliseconds) * 10_000);
  const perSecond = 10_000_000;
  const ticks = rest % perSecond;
  rest = (rest - ticks) / perSecond;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  rest = (rest - minutes) / 60;
  const hours = rest % 24;
  const days = (rest - hours) / 24;
  const sign = milliseconds < 0 && (days || hours || minutes || seconds || ticks) ? '-' : '';
  return { sign, days, hours, minutes, seconds, ticks };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function badFormat(spec: string): Error {
  return fault(
    `"${spec}" is not a valid TimeSpan format (FormatException); quote or escape literal text: hh\\:mm\\:ss`,
  );
}

function formatCustom(parts: TimeSpanParts, format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    let n = 1;
    while (format[i + n] === c) n++;
    switch (c) {
      case 'd':
        if (n > 8) throw badFormat(format);
        out += pad(parts.days, n);
        break;
      case 'h':
      case 'm':
      case 's': {
        if (n > 2) throw badFormat(format);
        const value = c === 'h' ? parts.hours : c === 'm' ? parts.minutes : parts.seconds;
        out += pad(value, n);
        break;
      }
      case 'f':
        if (n > 7) throw badFormat(format);
        out += pad(parts.ticks, 7).slice(0, n);
        break;
      case 'F':
        if (n > 7) throw badFormat(format);
        out += pad(parts.ticks, 7).slice(0, n).replace(/0+$/, '');
        break;
      case "'":
      case '"': {
        const end = format.indexOf(c, i + 1);
        if (end < 0) throw badFormat(format);
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
        throw badFormat(format);
    }
    i += n;
  }
  return out;
}
