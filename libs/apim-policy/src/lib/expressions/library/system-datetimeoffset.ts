import { clockNow } from '../evaluation-clock';
import { TimeSpanValue } from '../context-view';
import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DATE_TIME, DOUBLE, INT, STRING, type Type, named } from '../types';
import type { LibraryConversion, LibraryOperator } from './library-module';
import { type FormattableValue } from './system-format';
import { formatDateWith } from './system-format-date';
import { LONG, compareNumbers, withOutParams } from './system-numbers';
import { withKind } from './system-date-kind';
import { checkedDate, ticksOfDate } from './system-datetime';
import { type ParsedDate, dateFromFields, daysInMonth, parseDate, parseExactDate } from './system-time-parse';
import { TIME_SPAN } from './system-timespan';

/**
 * `System.DateTimeOffset` (APIM allows all of it): an instant plus the offset it was written
 * with. `Parse`/`TryParse`/`ParseExact` (invariant culture; no offset in the text means UTC, the
 * gateway's local zone), `FromUnixTimeSeconds`/`Milliseconds`, `ToUnixTime…`, `UtcDateTime`,
 * `DateTime` (the wall clock), `Offset`, `ToOffset`, components, `Add…`, operators and
 * comparisons (by instant, as .NET). Millisecond precision.
 */

export const DATE_TIME_OFFSET: Type = named('DateTimeOffset');

export class DateTimeOffsetValue implements FormattableValue {
  constructor(
    /** The UTC instant. */
    readonly instant: Date,
    /** Minutes east of UTC. */
    readonly offsetMinutes: number,
  ) {}

  /** The wall-clock time at the offset, in a Date's UTC fields. */
  get clock(): Date {
    return new Date(this.instant.getTime() + this.offsetMinutes * 60_000);
  }

  formatWith(spec: string): string {
    const zone = { kind: 'offset', minutes: this.offsetMinutes } as const;
    return spec === ''
      ? formatDateWith(this.clock, 'MM/dd/yyyy HH:mm:ss zzz', zone)
      : formatDateWith(this.clock, spec, zone);
  }
}

const utc = (instant: Date) => new DateTimeOffsetValue(instant, 0);

function offsetMinutesOf(span: TimeSpanValue, what: string): number {
  const minutes = span.milliseconds / 60_000;
  if (!Number.isInteger(minutes) || Math.abs(minutes) > 14 * 60) {
    throw fault(`${what}: the offset must be whole minutes within ±14 hours (ArgumentException)`);
  }
  return minutes;
}

function fromParsed(parsed: ParsedDate): DateTimeOffsetValue {
  return new DateTimeOffsetValue(parsed.instant, parsed.offsetMinutes ?? 0);
}

function parseOrFault(text: string | null): DateTimeOffsetValue {
  if (text === null) throw fault('DateTimeOffset.Parse: the text is null (ArgumentNullException)');
  const parsed = parseDate(text);
  if (!parsed)
    throw fault(
      `"${text}" is not a date and time DateTimeOffset.Parse understands; write ISO 8601 like 2024-05-06T07:08:09+02:00 (FormatException)`,
    );
  return fromParsed(parsed);
}

function parseExactOrFault(text: string | null, format: string | null): DateTimeOffsetValue {
  if (text === null || format === null)
    throw fault('DateTimeOffset.ParseExact: the text or format is null (ArgumentNullException)');
  const parsed = parseExactDate(text, format);
  if (!parsed) throw fault(`"${text}" does not match the format "${format}" (FormatException)`);
  return fromParsed(parsed);
}

const UNIX_MIN_SECONDS = -62_135_596_800;
const UNIX_MAX_SECONDS = 253_402_300_799;

const shift =
  (what: string, ms: (d: DateTimeOffsetValue, amount: number) => number) => (d: DateTimeOffsetValue, amount: number) =>
    new DateTimeOffsetValue(checkedDate(ms(d, amount), `DateTimeOffset.${what}`), d.offsetMinutes);

const addUnit = (what: string, msPerUnit: number) =>
  method(
    sig<DateTimeOffsetValue, [number]>(
      [DOUBLE],
      DATE_TIME_OFFSET,
      shift(what, (d, n) => d.instant.getTime() + Math.round(n * msPerUnit)),
    ),
  );

function addMonths(d: DateTimeOffsetValue, months: number): DateTimeOffsetValue {
  const clock = d.clock;
  const total = clock.getUTCFullYear() * 12 + clock.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(clock.getUTCDate(), daysInMonth(year, month));
  const date = dateFromFields(
    year,
    month,
    day,
    clock.getUTCHours(),
    clock.getUTCMinutes(),
    clock.getUTCSeconds(),
    clock.getUTCMilliseconds(),
  );
  if (!date)
    throw fault(
      'DateTimeOffset.AddMonths: the result is outside 0001-01-01 … 9999-12-31 (ArgumentOutOfRangeException)',
    );
  return new DateTimeOffsetValue(new Date(date.getTime() - d.offsetMinutes * 60_000), d.offsetMinutes);
}

export const DateTimeOffsetStatics: TypeMembers = members(
  {
    UtcNow: prop(DATE_TIME_OFFSET, () => utc(new Date(clockNow()))),
    Now: prop(DATE_TIME_OFFSET, () => utc(new Date(clockNow()))),
    MinValue: prop(DATE_TIME_OFFSET, () => utc(new Date(UNIX_MIN_SECONDS * 1000))),
    MaxValue: prop(DATE_TIME_OFFSET, () => utc(new Date(UNIX_MAX_SECONDS * 1000 + 999))),
    UnixEpoch: prop(DATE_TIME_OFFSET, () => utc(new Date(0))),
  },
  {
    Parse: method(
      sig<null, [string | null]>([STRING], DATE_TIME_OFFSET, (_, text) => parseOrFault(text), { allowsNull: true }),
    ),
    TryParse: method(
      withOutParams(
        sig<null, [string | null, { value: unknown }]>(
          [STRING, DATE_TIME_OFFSET],
          BOOL,
          (_, text, box) => {
            const parsed = text === null ? undefined : parseDate(text);
            box.value = parsed ? fromParsed(parsed) : utc(new Date(UNIX_MIN_SECONDS * 1000));
            return parsed !== undefined;
          },
          { allowsNull: true },
        ),
        [1],
      ),
    ),
    ParseExact: method(
      sig<null, [string | null, string | null, unknown]>(
        [STRING, STRING, named('IFormatProvider')],
        DATE_TIME_OFFSET,
        (_, text, format) => parseExactOrFault(text, format),
        { allowsNull: true },
      ),
    ),
    FromUnixTimeSeconds: method(
      sig<null, [number]>([LONG], DATE_TIME_OFFSET, (_, seconds) => {
        if (seconds < UNIX_MIN_SECONDS || seconds > UNIX_MAX_SECONDS)
          throw fault(`DateTimeOffset.FromUnixTimeSeconds(${seconds}): out of range (ArgumentOutOfRangeException)`);
        return utc(new Date(seconds * 1000));
      }),
    ),
    FromUnixTimeMilliseconds: method(
      sig<null, [number]>([LONG], DATE_TIME_OFFSET, (_, ms) =>
        utc(checkedDate(ms, `DateTimeOffset.FromUnixTimeMilliseconds(${ms})`)),
      ),
    ),
    Compare: method(
      sig<null, [DateTimeOffsetValue, DateTimeOffsetValue]>([DATE_TIME_OFFSET, DATE_TIME_OFFSET], INT, (_, a, b) =>
        compareNumbers(a.instant.getTime(), b.instant.getTime()),
      ),
    ),
  },
);

export const DATE_TIME_OFFSET_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [Date]>([DATE_TIME], DATE_TIME_OFFSET, (_, date) => utc(date)),
  sig<null, [Date, TimeSpanValue]>([DATE_TIME, TIME_SPAN], DATE_TIME_OFFSET, (_, clock, offset) => {
    const minutes = offsetMinutesOf(offset, 'new DateTimeOffset(DateTime, TimeSpan)');
    return new DateTimeOffsetValue(new Date(clock.getTime() - minutes * 60_000), minutes);
  }),
  ...[6, 7].map((arity) =>
    sig<null, unknown[]>([...(Array(arity).fill(INT) as Type[]), TIME_SPAN], DATE_TIME_OFFSET, (_, ...args) => {
      const fields = args.slice(0, arity) as number[];
      const minutes = offsetMinutesOf(args[arity] as TimeSpanValue, 'new DateTimeOffset(…)');
      const [year, month, day, hour, minute, second, ms = 0] = fields;
      const clock = dateFromFields(year, month, day, hour, minute, second, ms);
      if (!clock)
        throw fault(
          `new DateTimeOffset(${fields.join(', ')}, …): not a valid date and time (ArgumentOutOfRangeException)`,
        );
      return new DateTimeOffsetValue(new Date(clock.getTime() - minutes * 60_000), minutes);
    }),
  ),
];

const clockPart = (read: (clock: Date) => number) => prop<DateTimeOffsetValue>(INT, (d) => read(d.clock));

function dayStart(clock: Date): Date {
  const day = new Date(clock.getTime());
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

export const DateTimeOffsetMembers: TypeMembers = members(
  {
    Year: clockPart((c) => c.getUTCFullYear()),
    Month: clockPart((c) => c.getUTCMonth() + 1),
    Day: clockPart((c) => c.getUTCDate()),
    Hour: clockPart((c) => c.getUTCHours()),
    Minute: clockPart((c) => c.getUTCMinutes()),
    Second: clockPart((c) => c.getUTCSeconds()),
    Millisecond: clockPart((c) => c.getUTCMilliseconds()),
    DayOfYear: clockPart(
      (c) => Math.floor((dayStart(c).getTime() - Date.UTC(c.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
    ),
    DayOfWeek: prop<DateTimeOffsetValue>(
      named('DayOfWeek'),
      (d) => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.clock.getUTCDay()],
    ),
    Offset: prop<DateTimeOffsetValue>(TIME_SPAN, (d) => new TimeSpanValue(d.offsetMinutes * 60_000)),
    UtcDateTime: prop<DateTimeOffsetValue>(DATE_TIME, (d) => new Date(d.instant.getTime())),
    LocalDateTime: prop<DateTimeOffsetValue>(DATE_TIME, (d) => withKind(new Date(d.instant.getTime()), 'Local')),
    DateTime: prop<DateTimeOffsetValue>(DATE_TIME, (d) => withKind(d.clock, 'Unspecified')),
    Date: prop<DateTimeOffsetValue>(DATE_TIME, (d) => withKind(dayStart(d.clock), 'Unspecified')),
    TimeOfDay: prop<DateTimeOffsetValue>(
      TIME_SPAN,
      (d) => new TimeSpanValue(d.clock.getTime() - dayStart(d.clock).getTime()),
    ),
    Ticks: prop<DateTimeOffsetValue>(LONG, (d) => ticksOfDate(d.clock)),
    UtcTicks: prop<DateTimeOffsetValue>(LONG, (d) => ticksOfDate(d.instant)),
  },
  {
    ToUnixTimeSeconds: method(sig<DateTimeOffsetValue, []>([], LONG, (d) => Math.floor(d.instant.getTime() / 1000))),
    ToUnixTimeMilliseconds: method(sig<DateTimeOffsetValue, []>([], LONG, (d) => d.instant.getTime())),
    ToUniversalTime: method(sig<DateTimeOffsetValue, []>([], DATE_TIME_OFFSET, (d) => utc(d.instant))),
    ToLocalTime: method(sig<DateTimeOffsetValue, []>([], DATE_TIME_OFFSET, (d) => utc(d.instant))),
    ToOffset: method(
      sig<DateTimeOffsetValue, [TimeSpanValue]>(
        [TIME_SPAN],
        DATE_TIME_OFFSET,
        (d, offset) => new DateTimeOffsetValue(d.instant, offsetMinutesOf(offset, 'DateTimeOffset.ToOffset')),
      ),
    ),
    Add: method(
      sig<DateTimeOffsetValue, [TimeSpanValue]>(
        [TIME_SPAN],
        DATE_TIME_OFFSET,
        (d, span) =>
          new DateTimeOffsetValue(
            checkedDate(d.instant.getTime() + span.milliseconds, 'DateTimeOffset.Add'),
            d.offsetMinutes,
          ),
      ),
    ),
    AddDays: addUnit('AddDays', 86_400_000),
    AddHours: addUnit('AddHours', 3_600_000),
    AddMinutes: addUnit('AddMinutes', 60_000),
    AddSeconds: addUnit('AddSeconds', 1000),
    AddMilliseconds: addUnit('AddMilliseconds', 1),
    AddMonths: method(sig<DateTimeOffsetValue, [number]>([INT], DATE_TIME_OFFSET, (d, n) => addMonths(d, n))),
    AddYears: method(sig<DateTimeOffsetValue, [number]>([INT], DATE_TIME_OFFSET, (d, n) => addMonths(d, n * 12))),
    Subtract: method(
      sig<DateTimeOffsetValue, [DateTimeOffsetValue]>(
        [DATE_TIME_OFFSET],
        TIME_SPAN,
        (d, other) => new TimeSpanValue(d.instant.getTime() - other.instant.getTime()),
      ),
      sig<DateTimeOffsetValue, [TimeSpanValue]>(
        [TIME_SPAN],
        DATE_TIME_OFFSET,
        (d, span) =>
          new DateTimeOffsetValue(
            checkedDate(d.instant.getTime() - span.milliseconds, 'DateTimeOffset.Subtract'),
            d.offsetMinutes,
          ),
      ),
    ),
    CompareTo: method(
      sig<DateTimeOffsetValue, [DateTimeOffsetValue]>([DATE_TIME_OFFSET], INT, (d, o) =>
        compareNumbers(d.instant.getTime(), o.instant.getTime()),
      ),
    ),
    Equals: method(
      sig<DateTimeOffsetValue, [DateTimeOffsetValue]>(
        [DATE_TIME_OFFSET],
        BOOL,
        (d, o) => d.instant.getTime() === o.instant.getTime(),
      ),
    ),
    EqualsExact: method(
      sig<DateTimeOffsetValue, [DateTimeOffsetValue]>(
        [DATE_TIME_OFFSET],
        BOOL,
        (d, o) => d.instant.getTime() === o.instant.getTime() && d.offsetMinutes === o.offsetMinutes,
      ),
    ),
    ToString: method(
      sig<DateTimeOffsetValue, []>([], STRING, (d) => d.formatWith('')),
      sig<DateTimeOffsetValue, [string | null]>([STRING], STRING, (d, format) => d.formatWith(format ?? ''), {
        allowsNull: true,
      }),
    ),
  },
);

const at = (value: unknown) => (value as DateTimeOffsetValue).instant.getTime();
const compareOp = (op: LibraryOperator['op'], test: (a: number, b: number) => boolean): LibraryOperator => ({
  op,
  left: 'DateTimeOffset',
  right: 'DateTimeOffset',
  returns: BOOL,
  apply: (a, b) => test(at(a), at(b)),
});

export const DATE_TIME_OFFSET_OPERATORS: readonly LibraryOperator[] = [
  {
    op: '-',
    left: 'DateTimeOffset',
    right: 'DateTimeOffset',
    returns: TIME_SPAN,
    apply: (a, b) => new TimeSpanValue(at(a) - at(b)),
  },
  {
    op: '+',
    left: 'DateTimeOffset',
    right: 'TimeSpan',
    returns: DATE_TIME_OFFSET,
    apply: (a, b) =>
      new DateTimeOffsetValue(
        checkedDate(at(a) + (b as TimeSpanValue).milliseconds, 'DateTimeOffset + TimeSpan'),
        (a as DateTimeOffsetValue).offsetMinutes,
      ),
  },
  {
    op: '-',
    left: 'DateTimeOffset',
    right: 'TimeSpan',
    returns: DATE_TIME_OFFSET,
    apply: (a, b) =>
      new DateTimeOffsetValue(
        checkedDate(at(a) - (b as TimeSpanValue).milliseconds, 'DateTimeOffset - TimeSpan'),
        (a as DateTimeOffsetValue).offsetMinutes,
      ),
  },
  compareOp('==', (a, b) => a === b),
  compareOp('!=', (a, b) => a !== b),
  compareOp('<', (a, b) => a < b),
  compareOp('<=', (a, b) => a <= b),
  compareOp('>', (a, b) => a > b),
  compareOp('>=', (a, b) => a >= b),
];

/** C#'s implicit DateTime → DateTimeOffset (offset 0 here: every DateTime is UTC). */
export const DATE_TIME_OFFSET_CONVERSIONS: readonly LibraryConversion[] = [
  { from: 'DateTime', to: 'DateTimeOffset', implicit: true, convert: (value) => utc(value as Date) },
];
