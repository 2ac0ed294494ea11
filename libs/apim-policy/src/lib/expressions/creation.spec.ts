import { AnonymousObject } from './anonymous-object';
import { refusal, run } from './expression-spec-kit';
import { expressionValueToString } from './index';

describe('new', () => {
  it('creates arrays: new[] { … }, new T[] { … }, new T[n] filled with default values, new byte[n]', () => {
    expect(run('@(new[] { "a", "b" })')).toEqual(['a', 'b']);
    expect(run('@(new[] { 1, 2.5 }[0])')).toBe(1);
    expect(run('@(new int[3])')).toEqual([0, 0, 0]);
    expect(run('@((new string[2])[1] == null)')).toBe(true);
    expect(run('@(new bool[] { true, false }.Length)')).toBe(2);
    expect(run('@(new int[2] { 4, 5 }[1])')).toBe(5);
    const bytes = run('@{ var n = 4; var b = new byte[n]; b[0] = 255; return b; }');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes as Uint8Array)).toEqual([255, 0, 0, 0]);
    expect(run('@(new byte[] { 1, 2, 200 }.Length)')).toBe(3);
  });

  it('fails at run time for a negative array length', () => {
    expect(() => run('@{ var n = -1; return new int[n]; }')).toThrow(
      'an array cannot have a negative length: new int[-1]',
    );
  });

  it('refuses arrays whose items do not fit', () => {
    expect(refusal('@(new int[] { 1, "two" })').detail).toBe('cannot assign "two" (string) to an item of int[]');
    expect(refusal('@(new[] { null, null })').detail).toBe(
      'new[] { … } needs items with one common type; write the type: new string[] { … }',
    );
    expect(refusal('@(new byte[] { 256 })').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@(new int[2] { 1 })').detail).toBe(
      'new int[2] { … } needs a constant length equal to its 1 item(s)',
    );
    expect(refusal('@(new int[2][3])').code).toBe('EXPRESSION_UNSUPPORTED');
  });

  it('creates List<T> and Dictionary<K, V> with constructors and collection initialisers', () => {
    expect(run('@(new List<string> { "a", "b" }.Count)')).toBe(2);
    expect(run('@(new List<int>(new[] { 3, 4 })[1])')).toBe(4);
    expect(run('@{ var d = new Dictionary<string, string> { { "a", "1" }, { "b", "2" } }; return d["b"]; }')).toBe('2');
    expect(run('@{ var d = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 }; return d["x"] + d["y"]; }')).toBe(3);
  });

  it('creates JObject / JArray through the library constructors, with collection and index initialisers', () => {
    expect(
      expressionValueToString(run('@(new JObject { ["id"] = 7, ["name"] = "box" }.ToString(Formatting.None))')),
    ).toBe('{"id":7,"name":"box"}');
    expect(run('@(new JObject { { "a", 1 }, { "b", "two" } }.ToString(Formatting.None))')).toBe('{"a":1,"b":"two"}');
    expect(run('@(new JArray { "x", 2 }.Count)')).toBe(2);
    expect(run('@(new JObject(new JProperty("k", "v")).ToString(Formatting.None))')).toBe('{"k":"v"}');
  });

  it('creates anonymous objects with read-only members, C# ToString, and JSON through JObject.FromObject', () => {
    const value = run('@(new { id = 7, name = "box" })');
    expect(value).toBeInstanceOf(AnonymousObject);
    expect(run('@(new { id = 7, name = "box" }.name)')).toBe('box');
    expect(run('@{ var tenant = "t1"; var o = new { tenant, size = tenant.Length }; return o.ToString(); }')).toBe(
      '{ tenant = t1, size = 2 }',
    );
    expect(run('@(JObject.FromObject(new { id = 7, tags = new[] { "a" } }).ToString(Formatting.None))')).toBe(
      '{"id":7,"tags":["a"]}',
    );
    expect(run('@(new { a = 1 }.Equals(new { a = 1 }))')).toBe(true);
    expect(expressionValueToString(run('@(new { a = 1, b = "x" })'))).toBe('{ a = 1, b = x }');
    expect(run('@("value: " + new { a = true })')).toBe('value: { a = True }');
    expect(refusal('@{ var o = new { a = 1 }; o.a = 2; return o.a; }').detail).toBe('o.a is read-only');
    expect(refusal('@(new { a = 1, a = 2 })').detail).toBe('the anonymous object has two members named a');
    expect(refusal('@(new { a = null })').detail).toBe('a = null has no type; cast it, e.g. (string)null');
  });

  it('refuses types that cannot be created', () => {
    expect(refusal('@(new Jwt())').code).toBe('EXPRESSION_UNSUPPORTED');
    expect(refusal('@(new List<string>(1, 2))').detail).toMatch(/^new List<string> does not take 2 argument\(s\)/);
    expect(refusal('@(new List<int> { "a" })').detail).toMatch(/^List<int>.Add\(string\) does not match/);
  });
});
