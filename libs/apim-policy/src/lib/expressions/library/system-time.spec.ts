import { TimeSpanValue } from '../context-view';
import type { LibraryOperator } from './library-module';
import type { Overload, TypeMembers } from '../members';
import { DATE_TIME_CONSTRUCTORS, DateTimeMembers, DateTimeStatics } from './system-datetime';
import { DateTimeOffsetValue } from './system-datetimeoffset';
import { systemTime } from './system-time';
import { TimeSpanMembers } from './system-timespan';

function call(members: TypeMembers, name: string, params: string[], target: unknown, ...args: unknown[]): unknown {
  const overload = members.methods[name].overloads.find(
    (o) => o.params.map((p) => p.name).join(',') === params.join(','),
  );
  if (!overload) throw new Error(`no ${name}(${params.join(', ')})`);
  return overload.invoke(target, ...args);
}
const construct = (overloads: readonly Overload[], params: string[], ...args: unknown[]) =>
  (overloads.find((o) => o.params.map((p) => p.name).join(',') === params.join(',')) as Overload).invoke(null, ...args);
const operator = (op: string, left: string, right: string) =>
  (systemTime.operators ?? []).find((o) => o.op === op && o.left === left && o.right === right) as LibraryOperator;
const statics = (name: string) => (systemTime.staticMembers ?? {})[name];
const dto = systemTime.instanceMembers?.({ name: 'DateTimeOffset' }) as TypeMembers;
const read = (members: TypeMembers, name: string, target: unknown) => members.properties[name].get(target);
const iso = (d: unknown) => (d as Date).toISOString();
const span = (ms: number) => new TimeSpanValue(ms);

describe('DateTime', () => {
  const d = new Date('2024-02-29T22:30:15.250Z');

  it('parses ISO 8601, invariant and RFC 1123 text (UTC), and refuses the rest', () => {
    const parse = (text: string) => iso(call(DateTimeStatics, 'Parse', ['string'], null, text));
    expect(parse('2024-05-06')).toBe('2024-05-06T00:00:00.000Z');
    expect(parse('2024-05-06T07:08:09.5Z')).toBe('2024-05-06T07:08:09.500Z');
    expect(parse('2024-05-06T07:08:09+02:00')).toBe('2024-05-06T05:08:09.000Z');
    expect(parse('05/06/2024 7:08 PM')).toBe('2024-05-06T19:08:00.000Z');
    expect(parse('Mon, 06 May 2024 07:08:09 GMT')).toBe('2024-05-06T07:08:09.000Z');
    expect(() => parse('2024-02-30')).toThrow('FormatException');
    expect(() => parse('yesterday')).toThrow('FormatException');
    expect(() => parse(null as unknown as string)).toThrow('ArgumentNullException');
  });

  it('adds units, months (clamping the day) and years, and subtracts', () => {
    expect(iso(call(DateTimeMembers, 'AddDays', ['double'], d, 1.5))).toBe('2024-03-02T10:30:15.250Z');
    expect(iso(call(DateTimeMembers, 'AddSeconds', ['double'], d, -15.25))).toBe('2024-02-29T22:30:00.000Z');
    expect(iso(call(DateTimeMembers, 'AddMonths', ['int'], d, 12))).toBe('2025-02-28T22:30:15.250Z');
    expect(iso(call(DateTimeMembers, 'AddYears', ['int'], d, 4))).toBe('2028-02-29T22:30:15.250Z');
    expect(iso(call(DateTimeMembers, 'AddTicks', ['long'], d, 10_000))).toBe('2024-02-29T22:30:15.251Z');
    expect(iso(call(DateTimeMembers, 'Add', ['TimeSpan'], d, span(1000)))).toBe('2024-02-29T22:30:16.250Z');
    const diff = call(
      DateTimeMembers,
      'Subtract',
      ['DateTime'],
      d,
      new Date('2024-02-28T22:30:15.250Z'),
    ) as TimeSpanValue;
    expect(diff.milliseconds).toBe(86_400_000);
    expect(() => call(DateTimeMembers, 'AddYears', ['int'], d, 8000)).toThrow('ArgumentOutOfRangeException');
  });

  it('has the components APIM lists', () => {
    expect(iso(read(DateTimeMembers, 'Date', d))).toBe('2024-02-29T00:00:00.000Z');
    expect(read(DateTimeMembers, 'DayOfWeek', d)).toBe('Thursday');
    expect(read(DateTimeMembers, 'DayOfYear', d)).toBe(60);
    expect((read(DateTimeMembers, 'TimeOfDay', d) as TimeSpanValue).milliseconds).toBe(81_015_250);
    expect(read(DateTimeMembers, 'Ticks', new Date('1970-01-01T00:00:00Z'))).toBe(621_355_968_000_000_000);
    expect(call(DateTimeStatics, 'DaysInMonth', ['int', 'int'], null, 2023, 2)).toBe(28);
    expect(call(DateTimeStatics, 'IsLeapYear', ['int'], null, 2000)).toBe(true);
    expect(iso(read(DateTimeStatics, 'MinValue', null))).toBe('0001-01-01T00:00:00.000Z');
    expect(iso(read(DateTimeStatics, 'MaxValue', null))).toBe('9999-12-31T23:59:59.999Z');
    expect(call(DateTimeMembers, 'ToString', ['string'], d, 'yyyy-MM-dd')).toBe('2024-02-29');
  });

  it('explains the DateTime members APIM does not allow', () => {
    expect(DateTimeStatics.hints?.['TryParse']).toContain('DateTimeOffset.TryParse');
    expect(DateTimeMembers.hints?.['ToUniversalTime']).toContain('already UTC');
  });

  it('is constructed from fields or ticks, checking ranges', () => {
    expect(iso(construct(DATE_TIME_CONSTRUCTORS, ['int', 'int', 'int'], 2024, 1, 2))).toBe('2024-01-02T00:00:00.000Z');
    const utc = read(statics('DateTimeKind'), 'Utc', null);
    expect(
      iso(
        construct(
          DATE_TIME_CONSTRUCTORS,
          ['int', 'int', 'int', 'int', 'int', 'int', 'DateTimeKind'],
          1999,
          12,
          31,
          23,
          59,
          58,
          utc,
        ),
      ),
    ).toBe('1999-12-31T23:59:58.000Z');
    expect(iso(construct(DATE_TIME_CONSTRUCTORS, ['long'], 621_355_968_000_000_000))).toBe('1970-01-01T00:00:00.000Z');
    expect(() => construct(DATE_TIME_CONSTRUCTORS, ['int', 'int', 'int'], 2023, 2, 29)).toThrow(
      'ArgumentOutOfRangeException',
    );
  });

  it('has - + and comparison operators', () => {
    const later = new Date('2024-03-01T00:00:00Z');
    expect((operator('-', 'DateTime', 'DateTime').apply(later, d) as TimeSpanValue).milliseconds).toBe(5_384_750);
    expect(iso(operator('+', 'DateTime', 'TimeSpan').apply(d, span(60_000)))).toBe('2024-02-29T22:31:15.250Z');
    expect(operator('==', 'DateTime', 'DateTime').apply(d, new Date(d.getTime()))).toBe(true);
    expect(operator('<', 'DateTime', 'DateTime').apply(d, later)).toBe(true);
    const dayOfWeek = systemTime.conversions?.find((c) => c.from === 'DayOfWeek' && c.to === 'int');
    expect(dayOfWeek?.convert('Saturday')).toBe(6);
  });
});

describe('TimeSpan', () => {
  const ts = statics('TimeSpan');

  it('is made from units, parts and text', () => {
    expect((call(ts, 'FromMinutes', ['double'], null, 1.5) as TimeSpanValue).milliseconds).toBe(90_000);
    expect(
      (construct(systemTime.constructors?.['TimeSpan'] ?? [], ['int', 'int', 'int'], 1, 2, 3) as TimeSpanValue)
        .milliseconds,
    ).toBe(3_723_000);
    expect((call(ts, 'Parse', ['string'], null, '1.02:03:04.5') as TimeSpanValue).milliseconds).toBe(93_784_500);
    expect((call(ts, 'Parse', ['string'], null, '-00:00:30') as TimeSpanValue).milliseconds).toBe(-30_000);
    expect(() => call(ts, 'Parse', ['string'], null, '25:00')).toThrow('FormatException');
    const box = { value: undefined as unknown };
    expect(call(ts, 'TryParse', ['string', 'TimeSpan'], null, '00:10', box)).toBe(true);
    expect((box.value as TimeSpanValue).milliseconds).toBe(600_000);
    expect(call(ts, 'TryParse', ['string', 'TimeSpan'], null, 'soon', box)).toBe(false);
  });

  it('has components (negative for negative spans) and totals', () => {
    const t = span(-(90_000 + 250));
    expect(read(TimeSpanMembers, 'Minutes', t)).toBe(-1);
    expect(read(TimeSpanMembers, 'Seconds', t)).toBe(-30);
    expect(read(TimeSpanMembers, 'Milliseconds', t)).toBe(-250);
    expect(read(TimeSpanMembers, 'TotalSeconds', t)).toBe(-90.25);
    expect(read(TimeSpanMembers, 'Ticks', t)).toBe(-902_500_000);
    expect(read(TimeSpanMembers, 'Days', span(3 * 86_400_000 + 1))).toBe(3);
    expect(read(TimeSpanMembers, 'TotalHours', span(5_400_000))).toBe(1.5);
    expect(call(TimeSpanMembers, 'ToString', [], t)).toBe('-00:01:30.2500000');
  });

  it('does arithmetic and comparisons', () => {
    expect((operator('+', 'TimeSpan', 'TimeSpan').apply(span(1000), span(500)) as TimeSpanValue).milliseconds).toBe(
      1500,
    );
    expect((operator('*', 'TimeSpan', 'double').apply(span(1000), 2.5) as TimeSpanValue).milliseconds).toBe(2500);
    expect(operator('/', 'TimeSpan', 'TimeSpan').apply(span(3000), span(1000))).toBe(3);
    expect(() => operator('/', 'TimeSpan', 'int').apply(span(3000), 0)).toThrow('DivideByZeroException');
    expect(operator('>', 'TimeSpan', 'TimeSpan').apply(span(2), span(1))).toBe(true);
    expect((call(TimeSpanMembers, 'Duration', [], span(-5)) as TimeSpanValue).milliseconds).toBe(5);
  });
});

describe('DateTimeOffset', () => {
  const statics = (systemTime.staticMembers ?? {})['System.DateTimeOffset'];

  it('keeps the offset it was parsed with and converts to UTC', () => {
    const value = call(statics, 'Parse', ['string'], null, '2024-05-06T07:08:09+02:00') as DateTimeOffsetValue;
    expect((read(dto, 'Offset', value) as TimeSpanValue).milliseconds).toBe(7_200_000);
    expect(read(dto, 'Hour', value)).toBe(7);
    expect(iso(read(dto, 'UtcDateTime', value))).toBe('2024-05-06T05:08:09.000Z');
    expect(iso(read(dto, 'DateTime', value))).toBe('2024-05-06T07:08:09.000Z');
    expect(call(dto, 'ToString', [], value)).toBe('05/06/2024 07:08:09 +02:00');
    expect(call(dto, 'ToString', ['string'], value, 'o')).toBe('2024-05-06T07:08:09.0000000+02:00');
    expect(systemTime.format?.(value)).toBe('05/06/2024 07:08:09 +02:00');
  });

  it('reads and writes Unix time', () => {
    const value = call(statics, 'FromUnixTimeSeconds', ['long'], null, 1_700_000_000) as DateTimeOffsetValue;
    expect(call(dto, 'ToString', ['string'], value, 'u')).toBe('2023-11-14 22:13:20Z');
    expect(call(dto, 'ToUnixTimeMilliseconds', [], value)).toBe(1_700_000_000_000);
    const ms = call(statics, 'FromUnixTimeMilliseconds', ['long'], null, 1_500) as DateTimeOffsetValue;
    expect(call(dto, 'ToUnixTimeSeconds', [], ms)).toBe(1);
  });

  it('parses exactly, TryParses and compares by instant', () => {
    const exact = call(
      statics,
      'ParseExact',
      ['string', 'string', 'IFormatProvider'],
      null,
      '06/05/2024 23:15',
      'dd/MM/yyyy HH:mm',
      null,
    );
    expect(iso((exact as DateTimeOffsetValue).instant)).toBe('2024-05-06T23:15:00.000Z');
    expect(() =>
      call(statics, 'ParseExact', ['string', 'string', 'IFormatProvider'], null, '2024-05-06', 'dd/MM/yyyy', null),
    ).toThrow('does not match the format');
    const box = { value: undefined as unknown };
    expect(call(statics, 'TryParse', ['string', 'DateTimeOffset'], null, '2024-05-06T00:00:00-01:00', box)).toBe(true);
    const a = box.value as DateTimeOffsetValue;
    const b = call(statics, 'Parse', ['string'], null, '2024-05-06T01:00:00Z');
    expect(operator('==', 'DateTimeOffset', 'DateTimeOffset').apply(a, b)).toBe(true);
    expect(call(dto, 'EqualsExact', ['DateTimeOffset'], a, b)).toBe(false);
    expect((operator('-', 'DateTimeOffset', 'DateTimeOffset').apply(b, a) as TimeSpanValue).milliseconds).toBe(0);
    const shifted = call(dto, 'ToOffset', ['TimeSpan'], a, span(3_600_000));
    expect(call(dto, 'ToString', ['string'], shifted, 'HH:mm zzz')).toBe('02:00 +01:00');
  });
});
