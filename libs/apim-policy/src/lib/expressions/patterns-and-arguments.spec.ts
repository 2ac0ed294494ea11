import { HeaderBag } from '../context/header-bag';
import { refusal, run, specContext } from './expression-spec-kit';

describe('is patterns', () => {
  it('tests run-time types, and binds a variable with is T name', () => {
    const context = specContext({ n: 5, s: 'text', list: ['a'] });
    expect(run('@(context.Variables["n"] is int)', context)).toBe(true);
    expect(run('@(context.Variables["n"] is string)', context)).toBe(false);
    expect(run('@(context.Variables["missing"] is null)', specContext({ missing: null }))).toBe(true);
    expect(run('@(context.Variables["s"] is string text ? text.ToUpper() : "none")', context)).toBe('TEXT');
    expect(
      run('@{ if (context.Variables["n"] is int count && count > 3) { return count * 2; } return 0; }', context),
    ).toBe(10);
    expect(run('@(context.Variables["list"] is string[] parts && parts.Length == 1)', context)).toBe(true);
  });

  it('casts a send-request response variable with (IResponse) and as IResponse', () => {
    const reply = { statusCode: 201, headers: new HeaderBag(), body: undefined };
    const context = specContext({ reply, text: 'not a response' });
    expect(run('@(((IResponse)context.Variables["reply"]).StatusCode)', context)).toBe(201);
    expect(run('@((context.Variables["text"] as IResponse)?.StatusCode ?? 0)', context)).toBe(0);
    expect(run('@(context.Variables["reply"] is IResponse r && r.StatusCode < 300)', context)).toBe(true);
  });

  it('tests JSON token types through the JSON slice', () => {
    expect(run('@(JToken.Parse("{}") is JObject)')).toBe(true);
    expect(run('@(JToken.Parse("[1]") is JObject)')).toBe(false);
    expect(run('@{ var t = JToken.Parse("[1,2]"); if (t is JArray a) { return a.Count; } return -1; }')).toBe(2);
  });

  it('binds any value with is var', () => {
    expect(run('@(context.Request.Method.ToLower() is var m && m.StartsWith("p") ? m : "other")')).toBe('post');
  });

  it('refuses what C# refuses', () => {
    expect(refusal('@(1 is null)').detail).toBe('1 is int and is never null');
    expect(refusal('@(context.Variables["n"] is int?)').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@(context.Variables["n"] is not null)').code).toBe('EXPRESSION_UNSUPPORTED');
  });
});

describe('out, named and optional arguments', () => {
  it('passes out var / out T / out existing variables', () => {
    expect(run('@(int.TryParse("42", out var n) ? n + 1 : -1)')).toBe(43);
    expect(run('@(int.TryParse("x", out int n) ? n : -1)')).toBe(-1);
    expect(
      run(`@{
        var d = new Dictionary<string, string> { { "a", "1" } };
        string found;
        var hit = d.TryGetValue("a", out found);
        var miss = d.TryGetValue("b", out var other);
        return hit + "/" + found + "/" + miss + "/" + (other == null);
      }`),
    ).toBe('True/1/False/True');
  });

  it('discards out values with out _ and out var _', () => {
    expect(run('@(int.TryParse("5", out _) && int.TryParse("6", out var _) && int.TryParse("7", out int _))')).toBe(
      true,
    );
  });

  it('matches named arguments by parameter name and fills optional parameters with their defaults', () => {
    expect(run('@{ var d = new Dictionary<string, int>(); d.Add(value: 2, key: "k"); return d["k"]; }')).toBe(2);
    expect(run('@(new Dictionary<string, int>().GetValueOrDefault("none"))')).toBe(0);
    expect(run('@(new Dictionary<string, int>().GetValueOrDefault("none", defaultValue: 9))')).toBe(9);
  });

  it('refuses mismatched out and named arguments', () => {
    expect(refusal('@(int.TryParse("1", out string s))').detail).toBe('out string s: the parameter is out int');
    expect(refusal('@{ var d = new Dictionary<string, int>(); d.Add(nope: 1, key: "k"); return 1; }').detail).toMatch(
      /^Add does not take 2 argument\(s\); it is Add\(string key, int value\)/,
    );
    expect(refusal('@{ var d = new Dictionary<string, int>(); d.Add(key: "k", 1); return 1; }').detail).toBe(
      'Add: positional arguments cannot follow named ones',
    );
    expect(refusal('@(context.Request.Method.Contains(out var x))').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@{ var n = 1; return int.TryParse("1", ref n); }').code).toBe('EXPRESSION_UNSUPPORTED');
  });
});
