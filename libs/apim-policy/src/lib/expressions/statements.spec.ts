import { failure, refusal, run } from './expression-spec-kit';

describe('statements in @{ … }', () => {
  it('declares several variables at once, with and without values, and refuses reading one never assigned', () => {
    expect(
      run(
        '@{ int a = 1, b = a + 1, c; string s; c = b * 2; s = null; return a + "/" + b + "/" + c + "/" + (s == null); }',
      ),
    ).toBe('1/2/4/True');
    expect(run('@{ int n; if (context.Request.Method == "POST") { n = 1; } else { n = 2; } return n; }')).toBe(1);
    expect(run('@{ int n; int.TryParse("7", out n); return n; }')).toBe(7);
    expect(refusal('@{ int n; return n; }').detail).toBe(
      'use of unassigned local variable n; give it a value first (C# CS0165)',
    );
    expect(refusal('@{ int n; n++; return n; }').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@{ string s; s = s + "x"; return s; }').code).toBe('EXPRESSION_INVALID');
  });

  it('assigns locals, with compound operators and ++/-- (prefix gives the new value, postfix the old one)', () => {
    expect(run('@{ var n = 10; n += 5; n -= 3; n *= 2; n /= 5; n %= 3; return n; }')).toBe(1);
    expect(run('@{ var s = "a"; s += "b"; s += 1; return s; }')).toBe('ab1');
    expect(run('@{ string s = null; s ??= "first"; s ??= "second"; return s; }')).toBe('first');
    expect(run('@{ var i = 5; var a = i++; var b = ++i; var c = i--; return a + "," + b + "," + c + "," + i; }')).toBe(
      '5,7,7,6',
    );
    expect(run('@{ var x = 1; var y = x = 4; return x + y; }')).toBe(8);
  });

  it('wraps compound assignment on a byte and keeps int arithmetic 32-bit', () => {
    expect(run('@{ byte b = 250; b += 10; return b; }')).toBe(4);
    expect(run('@{ int big = 2147483647; big++; return big; }')).toBe(-2147483648);
  });

  it('assigns settable indexers and properties (List, Dictionary, arrays)', () => {
    expect(
      run(`@{
        var d = new Dictionary<string, int>();
        d["a"] = 1;
        d["a"] += 2;
        d["b"] = d["a"] * 10;
        var arr = new int[2];
        arr[1] = 7;
        arr[0]++;
        return d["a"] + "," + d["b"] + "," + arr[0] + "," + arr[1];
      }`),
    ).toBe('3,30,1,7');
  });

  it('runs for, while, do/while loops with break and continue', () => {
    expect(
      run(`@{
        var total = 0;
        for (int i = 0, j = 10; i < j; i++, j--) {
          if (i == 1) continue;
          total += i;
        }
        var k = 0;
        while (true) { k++; if (k > 3) break; }
        var d = 0;
        do { d += 2; } while (d < 5);
        return total + "/" + k + "/" + d;
      }`),
    ).toBe('9/4/6');
  });

  it('runs foreach over arrays, lists, header values and casts each element when a type is written', () => {
    expect(
      run(`@{
        var parts = context.Request.Headers.GetValueOrDefault("x-list", "").Split(',');
        var seen = "";
        foreach (var part in parts) { if (part == "") continue; seen += part; }
        var list = new List<int> { 1, 2, 3 };
        var sum = 0;
        foreach (int n in list) sum += n;
        object[] boxes = new object[] { "x", "y" };
        var joined = "";
        foreach (string s in boxes) joined += s;
        return seen + sum + joined;
      }`),
    ).toBe('abc6xy');
  });

  it('runs foreach over the chars of a string', () => {
    expect(
      run("@{ var digits = 0; foreach (var c in \"a1b22\") { if (c >= '0' && c <= '9') digits++; } return digits; }"),
    ).toBe(3);
  });

  it('runs switch with case labels, default, and return or break in sections', () => {
    const source = (method: string) => `@{
      var label = "";
      switch ("${method}") {
        case "GET":
        case "HEAD":
          label = "read";
          break;
        case "DELETE":
          return "gone";
        default:
          label = "write";
          break;
      }
      return label;
    }`;
    expect(run(source('HEAD'))).toBe('read');
    expect(run(source('DELETE'))).toBe('gone');
    expect(run(source('POST'))).toBe('write');
    expect(run('@{ switch (context.Request.Method) { case "POST": return 1; default: return 2; } }')).toBe(1);
  });

  it('declares constants, switches on enum members, and compares chars with numbers', () => {
    expect(run('@{ const int limit = 2; const string unit = "x"; return limit + unit; }')).toBe('2x');
    expect(refusal('@{ const int limit = 2; limit = 3; return limit; }').detail).toBe(
      'limit is a constant and cannot be assigned',
    );
    expect(
      run(`@{
        switch (JToken.Parse("[1]").Type) {
          case JTokenType.Object: return "object";
          case JTokenType.Array: return "array";
          default: return "other";
        }
      }`),
    ).toBe('array');
    expect(run("@('A' == 65 && 'a' > 64 && 66 >= 'B')")).toBe(true);
  });

  it('switches on type patterns (case JObject o:) and guards cases with when', () => {
    const describe = (json: string) => `@{
      switch (JToken.Parse("${json}")) {
        case JObject o when o.Count == 0:
          return "empty object";
        case JObject o:
          return "object of " + o.Count;
        case JArray a:
          return "array of " + a.Count;
        default:
          return "value";
      }
    }`;
    expect(run(describe('{}'))).toBe('empty object');
    expect(run(describe('{\\"a\\":1}'))).toBe('object of 1');
    expect(run(describe('[1,2]'))).toBe('array of 2');
    expect(run(describe('3'))).toBe('value');
    expect(
      run(
        '@{ switch (context.Request.Method.Length) { case 4 when false: return "a"; case 4: return "b"; default: return "c"; } }',
      ),
    ).toBe('b');
    expect(refusal('@{ switch (1) { case context.Request.Method.Length: return 1; default: return 2; } }').detail).toBe(
      'case context.Request.Method.Length: a case needs a constant value or a type pattern (case T name:)',
    );
  });

  it('gives names as text with nameof', () => {
    expect(run('@{ var limit = 3; return nameof(limit) + "," + nameof(context.Request.Method); }')).toBe(
      'limit,Method',
    );
    expect(run('@{ var l = new List<int>(); return nameof(l.Add) + nameof(l.Count); }')).toBe('AddCount');
    expect(refusal('@(nameof(nothing))').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@(nameof(context.Request.Bogus))').code).toBe('EXPRESSION_UNSUPPORTED');
  });

  it('calls methods as statements', () => {
    expect(run('@{ var l = new List<string>(); l.Add("a"); l.Add("b"); l.RemoveAt(0); return l.Count; }')).toBe(1);
  });

  it('keeps the definite-return rule: every path returns, loops that never end count as returning', () => {
    expect(refusal('@{ if (true) { return "a"; } }').detail).toBe(
      'not every path of the block returns a value; end it with return …;',
    );
    expect(refusal('@{ while (context.Request.Method == "GET") { return 1; } }').detail).toBe(
      'not every path of the block returns a value; end it with return …;',
    );
    expect(refusal('@{ while (true) { break; } }').detail).toBe(
      'not every path of the block returns a value; end it with return …;',
    );
    expect(run('@{ while (true) { return "looped"; } }')).toBe('looped');
    expect(run('@{ for (;;) { return 1; } }')).toBe(1);
    expect(run('@{ switch (1) { case 1: return "one"; default: return "other"; } }')).toBe('one');
  });

  it('refuses C# errors in statements at load time', () => {
    expect(refusal('@{ break; }')).toEqual({
      code: 'EXPRESSION_INVALID',
      detail: 'break is only allowed inside a loop or a switch',
    });
    expect(refusal('@{ switch (1) { case 1: continue; } return 1; }').detail).toBe(
      'continue is only allowed inside a loop',
    );
    expect(run('@{ var n = 0; while (true) { n++; switch (n) { case 3: return n; default: continue; } } }')).toBe(3);
    expect(refusal('@{ switch (1) { case 1: var a = 1; default: return 2; } return 3; }').detail).toBe(
      'each switch section must end with break, return or continue (C# does not fall through)',
    );
    expect(refusal('@{ var n = 1; n = "text"; return n; }').detail).toBe('cannot assign "text" (string) to n');
    expect(refusal('@{ foreach (var c in new[] { "a" }) { c = "b"; } return 1; }').detail).toBe(
      'c is the foreach variable and cannot be assigned',
    );
    expect(refusal('@{ context.Request.Method = "GET"; return 1; }').detail).toBe(
      'context.Request.Method is read-only',
    );
    expect(refusal('@{ foreach (var c in 42) { } return 1; }').detail).toMatch(/^foreach cannot go over 42 \(int\)/);
    expect(refusal('@{ total = 1; return 1; }').detail).toBe(
      '"total" is not defined; declare it first: var total = …;',
    );
    expect(refusal('@{ 1 + 2; return 1; }').detail).toBe(
      'only assignments, method calls, ++/-- and new can be statements; 1 + 2 computes a value that is never used (at column 4)',
    );
    expect(refusal('@{ goto end; }').code).toBe('EXPRESSION_UNSUPPORTED');
    expect(refusal('@{ if (true) { var x = 1; } var x = 2; return x; }').detail).toBe(
      '"x" is already declared in a nested block above; C# gives a local its whole block, pick another name',
    );
    expect(
      run('@{ if (true) { var x = 1; } if (true) { var x = 2; } foreach (var x in new[] { 3 }) { } return 1; }'),
    ).toBe(1);
    expect(refusal('@{ context.Variables["a"] = 1; return 1; }').detail).toBe(
      'context.Variables[…] is read-only (IReadOnlyDictionary<string, object>); set variables with the set-variable policy',
    );
    expect(refusal('@{ var t = (1, "a"); return 1; }')).toEqual({
      code: 'EXPRESSION_UNSUPPORTED',
      detail: 'tuples ((a, b)) are not supported; use an anonymous object: new { a, b } (at column 12)',
    });
  });

  it('refuses a list changed under its foreach, as .NET enumerators do', () => {
    expect(() =>
      run('@{ var l = new List<int> { 1, 2 }; foreach (var n in l) { l.Add(n); } return l.Count; }'),
    ).toThrow('l was modified during foreach');
  });

  it('stops a runaway loop at run time instead of hanging the gateway', () => {
    expect(failure('@{ var i = 0; while (i >= 0) { i = 1; } return i; }')).toBe(
      'Expression evaluation failed: loop ran too long: more than 1000000 iterations in one evaluation',
    );
  });

  it('catches run-time faults with try/catch (Exception), runs finally, and exposes the message', () => {
    expect(
      run(`@{
        try { return JObject.Parse("{ not json")["a"].ToString(); }
        catch (Exception) { return "unparsable"; }
      }`),
    ).toBe('unparsable');
    expect(
      run(`@{
        var log = "";
        try { log += "try;"; var n = int.Parse("x"); log += "unreached;"; }
        catch (Exception e) { log += "caught:" + (e.Message.Length > 0) + ";"; }
        finally { log += "finally"; }
        return log;
      }`),
    ).toBe('try;caught:True;finally');
    expect(run('@{ try { return "ok"; } catch { return "no"; } }')).toBe('ok');
  });

  it('throws exceptions: a run-time error with the message, catchable, and rethrown with throw;', () => {
    expect(failure('@{ if (context.Request.Method == "POST") { throw new Exception("no posts"); } return 1; }')).toBe(
      'Expression evaluation failed: no posts',
    );
    expect(run('@{ try { throw new Exception("inner"); } catch (Exception e) { return e.Message; } }')).toBe('inner');
    expect(failure('@{ try { var n = int.Parse("x"); } catch { throw; } return 1; }')).toMatch(
      /^Expression evaluation failed: /,
    );
    expect(failure('@{ if (true) { throw new Exception(); } return 1; }')).toBe(
      "Expression evaluation failed: Exception of type 'System.Exception' was thrown.",
    );
    expect(refusal('@{ throw "text"; }').detail).toBe(
      'throw needs an Exception, not string: throw new Exception("…");',
    );
    expect(refusal('@{ throw; }').detail).toBe('throw; without an exception is only allowed inside a catch');
  });

  it('never lets catch swallow the loop budget', () => {
    expect(failure('@{ while (true) { try { var x = 1; } catch (Exception) { } } }')).toMatch(/loop ran too long/);
  });

  it('refuses catch clauses it cannot honour and returns from finally', () => {
    expect(refusal('@{ try { return 1; } catch (FormatException) { return 2; } }').detail).toBe(
      'catch (FormatException) is not supported; catch (Exception e) catches every run-time error here',
    );
    expect(refusal('@{ try { } finally { return 1; } return 2; }').detail).toBe(
      'a finally block cannot return (C# CS0157)',
    );
    expect(refusal('@{ try { return 1; } catch (Exception) { } }').detail).toBe(
      'not every path of the block returns a value; end it with return …;',
    );
    expect(refusal('@{ try { return 1; } catch (Exception e) when (true) { return 2; } }').code).toBe(
      'EXPRESSION_UNSUPPORTED',
    );
  });

  it('reads using (…) as a block: nothing here needs disposing', () => {
    expect(run('@{ using (var list = new List<int> { 1, 2 }) { return list.Count; } }')).toBe(2);
  });

  it('offers Enumerable.Range, Enumerable.Empty<T>() and Enumerable.Repeat', () => {
    expect(run('@(Enumerable.Range(1, 5).Where(n => n % 2 == 1).Sum())')).toBe(9);
    expect(run('@(Enumerable.Empty<string>().Any())')).toBe(false);
    expect(run('@(string.Join("", Enumerable.Repeat("ab", 3)))')).toBe('ababab');
  });
});
