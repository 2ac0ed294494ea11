import { TimeSpanValue } from '../context-view';
import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, DOUBLE, INT, STRING, type Type, named } from '../types';
import type { LibraryOperator } from './library-module';
import { formatWithSpecifier } from './system-format';
import { formatTimeSpanWith } from './system-format-timespan';
import { LONG, compareNumbers, withOutParams } from './system-numbers';
import { parseTimeSpan } from './system-time-parse';

/**
 * `System.TimeSpan` on TimeSpanValue (milliseconds, fractions keep 100 ns ticks): `FromX`,
 * `new TimeSpan(…)`, `Parse`/`TryParse`, components (`Hours` …, negative for negative spans as
 * in .NET), `TotalX`, `Add`/`Subtract`/`Negate`/`Duration`/`Multiply`/`Divide`, `ToString([format])`
 * and the operators `+ - * /` and comparisons.
 */

export const TIME_SPAN: Type = named('TimeSpan');

const TICKS_PER_MS = 10_000;

export function ticksOf(span: TimeSpanValue): number {
  return Math.round(span.milliseconds * TICKS_PER_MS);
}

/** A span from a tick count (truncated to whole ticks, as .NET's FromX do). */
export function spanOfTicks(ticks: number): TimeSpanValue {
  if (!Number.isFinite(ticks)) throw fault('TimeSpan overflowed because the duration is too long (OverflowException)');
  return new TimeSpanValue(Math.trunc(ticks) / TICKS_PER_MS);
}

const fromUnit = (msPerUnit: number) =>
  method(
    sig<null, [number]>([DOUBLE], TIME_SPAN, (_, value) => {
      if (Number.isNaN(value)) throw fault('TimeSpan: the value is NaN (ArgumentException)');
      return spanOfTicks(value * msPerUnit * TICKS_PER_MS);
    }),
  );

function parseOrFault(text: string | null): TimeSpanValue {
  if (text === null) throw fault('TimeSpan.Parse: the text is null (ArgumentNullException)');
  const ms = parseTimeSpan(text);
  if (ms === undefined)
    throw fault(`"${text}" is not a valid TimeSpan; write [d.]hh:mm[:ss[.fffffff]] (FormatException)`);
  return new TimeSpanValue(ms);
}

const MAX_TICKS = Number.MAX_SAFE_INTEGER;

export const TimeSpanStatics: TypeMembers = members(
  {
    Zero: prop(TIME_SPAN, () => new TimeSpanValue(0)),
    MaxValue: prop(TIME_SPAN, () => spanOfTicks(MAX_TICKS)),
    MinValue: prop(TIME_SPAN, () => spanOfTicks(-MAX_TICKS)),
    TicksPerMillisecond: prop(LONG, () => TICKS_PER_MS),
    TicksPerSecond: prop(LONG, () => 1000 * TICKS_PER_MS),
    TicksPerMinute: prop(LONG, () => 60_000 * TICKS_PER_MS),
    TicksPerHour: prop(LONG, () => 3_600_000 * TICKS_PER_MS),
    TicksPerDay: prop(LONG, () => 86_400_000 * TICKS_PER_MS),
  },
  {
    FromDays: fromUnit(86_400_000),
    FromHours: fromUnit(3_600_000),
    FromMinutes: fromUnit(60_000),
    FromSeconds: fromUnit(1000),
    FromMilliseconds: fromUnit(1),
    FromTicks: method(sig<null, [number]>([LONG], TIME_SPAN, (_, ticks) => spanOfTicks(ticks))),
    Parse: method(
      sig<null, [string | null]>([STRING], TIME_SPAN, (_, text) => parseOrFault(text), { allowsNull: true }),
    ),
    TryParse: method(
      withOutParams(
        sig<null, [string | null, { value: unknown }]>(
          [STRING, TIME_SPAN],
          BOOL,
          (_, text, box) => {
            const ms = text === null ? undefined : parseTimeSpan(text);
            box.value = new TimeSpanValue(ms ?? 0);
            return ms !== undefined;
          },
          { allowsNull: true },
        ),
        [1],
      ),
    ),
    Compare: method(
      sig<null, [TimeSpanValue, TimeSpanValue]>([TIME_SPAN, TIME_SPAN], INT, (_, a, b) =>
        compareNumbers(ticksOf(a), ticksOf(b)),
      ),
    ),
  },
);

/** `new TimeSpan(ticks)`, `(h, m, s)`, `(d, h, m, s)`, `(d, h, m, s, ms)`. */
export const TIME_SPAN_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [number]>([LONG], TIME_SPAN, (_, ticks) => spanOfTicks(ticks)),
  sig<null, [number, number, number]>(
    [INT, INT, INT],
    TIME_SPAN,
    (_, h, m, s) => new TimeSpanValue(((h * 60 + m) * 60 + s) * 1000),
  ),
  sig<null, [number, number, number, number]>(
    [INT, INT, INT, INT],
    TIME_SPAN,
    (_, d, h, m, s) => new TimeSpanValue((((d * 24 + h) * 60 + m) * 60 + s) * 1000),
  ),
  sig<null, [number, number, number, number, number]>(
    [INT, INT, INT, INT, INT],
    TIME_SPAN,
    (_, d, h, m, s, ms) => new TimeSpanValue((((d * 24 + h) * 60 + m) * 60 + s) * 1000 + ms),
  ),
];

/** A component of a span, truncated toward zero as .NET does (`-90 s` has Minutes -1, Seconds -30). */
const component = (unitTicks: number, modulo: number) => (span: TimeSpanValue) => {
  const whole = Math.trunc(ticksOf(span) / unitTicks);
  return modulo ? whole % modulo || 0 : whole || 0;
};

const total = (unitMs: number) => prop<TimeSpanValue>(DOUBLE, (t) => t.milliseconds / unitMs);

export function addSpans(a: TimeSpanValue, b: TimeSpanValue): TimeSpanValue {
  return spanOfTicks(ticksOf(a) + ticksOf(b));
}

const divide = (t: TimeSpanValue, divisor: number) => {
  if (divisor === 0) throw fault('TimeSpan: division by zero (DivideByZeroException)');
  return spanOfTicks(Math.round(ticksOf(t) / divisor));
};

export const TimeSpanMembers: TypeMembers = members(
  {
    Days: prop<TimeSpanValue>(INT, component(864_000_000_000, 0)),
    Hours: prop<TimeSpanValue>(INT, component(36_000_000_000, 24)),
    Minutes: prop<TimeSpanValue>(INT, component(600_000_000, 60)),
    Seconds: prop<TimeSpanValue>(INT, component(10_000_000, 60)),
    Milliseconds: prop<TimeSpanValue>(INT, component(TICKS_PER_MS, 1000)),
    Ticks: prop<TimeSpanValue>(LONG, (t) => ticksOf(t)),
    TotalDays: total(86_400_000),
    TotalHours: total(3_600_000),
    TotalMinutes: total(60_000),
    TotalSeconds: total(1000),
    TotalMilliseconds: total(1),
  },
  {
    Add: method(sig<TimeSpanValue, [TimeSpanValue]>([TIME_SPAN], TIME_SPAN, (t, other) => addSpans(t, other))),
    Subtract: method(
      sig<TimeSpanValue, [TimeSpanValue]>([TIME_SPAN], TIME_SPAN, (t, other) =>
        spanOfTicks(ticksOf(t) - ticksOf(other)),
      ),
    ),
    Negate: method(sig<TimeSpanValue, []>([], TIME_SPAN, (t) => spanOfTicks(-ticksOf(t)))),
    Duration: method(sig<TimeSpanValue, []>([], TIME_SPAN, (t) => spanOfTicks(Math.abs(ticksOf(t))))),
    Multiply: method(
      sig<TimeSpanValue, [number]>([DOUBLE], TIME_SPAN, (t, factor) => spanOfTicks(Math.round(ticksOf(t) * factor))),
    ),
    Divide: method(
      sig<TimeSpanValue, [TimeSpanValue]>([TIME_SPAN], DOUBLE, (t, other) => ticksOf(t) / ticksOf(other)),
      sig<TimeSpanValue, [number]>([DOUBLE], TIME_SPAN, (t, divisor) => divide(t, divisor)),
    ),
    CompareTo: method(
      sig<TimeSpanValue, [TimeSpanValue]>([TIME_SPAN], INT, (t, other) => compareNumbers(ticksOf(t), ticksOf(other))),
    ),
    Equals: method(sig<TimeSpanValue, [TimeSpanValue]>([TIME_SPAN], BOOL, (t, other) => ticksOf(t) === ticksOf(other))),
    ToString: method(
      sig<TimeSpanValue, []>([], STRING, (t) => formatTimeSpanWith(t.milliseconds, 'c')),
      sig<TimeSpanValue, [string | null]>([STRING], STRING, (t, format) => formatWithSpecifier(t, format ?? ''), {
        allowsNull: true,
      }),
    ),
  },
);

const spanOp = (
  op: LibraryOperator['op'],
  returns: Type,
  apply: (a: TimeSpanValue, b: TimeSpanValue) => unknown,
): LibraryOperator => ({
  op,
  left: 'TimeSpan',
  right: 'TimeSpan',
  returns,
  apply: (a, b) => apply(a as TimeSpanValue, b as TimeSpanValue),
});

const compare = (a: TimeSpanValue, b: TimeSpanValue) => ticksOf(a) - ticksOf(b);

export const TIME_SPAN_OPERATORS: readonly LibraryOperator[] = [
  spanOp('+', TIME_SPAN, addSpans),
  spanOp('-', TIME_SPAN, (a, b) => spanOfTicks(ticksOf(a) - ticksOf(b))),
  spanOp('/', DOUBLE, (a, b) => ticksOf(a) / ticksOf(b)),
  spanOp('==', BOOL, (a, b) => compare(a, b) === 0),
  spanOp('!=', BOOL, (a, b) => compare(a, b) !== 0),
  spanOp('<', BOOL, (a, b) => compare(a, b) < 0),
  spanOp('<=', BOOL, (a, b) => compare(a, b) <= 0),
  spanOp('>', BOOL, (a, b) => compare(a, b) > 0),
  spanOp('>=', BOOL, (a, b) => compare(a, b) >= 0),
  ...['int', 'double'].flatMap((n): LibraryOperator[] => [
    {
      op: '*',
      left: 'TimeSpan',
      right: n,
      returns: TIME_SPAN,
      apply: (a, b) => spanOfTicks(Math.round(ticksOf(a as TimeSpanValue) * (b as number))),
    },
    {
      op: '*',
      left: n,
      right: 'TimeSpan',
      returns: TIME_SPAN,
      apply: (a, b) => spanOfTicks(Math.round(ticksOf(b as TimeSpanValue) * (a as number))),
    },
    {
      op: '/',
      left: 'TimeSpan',
      right: n,
      returns: TIME_SPAN,
      apply: (a, b) => divide(a as TimeSpanValue, b as number),
    },
  ]),
];
