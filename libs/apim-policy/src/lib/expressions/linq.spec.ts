import { refusal, run, specContext } from './expression-spec-kit';

const TAGS = 'context.Request.OriginalUrl.Query["tag"]';

describe('lambdas and LINQ', () => {
  it('filters, projects and tests sequences with lambdas typed from the element type', () => {
    expect(run('@(new[] { 1, 2, 3, 4 }.Where(n => n % 2 == 0).Select(n => n * 10).ToArray())')).toEqual([20, 40]);
    expect(run('@(new[] { "a", "bb", "ccc" }.Select(s => s.Length).Sum())')).toBe(6);
    expect(run(`@(${TAGS}.Any(t => t == "b"))`)).toBe(true);
    expect(run(`@(${TAGS}.All(t => t.Length == 1))`)).toBe(true);
    expect(run(`@(${TAGS}.Count(t => t != "a"))`)).toBe(1);
    expect(run('@(new List<string> { "x", "yy" }.FirstOrDefault(s => s.Length > 1))')).toBe('yy');
    expect(run('@(new List<string> { "x" }.FirstOrDefault(s => s.Length > 1))')).toBeNull();
    expect(run('@(new[] { 5, 6 }.FirstOrDefault(n => n > 9))')).toBe(0);
    expect(run('@(new[] { 5, 6, 7 }.Last(n => n < 7))')).toBe(6);
  });

  it('accepts (x, i) => … index overloads, explicitly typed parameters and block bodies', () => {
    expect(run('@(string.Join(",", new[] { "a", "b" }.Select((s, i) => i + "=" + s).ToArray()))')).toBe('0=a,1=b');
    expect(run('@(new[] { 1, 2, 3 }.Where((int n) => n > 1).Count())')).toBe(2);
    expect(
      run(`@(new[] { "GET", "post" }.Select(m => {
        var upper = m.ToUpper();
        if (upper == "GET") { return "read"; }
        return "write";
      }).Last())`),
    ).toBe('write');
  });

  it('orders, slices, de-duplicates and aggregates', () => {
    expect(run('@(new[] { "b", "C", "a" }.OrderBy(s => s).ToArray())')).toEqual(['a', 'b', 'C']);
    expect(run('@(new[] { 3, 1, 2 }.OrderByDescending(n => n).Skip(1).Take(1).Single())')).toBe(2);
    expect(run('@(new[] { "a", "b", "a" }.Distinct().Count())')).toBe(2);
    expect(run('@(new[] { 4, 9, 2 }.Max())')).toBe(9);
    expect(run('@(new[] { "aa", "b" }.Min(s => s.Length))')).toBe(1);
    expect(run('@(new[] { 1, 2 }.Average())')).toBe(1.5);
    expect(run('@(new[] { 1, 2, 3 }.Aggregate((a, b) => a * b))')).toBe(6);
    expect(run('@(new[] { 1, 2 }.Concat(new[] { 3 }).Reverse().ToList()[0])')).toBe(3);
    expect(run('@(new[] { 1, 2 }.Contains(2))')).toBe(true);
    expect(run('@(new[] { new[] { 1 }, new[] { 2, 3 } }.SelectMany(a => a).Sum())')).toBe(6);
  });

  it('aggregates from a seed and runs List.ForEach with an Action lambda', () => {
    expect(run('@(new[] { "a", "b" }.Aggregate(">", (acc, s) => acc + s))')).toBe('>ab');
    expect(run('@(new[] { 2, 3 }.Aggregate(10L, (acc, n) => acc * n))')).toBe(60);
    expect(
      run(`@{
        var total = 0;
        var seen = new List<string>();
        new List<int> { 1, 2, 3 }.ForEach(n => total += n);
        new List<string> { "x", "y" }.ForEach(s => { if (s != "x") { seen.Add(s.ToUpper()); } });
        return total + string.Join("", seen);
      }`),
    ).toBe('6Y');
    expect(refusal('@{ new List<int> { 1 }.ForEach(n => { return n; }); return 1; }').detail).toBe(
      'this lambda gives no value (an Action); remove the return',
    );
  });

  it('groups with GroupBy (Key and the group as a sequence) and sorts by further keys with ThenBy', () => {
    expect(
      run(
        '@(string.Join(";", new[] { "ab", "c", "de", "f", "ghi" }.GroupBy(s => s.Length).Select(g => g.Key + "=" + g.Count())))',
      ),
    ).toBe('2=2;1=2;3=1');
    expect(run('@(new[] { "b", "a", "c" }.GroupBy(s => s == "a").First(g => !g.Key).Last())')).toBe('c');
    expect(
      run('@(string.Join(",", new[] { "bb", "a", "ccc", "dd" }.OrderByDescending(s => s.Length).ThenBy(s => s)))'),
    ).toBe('ccc,bb,dd,a');
    expect(run('@(string.Join(",", new[] { "b1", "a2", "a1" }.OrderBy(s => s[0]).ThenByDescending(s => s[1])))')).toBe(
      'a2,a1,b1',
    );
  });

  it('filters by run-time type with OfType<T>() and casts with Cast<T>()', () => {
    expect(run('@(JArray.Parse("[1, {}, [2], {}]").OfType<JObject>().Count())')).toBe(2);
    expect(run('@(new object[] { "a", "b" }.Cast<string>().Select(s => s.ToUpper()).Last())')).toBe('B');
    expect(() => run('@(new object[] { "a", 1 }.Cast<string>().Count())')).toThrow(
      'an element is an int, not a string',
    );
  });

  it('combines sequences as sets and compares them', () => {
    expect(run('@(string.Join(",", new[] { "a", "b", "a" }.Union(new[] { "c", "b" })))')).toBe('a,b,c');
    expect(run('@(string.Join(",", new[] { 1, 2, 3, 2 }.Intersect(new[] { 2, 3, 4 })))')).toBe('2,3');
    expect(run('@(string.Join(",", new[] { 1, 2, 3 }.Except(new[] { 2 })))')).toBe('1,3');
    expect(run('@(new[] { 1, 2 }.SequenceEqual(new List<int> { 1, 2 }))')).toBe(true);
    expect(run('@(string.Join(",", new[] { "b" }.Append("c").Prepend("a")))')).toBe('a,b,c');
    expect(run('@(new int[0].DefaultIfEmpty().Single() + new int[0].DefaultIfEmpty(7).Single())')).toBe(7);
    expect(run('@(new[] { 1, 2 }.LongCount())')).toBe(2);
  });

  it('builds dictionaries and enumerates context dictionaries as key/value pairs', () => {
    expect(run('@(new[] { "a", "bb" }.ToDictionary(s => s, s => s.Length)["bb"])')).toBe(2);
    expect(run('@(context.Request.Headers.Where(h => h.Key.StartsWith("x-")).Count())')).toBe(2);
    expect(
      run(
        '@{ var n = 0; foreach (var v in context.Variables) { n += (int)v.Value; } return n; }',
        specContext({ a: 1, b: 2 }),
      ),
    ).toBe(3);
  });

  it('runs LINQ over JArray (the JSON slice enumerates JTokens)', () => {
    expect(run('@(JArray.Parse("[{\\"n\\":1},{\\"n\\":5}]").Where(t => (int)t["n"] > 2).Count())')).toBe(1);
  });

  it('stores lambdas in Func<…> variables, calls them and passes them on', () => {
    expect(
      run(`@{
        Func<string, bool> isShort = s => s.Length < 3;
        Func<int, int, int> add = (a, b) => a + b;
        var names = new[] { "ab", "abcd", "x" };
        return add(names.Count(isShort), 10) + "/" + isShort("abc") + "/" + names.Where(isShort).Last();
      }`),
    ).toBe('12/False/x');
    expect(refusal('@{ Func<int, bool> f = s => s.Length > 0; return 1; }').code).toBe('EXPRESSION_UNSUPPORTED');
    expect(refusal('@{ Func<int, bool> f = n => n > 0; return f("x"); }').detail).toMatch(
      /^f\(string\) does not match f\(int\)/,
    );
  });

  it('runs LINQ over the chars of a string', () => {
    expect(run("@(\"a1b2\".Count(c => c >= '0' && c <= '9'))")).toBe(2);
    expect(run('@("abc".All(c => c != \' \') && "abc".First() == \'a\')')).toBe(true);
    expect(refusal('@("abc".Frobnicate())').detail).toMatch(/, the LINQ methods \(Where, Select, Any …\)$/);
  });

  it('turns method groups into delegates: All(char.IsDigit), Where(list.Contains)', () => {
    expect(run('@("123".All(char.IsDigit) && !"12a".All(char.IsDigit))')).toBe(true);
    expect(
      run('@{ var allowed = new List<string> { "a", "c" }; return new[] { "a", "b", "c" }.Count(allowed.Contains); }'),
    ).toBe(2);
    expect(run('@(new[] { "", "b", null }.Count(string.IsNullOrEmpty))')).toBe(2);
    expect(refusal('@("123".All(char.ToUpper))').code).toBe('EXPRESSION_INVALID');
  });

  it('lets a Func variable call itself, each call with its own parameters, and stops runaway recursion', () => {
    expect(
      run(`@{
        Func<int, int> factorial = null;
        factorial = n => n <= 1 ? 1 : factorial(n - 1) * n;
        return factorial(5);
      }`),
    ).toBe(120);
    expect(() => run('@{ Func<int, int> f = null; f = n => f(n + 1); return f(0); }')).toThrow(
      'a lambda called itself more than 256 times deep',
    );
  });

  it('joins any sequence of strings with string.Join', () => {
    expect(run('@(string.Join(",", new List<string> { "a", "b" }))')).toBe('a,b');
    expect(run('@(string.Join("-", new[] { "b", "a" }.OrderBy(s => s)))')).toBe('a-b');
  });

  it('captures locals and sees later assignments', () => {
    expect(
      run('@{ var min = 2; var items = new List<int> { 1, 2, 3 }; min = 1; return items.Count(n => n > min); }'),
    ).toBe(2);
  });

  it('fails at run time like LINQ does', () => {
    expect(() => run('@(new int[0].First())')).toThrow('the sequence contains no elements');
    expect(() => run('@(new[] { 1, 1 }.Single())')).toThrow('more than one matching element');
  });

  it('refuses lambdas that do not fit at load time', () => {
    expect(refusal('@(new[] { 1 }.Where(n => n.Length > 0))').detail).toMatch(/^n.Length is not supported; n has/);
    expect(refusal('@(new[] { 1 }.Where(n => "yes"))').detail).toBe(
      'cannot assign "yes" (string) to the lambda result',
    );
    expect(refusal('@(new[] { 1 }.Where((a, b, c) => true))').detail).toMatch(
      /^Where\(\(a, b, c\) => true\) does not match Where\(Func<int, bool>\), Where\(Func<int, int, bool>\)/,
    );
    expect(refusal('@{ var f = x => x; return 1; }').detail).toBe(
      'a lambda needs a method to receive it, e.g. .Where(x => …) or .Select(x => …); it cannot stand alone',
    );
    expect(refusal('@(new[] { "a" }.Sum(s => s))').detail).toBe(
      'Sum(x => …) needs a lambda that gives a number, not string',
    );
    expect(refusal('@(new[] { 1 }.ThenBy(n => n))').detail).toBe(
      'ThenBy follows OrderBy or OrderByDescending: list.OrderBy(x => …).ThenBy(x => …)',
    );
  });
});
