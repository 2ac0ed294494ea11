import type { TypeMembers } from '../members';
import { systemMath } from './system-math';
import { systemNumbers } from './system-numbers';

/** Calls `Type.Name(args)` picking the overload whose parameter types are `params`. */
function call(statics: TypeMembers, name: string, params: string[], ...args: unknown[]): unknown {
  const overload = statics.methods[name].overloads.find(
    (o) => o.params.map((p) => p.name).join(',') === params.join(','),
  );
  if (!overload) throw new Error(`no ${name}(${params.join(', ')})`);
  return overload.invoke(null, ...args);
}

const statics = (name: string) => (systemNumbers.staticMembers ?? {})[name];
const math = (systemMath.staticMembers ?? {})['Math'];
const read = (members: TypeMembers, name: string) => members.properties[name].get(null);

describe('int, long, byte, double, bool parsing', () => {
  it('parses integers with spaces and a sign, and refuses the rest like .NET', () => {
    expect(call(statics('int'), 'Parse', ['string'], ' -42 ')).toBe(-42);
    expect(call(statics('Int32'), 'Parse', ['string'], '+7')).toBe(7);
    expect(() => call(statics('int'), 'Parse', ['string'], '4.2')).toThrow(
      '"4.2" is not a valid int (FormatException)',
    );
    expect(() => call(statics('int'), 'Parse', ['string'], '2147483648')).toThrow('OverflowException');
    expect(() => call(statics('int'), 'Parse', ['string'], null)).toThrow('ArgumentNullException');
    expect(call(statics('long'), 'Parse', ['string'], '9007199254740991')).toBe(9007199254740991);
    expect(() => call(statics('Int64'), 'Parse', ['string'], '9007199254740992')).toThrow('outside the long range');
    expect(call(statics('byte'), 'Parse', ['string'], '255')).toBe(255);
    expect(() => call(statics('Byte'), 'Parse', ['string'], '256')).toThrow('OverflowException');
  });

  it('parses doubles with groups, exponents, infinity and NaN', () => {
    expect(call(statics('double'), 'Parse', ['string'], '1,234.5')).toBe(1234.5);
    expect(call(statics('Double'), 'Parse', ['string'], '-1.5e3')).toBe(-1500);
    expect(call(statics('double'), 'Parse', ['string'], '.5')).toBe(0.5);
    expect(call(statics('double'), 'Parse', ['string'], '-Infinity')).toBe(-Infinity);
    expect(call(statics('double'), 'Parse', ['string'], 'NaN')).toBeNaN();
    expect(() => call(statics('double'), 'Parse', ['string'], '1.2.3')).toThrow('FormatException');
    expect(() => call(statics('double'), 'Parse', ['string'], 'e5')).toThrow('FormatException');
  });

  it('parses booleans case-insensitively', () => {
    expect(call(statics('bool'), 'Parse', ['string'], ' TRUE ')).toBe(true);
    expect(call(statics('Boolean'), 'Parse', ['string'], 'false')).toBe(false);
    expect(() => call(statics('bool'), 'Parse', ['string'], 'yes')).toThrow('FormatException');
  });

  it('TryParse returns whether it worked and sets the out box (0/false on failure)', () => {
    const box = { value: undefined as unknown };
    expect(call(statics('int'), 'TryParse', ['string', 'int'], '12', box)).toBe(true);
    expect(box.value).toBe(12);
    expect(call(statics('int'), 'TryParse', ['string', 'int'], 'twelve', box)).toBe(false);
    expect(box.value).toBe(0);
    expect(call(statics('int'), 'TryParse', ['string', 'int'], null, box)).toBe(false);
    expect(call(statics('double'), 'TryParse', ['string', 'double'], '2.5', box)).toBe(true);
    expect(box.value).toBe(2.5);
    expect(call(statics('bool'), 'TryParse', ['string', 'bool'], 'nope', box)).toBe(false);
    expect(box.value).toBe(false);
    const tryParse = statics('long').methods['TryParse'].overloads[0];
    expect((tryParse as { outParams?: readonly number[] }).outParams).toEqual([1]);
  });

  it('has the limits (long limited to the safe-integer range)', () => {
    expect(read(statics('int'), 'MaxValue')).toBe(2147483647);
    expect(read(statics('Int32'), 'MinValue')).toBe(-2147483648);
    expect(read(statics('long'), 'MaxValue')).toBe(Number.MAX_SAFE_INTEGER);
    expect(read(statics('byte'), 'MaxValue')).toBe(255);
    expect(read(statics('double'), 'MaxValue')).toBe(Number.MAX_VALUE);
    expect(read(statics('bool'), 'TrueString')).toBe('True');
  });

  it('tells long and byte values apart at run time', () => {
    expect(systemNumbers.isInstanceOf?.(2 ** 40, { name: 'long' })).toBe(true);
    expect(systemNumbers.isInstanceOf?.(1.5, { name: 'long' })).toBe(false);
    expect(systemNumbers.isInstanceOf?.(256, { name: 'byte' })).toBe(false);
    expect(systemNumbers.isInstanceOf?.('x', { name: 'string' })).toBeUndefined();
  });

  it('gives long values ToString(format), CompareTo and Equals', () => {
    const long = systemNumbers.instanceMembers?.({ name: 'long' }) as TypeMembers;
    const [plain, formatted] = long.methods['ToString'].overloads;
    expect(plain.invoke(1e15)).toBe('1000000000000000');
    expect(formatted.invoke(1234567, 'N0')).toBe('1,234,567');
    expect(long.methods['CompareTo'].overloads[0].invoke(3, 5)).toBe(-1);
    expect(long.methods['Equals'].overloads[0].invoke(3, 3)).toBe(true);
  });
});

describe('Math', () => {
  it('rounds half to even by default, like .NET', () => {
    expect(call(math, 'Round', ['double'], 2.5)).toBe(2);
    expect(call(math, 'Round', ['double'], 3.5)).toBe(4);
    expect(call(math, 'Round', ['double'], -2.5)).toBe(-2);
    expect(call(math, 'Round', ['double'], 2.51)).toBe(3);
    expect(call(math, 'Round', ['double', 'int'], 1.125, 2)).toBe(1.12);
    expect(call(math, 'Round', ['double', 'int'], 2.675, 2)).toBe(2.68); // 2.675 * 100 is exactly 267.5 as a double, as in .NET
  });

  it('rounds with a MidpointRounding mode', () => {
    const modes = (systemMath.staticMembers ?? {})['MidpointRounding'];
    const away = read(modes, 'AwayFromZero');
    expect(call(math, 'Round', ['double', 'MidpointRounding'], 2.5, away)).toBe(3);
    expect(call(math, 'Round', ['double', 'MidpointRounding'], -2.5, away)).toBe(-3);
    expect(call(math, 'Round', ['double', 'int', 'MidpointRounding'], 1.005 * 1000, 0, read(modes, 'ToZero'))).toBe(
      1004,
    );
    expect(() => call(math, 'Round', ['double', 'int'], 1, 16)).toThrow('ArgumentOutOfRangeException');
  });

  it('keeps integral types in Abs/Min/Max and faults on overflow', () => {
    expect(call(math, 'Abs', ['int'], -5)).toBe(5);
    expect(() => call(math, 'Abs', ['int'], -2147483648)).toThrow('OverflowException');
    expect(call(math, 'Min', ['int', 'int'], 3, -4)).toBe(-4);
    expect(call(math, 'Max', ['double', 'double'], 1.5, 2.5)).toBe(2.5);
    expect(call(math, 'Max', ['double', 'double'], 1, NaN)).toBeNaN();
    const abs = math.methods['Abs'].overloads.map((o) => `${o.params[0].name}->${o.returns.name}`);
    expect(abs).toEqual(['int->int', 'long->long', 'double->double']);
  });

  it('has Floor, Ceiling, Pow, Sqrt, Truncate, Sign and the constants', () => {
    expect(call(math, 'Floor', ['double'], -1.5)).toBe(-2);
    expect(call(math, 'Ceiling', ['double'], 1.2)).toBe(2);
    expect(call(math, 'Pow', ['double', 'double'], 2, 10)).toBe(1024);
    expect(call(math, 'Sqrt', ['double'], 81)).toBe(9);
    expect(call(math, 'Sqrt', ['double'], -1)).toBeNaN();
    expect(call(math, 'Truncate', ['double'], -1.7)).toBe(-1);
    expect(call(math, 'Sign', ['double'], -0.1)).toBe(-1);
    expect(call(math, 'Log', ['double', 'double'], 8, 2)).toBeCloseTo(3);
    expect(read(math, 'PI')).toBe(Math.PI);
    expect(call(math, 'Clamp', ['int', 'int', 'int'], 15, 0, 10)).toBe(10);
    expect(call(math, 'Clamp', ['double', 'double', 'double'], -0.5, 0, 1)).toBe(0);
    expect(() => call(math, 'Clamp', ['int', 'int', 'int'], 1, 5, 0)).toThrow('ArgumentException');
  });
});
