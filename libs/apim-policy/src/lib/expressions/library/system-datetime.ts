import { clockNow } from '../evaluation-clock';
import { TimeSpanValue } from '../context-view';
import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DATE_TIME, DOUBLE, INT, STRING, type Type, named } from '../types';
import { formatValue } from '../value-format';
import type { LibraryConversion, LibraryOperator } from './library-module';
import { formatWithSpecifier } from './system-format';
import { withKind, sameKind } from './system-date-kind';
import { LONG } from './system-numbers';
import { dateFromFields, daysInMonth, isLeapYear, parseDate } from './system-time-parse';
import { TIME_SPAN } from './system-timespan';

/**
 * `System.DateTime` on a JS Date, with the members APIM allows: constructors, `Add…`, `Date`,
 * `Day`, `DayOfWeek`, `DayOfYear`, `DaysInMonth`, `Hour`, `IsDaylightSavingTime`, `IsLeapYear`,
 * `MaxValue`, `Millisecond`, `Minute`, `MinValue`, `Month`, `Now`, `Parse`, `Second`, `Subtract`,
 * `Ticks`, `TimeOfDay`, `Today`, `ToString`, `UtcNow`, `Year`. The gateway's clock and local
 * zone are UTC, so every Date holds the wall-clock time in its UTC fields; the Kind (.NET's Utc,
 * Local or Unspecified, system-date-kind.ts) only decides what `ToString("o")` and `K` print.
 * Millisecond precision; `Ticks` beyond 2^53 is the nearest double. `TryParse`, `ParseExact`, `ToUniversalTime`, `Kind` are not in APIM's list:
 * use DateTimeOffset, which APIM allows whole.
 */

const DAY_OF_WEEK = named('DayOfWeek');
const DATE_TIME_KIND = named('DateTimeKind');
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Milliseconds from 0001-01-01 to 1970-01-01. */
const EPOCH_OFFSET_MS = 62_135_596_800_000;
const MIN_MS = -EPOCH_OFFSET_MS;
const MAX_MS = 253_402_300_799_999;

/** A Date checked against .NET's 0001-01-01 … 9999-12-31 range. */
export function checkedDate(ms: number, what: string, like?: Date): Date {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw fault(`${what}: the result is outside 0001-01-01 … 9999-12-31 (ArgumentOutOfRangeException)`);
  }
  const date = new Date(Math.trunc(ms));
  return like ? sameKind(date, like) : date;
}

export function ticksOfDate(date: Date): number {
  return (date.getTime() + EPOCH_OFFSET_MS) * 10_000;
}

function dateAt(date: Date): Date {
  const day = new Date(date.getTime());
  day.setUTCHours(0, 0, 0, 0);
  return sameKind(day, date);
}

function addMonths(date: Date, months: number, what: string): Date {
  if (!Number.isInteger(months)) throw fault(`${what}: months must be whole`);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999)
    throw fault(`${what}: the result is outside 0001-01-01 … 9999-12-31 (ArgumentOutOfRangeException)`);
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const result = dateFromFields(year, month, day) as Date;
  return sameKind(new Date(result.getTime() + (date.getTime() - dateAt(date).getTime())), date);
}

const addUnit = (name: string, msPerUnit: number) =>
  method(
    sig<Date, [number]>([DOUBLE], DATE_TIME, (d, value) =>
      checkedDate(d.getTime() + roundMs(value * msPerUnit), `DateTime.${name}`, d),
    ),
  );

/** The clock has milliseconds: `AddSeconds(1.0004)` adds 1000 ms. */
function roundMs(ms: number): number {
  return Math.round(ms);
}

export function parseDateOrFault(text: string | null): Date {
  if (text === null) throw fault('DateTime.Parse: the text is null (ArgumentNullException)');
  const parsed = parseDate(text);
  if (!parsed) {
    throw fault(
      `"${text}" is not a date and time DateTime.Parse understands; write ISO 8601 like 2024-05-06T07:08:09Z (FormatException)`,
    );
  }
  // Text without an offset is Unspecified; with one, .NET converts to local time (UTC here).
  return withKind(parsed.instant, parsed.offsetMinutes === undefined ? 'Unspecified' : 'Local');
}

export const DateTimeStatics: TypeMembers = members(
  {
    UtcNow: prop(DATE_TIME, () => new Date(clockNow())),
    Now: prop(DATE_TIME, () => withKind(new Date(clockNow()), 'Local')),
    Today: prop(DATE_TIME, () => dateAt(withKind(new Date(clockNow()), 'Local'))),
    MinValue: prop(DATE_TIME, () => withKind(new Date(MIN_MS), 'Unspecified')),
    MaxValue: prop(DATE_TIME, () => withKind(new Date(MAX_MS), 'Unspecified')),
  },
  {
    Parse: method(
      sig<null, [string | null]>([STRING], DATE_TIME, (_, text) => parseDateOrFault(text), { allowsNull: true }),
    ),
    DaysInMonth: method(
      sig<null, [number, number]>([INT, INT], INT, (_, year, month) => {
        if (year < 1 || year > 9999 || month < 1 || month > 12)
          throw fault(`DateTime.DaysInMonth(${year}, ${month}): out of range (ArgumentOutOfRangeException)`);
        return daysInMonth(year, month);
      }),
    ),
    IsLeapYear: method(sig<null, [number]>([INT], BOOL, (_, year) => isLeapYear(year))),
  },
  {
    hints: {
      TryParse:
        'DateTime.TryParse is not among the DateTime members APIM allows; use DateTimeOffset.TryParse(text, out var d) and d.UtcDateTime',
      ParseExact:
        'DateTime.ParseExact is not among the DateTime members APIM allows; use DateTimeOffset.ParseExact(text, format, null).UtcDateTime',
      SpecifyKind: 'DateTime.SpecifyKind is not among the DateTime members APIM allows; every DateTime here is UTC',
    },
  },
);

function construct(fields: number[], what: string): Date {
  const [year, month, day, hour = 0, minute = 0, second = 0, ms = 0] = fields;
  const date = dateFromFields(year, month, day, hour, minute, second, ms);
  if (!date)
    throw fault(
      `new DateTime(${fields.join(', ')}): ${what} is not a valid date and time (ArgumentOutOfRangeException)`,
    );
  return date;
}

const KIND_UTC = 'Utc';

/** `new DateTime(y, M, d[, h, m, s[, ms]][, DateTimeKind.Utc])` and `new DateTime(ticks)`. */
export const DATE_TIME_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [number]>([LONG], DATE_TIME, (_, ticks) =>
    withKind(checkedDate(ticks / 10_000 - EPOCH_OFFSET_MS, 'new DateTime(ticks)'), 'Unspecified'),
  ),
  ...[3, 6, 7].flatMap((arity): Overload[] => [
    sig<null, number[]>(Array(arity).fill(INT) as Type[], DATE_TIME, (_, ...fields) =>
      withKind(construct(fields, 'the result'), 'Unspecified'),
    ),
    sig<null, unknown[]>([...(Array(arity).fill(INT) as Type[]), DATE_TIME_KIND], DATE_TIME, (_, ...fields) =>
      construct(fields.slice(0, arity) as number[], 'the result'),
    ),
  ]),
];

export const DateTimeKindStatics: TypeMembers = members(
  { Utc: prop(DATE_TIME_KIND, () => KIND_UTC) },
  {},
  {
    hints: {
      Local: 'DateTimeKind.Local is not among the members APIM allows; only DateTimeKind.Utc',
      Unspecified: 'DateTimeKind.Unspecified is not among the members APIM allows; only DateTimeKind.Utc',
    },
  },
);

export const DayOfWeekStatics: TypeMembers = members(
  Object.fromEntries(DAYS.map((day) => [day, prop(DAY_OF_WEEK, () => day)])),
);

/** DateTime is treated as a reference type here, so `Jwt.ExpirationTime` (C# `DateTime?`) reads directly. */
export const DateTimeMembers: TypeMembers = members(
  {
    Year: prop<Date>(INT, (d) => d.getUTCFullYear()),
    Month: prop<Date>(INT, (d) => d.getUTCMonth() + 1),
    Day: prop<Date>(INT, (d) => d.getUTCDate()),
    Hour: prop<Date>(INT, (d) => d.getUTCHours()),
    Minute: prop<Date>(INT, (d) => d.getUTCMinutes()),
    Second: prop<Date>(INT, (d) => d.getUTCSeconds()),
    Millisecond: prop<Date>(INT, (d) => d.getUTCMilliseconds()),
    Date: prop<Date>(DATE_TIME, (d) => dateAt(d)),
    DayOfWeek: prop<Date>(DAY_OF_WEEK, (d) => DAYS[d.getUTCDay()]),
    DayOfYear: prop<Date>(
      INT,
      (d) => Math.floor((dateAt(d).getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
    ),
    Ticks: prop<Date>(LONG, (d) => ticksOfDate(d)),
    TimeOfDay: prop<Date>(TIME_SPAN, (d) => new TimeSpanValue(d.getTime() - dateAt(d).getTime())),
    HasValue: prop<Date>(BOOL, () => true),
    Value: prop<Date>(DATE_TIME, (d) => d),
  },
  {
    Add: method(
      sig<Date, [TimeSpanValue]>([TIME_SPAN], DATE_TIME, (d, span) =>
        checkedDate(d.getTime() + span.milliseconds, 'DateTime.Add', d),
      ),
    ),
    AddDays: addUnit('AddDays', 86_400_000),
    AddHours: addUnit('AddHours', 3_600_000),
    AddMinutes: addUnit('AddMinutes', 60_000),
    AddSeconds: addUnit('AddSeconds', 1000),
    AddMilliseconds: addUnit('AddMilliseconds', 1),
    AddTicks: method(
      sig<Date, [number]>([LONG], DATE_TIME, (d, ticks) =>
        checkedDate(d.getTime() + ticks / 10_000, 'DateTime.AddTicks', d),
      ),
    ),
    AddMonths: method(sig<Date, [number]>([INT], DATE_TIME, (d, months) => addMonths(d, months, 'DateTime.AddMonths'))),
    AddYears: method(
      sig<Date, [number]>([INT], DATE_TIME, (d, years) => addMonths(d, years * 12, 'DateTime.AddYears')),
    ),
    Subtract: method(
      sig<Date, [Date]>([DATE_TIME], TIME_SPAN, (d, other) => new TimeSpanValue(d.getTime() - other.getTime())),
      sig<Date, [TimeSpanValue]>([TIME_SPAN], DATE_TIME, (d, span) =>
        checkedDate(d.getTime() - span.milliseconds, 'DateTime.Subtract', d),
      ),
    ),
    IsDaylightSavingTime: method(sig<Date, []>([], BOOL, () => false)),
    ToString: method(
      sig<Date, []>([], STRING, (d) => formatValue(d)),
      sig<Date, [string | null]>([STRING], STRING, (d, format) => formatWithSpecifier(d, format ?? ''), {
        allowsNull: true,
      }),
    ),
  },
  {
    hints: {
      ToUniversalTime:
        'DateTime.ToUniversalTime is not among the DateTime members APIM allows; every DateTime here is already UTC',
      Kind: 'DateTime.Kind is not among the DateTime members APIM allows; every DateTime here is UTC',
      ToLocalTime: 'DateTime.ToLocalTime is not among the DateTime members APIM allows; the gateway runs in UTC',
    },
  },
);

const dateOp = (
  op: LibraryOperator['op'],
  right: string,
  returns: Type,
  apply: (a: Date, b: never) => unknown,
): LibraryOperator => ({
  op,
  left: 'DateTime',
  right,
  returns,
  apply: (a, b) => apply(a as Date, b as never),
});

export const DATE_TIME_OPERATORS: readonly LibraryOperator[] = [
  dateOp('-', 'DateTime', TIME_SPAN, (a, b: Date) => new TimeSpanValue(a.getTime() - b.getTime())),
  dateOp('+', 'TimeSpan', DATE_TIME, (a, b: TimeSpanValue) =>
    checkedDate(a.getTime() + b.milliseconds, 'DateTime + TimeSpan', a),
  ),
  dateOp('-', 'TimeSpan', DATE_TIME, (a, b: TimeSpanValue) =>
    checkedDate(a.getTime() - b.milliseconds, 'DateTime - TimeSpan', a),
  ),
  dateOp('==', 'DateTime', BOOL, (a, b: Date) => a.getTime() === b.getTime()),
  dateOp('!=', 'DateTime', BOOL, (a, b: Date) => a.getTime() !== b.getTime()),
  dateOp('<', 'DateTime', BOOL, (a, b: Date) => a.getTime() < b.getTime()),
  dateOp('<=', 'DateTime', BOOL, (a, b: Date) => a.getTime() <= b.getTime()),
  dateOp('>', 'DateTime', BOOL, (a, b: Date) => a.getTime() > b.getTime()),
  dateOp('>=', 'DateTime', BOOL, (a, b: Date) => a.getTime() >= b.getTime()),
  {
    op: '+',
    left: 'TimeSpan',
    right: 'DateTime',
    returns: DATE_TIME,
    apply: (a, b) =>
      checkedDate((b as Date).getTime() + (a as TimeSpanValue).milliseconds, 'TimeSpan + DateTime', b as Date),
  },
];

/** `(int)date.DayOfWeek` and `DayOfWeek.ToString()`. */
export const DAY_OF_WEEK_CONVERSIONS: readonly LibraryConversion[] = [
  { from: 'DayOfWeek', to: 'int', implicit: false, convert: (value) => DAYS.indexOf(value as string) },
];

export const DayOfWeekMembers: TypeMembers = members({}, { ToString: method(sig<string, []>([], STRING, (d) => d)) });
