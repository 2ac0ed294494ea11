import { GatewayContext } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { ExpressionEvaluationError, compileExpression } from './index';

function makeContext(): GatewayContext {
  const context = new GatewayContext({
    method: 'GET',
    originalUrl: new URL('https://gateway.local/echo/items?q=1'),
    headers: HeaderBag.from({ 'x-list': 'a,b,,c', 'x-name': '  Alice  ' }),
    ipAddress: '127.0.0.1',
    api: { id: 'echo-api', name: 'Echo API', path: 'echo', serviceUrl: 'http://backend:3000' },
    operation: { id: 'list', name: 'List', method: 'GET', urlTemplate: '/items' },
    backendPath: '/items',
  });
  context.variables.set('text', 'hello');
  context.variables.set('count', 3);
  context.variables.set('ratio', 0.5);
  context.variables.set('on', true);
  return context;
}

const run = (source: string) => compileExpression(source, { file: 'p.xml', line: 1 }).evaluate(makeContext());

describe('evaluation', () => {
  it('short-circuits && || ?: and ?? (the right side would fail if it ran)', () => {
    const boom = 'context.Subscription.Id == "x"';
    expect(run(`@(false && ${boom})`)).toBe(false);
    expect(run(`@(true || ${boom})`)).toBe(true);
    expect(run(`@(true ? "left" : context.Subscription.Id)`)).toBe('left');
    expect(run(`@("set" ?? context.Subscription.Id)`)).toBe('set');
    expect(() => run(`@(true && ${boom})`)).toThrow(ExpressionEvaluationError);
  });

  it('makes a whole ?. chain null, but not past parentheses', () => {
    expect(run('@(context.Subscription?.Key.Length)')).toBeNull();
    expect(run('@(context.Subscription?.Key.Substring(1).ToUpper())')).toBeNull();
    expect(run('@(context.Subscription?.Key.Length ?? -1)')).toBe(-1);
    expect(run('@(context.Subscription?.Key.Length > 3)')).toBe(false);
    expect(run('@(context.Subscription?.Key.Length == null)')).toBe(true);
    expect(() => run('@((context.Subscription?.Key).Length)')).toThrow(
      'Expression evaluation failed: context.Subscription?.Key is null, so .Length cannot be read; use ?. to get null instead',
    );
    expect(run('@(context.Request.Headers.GetValueOrDefault("none")?.Split(\',\')[0])')).toBeNull();
  });

  it('does C# arithmetic: int division truncates, mixed int/double is double, precedence', () => {
    expect(run('@(7 / 2)')).toBe(3);
    expect(run('@(-7 / 2)')).toBe(-3);
    expect(run('@(-7 % 3)')).toBe(-1);
    expect(run('@(7 / 2.0)')).toBe(3.5);
    expect(run('@(1 + 2 * 3)')).toBe(7);
    expect(run('@((1 + 2) * 3)')).toBe(9);
    expect(run('@(2147483647 + 1)')).toBe(-2147483648);
    expect(run('@((int)3.9 + (int)-3.9)')).toBe(0);
    expect(run('@((double)context.Variables["ratio"] * 4)')).toBe(2);
  });

  it('joins text with + the C# way', () => {
    expect(run('@("n=" + 1 + 2)')).toBe('n=12');
    expect(run('@(1 + 2 + "=n")')).toBe('3=n');
    expect(run('@("b=" + true + ", null=" + null + ", c=" + \'x\')')).toBe('b=True, null=, c=x');
    expect(run('@("v=" + context.Variables["count"])')).toBe('v=3');
  });

  it('compares strings ordinally and objects with literals by value', () => {
    expect(run('@("abc" == "abc")')).toBe(true);
    expect(run('@("abc" == "ABC")')).toBe(false);
    expect(run('@(context.Variables["text"] == "hello")')).toBe(true);
    expect(run('@(context.Variables["count"] == 3)')).toBe(true);
    expect(run('@(context.Variables["on"] != false)')).toBe(true);
    expect(run('@(context.Subscription == null)')).toBe(true);
    expect(run('@(context.Variables["count"].ToString())')).toBe('3');
    expect(run('@(context.Variables["on"].ToString())')).toBe('True');
  });

  it('supports the documented string members', () => {
    expect(run('@("Hello".Length)')).toBe(5);
    expect(run('@("Hello".Contains("ell") && "Hello".StartsWith("He") && "Hello".EndsWith("lo"))')).toBe(true);
    expect(run('@("Hello".Equals("hello", StringComparison.OrdinalIgnoreCase))')).toBe(true);
    expect(run('@("Hello".ToLower() + "Hello".ToUpperInvariant())')).toBe('helloHELLO');
    expect(run('@(context.Request.Headers.GetValueOrDefault("x-name", "").Trim())')).toBe('Alice');
    expect(run('@("Hello".Substring(1, 3) + "Hello".Substring(3))')).toBe('elllo');
    expect(run('@("a-b-c".Replace("-", "+"))')).toBe('a+b+c');
    expect(run('@("Hello".IndexOf(\'l\') + "Hello".IndexOf("lo"))')).toBe(5);
    expect(run('@(context.Request.Headers.GetValueOrDefault("x-list", "").Split(\',\'))')).toEqual(['a', 'b', '', 'c']);
    expect(run('@("a::b".Split("::").Length)')).toBe(2);
    expect(run('@("Hello"[1])')).toBe('e');
    expect(run('@(string.IsNullOrEmpty(context.Request.Headers.GetValueOrDefault("none")))')).toBe(true);
    expect(run('@(String.Join("|", context.Request.OriginalUrl.Query["q"]))')).toBe('1');
    expect(run('@(string.Join(";", "a,b".Split(\',\')))')).toBe('a;b');
  });

  it('supports the documented string[] members', () => {
    const list = 'context.Request.Headers.GetValueOrDefault("x-list", "").Split(\',\')';
    expect(run(`@(${list}.Contains("c"))`)).toBe(true);
    expect(run(`@(${list}.Contains("C"))`)).toBe(false);
    expect(run(`@(${list}.Count() + ${list}.Length)`)).toBe(8);
    expect(run(`@(${list}.Any())`)).toBe(true);
    expect(run(`@(${list}.FirstOrDefault() + ${list}.Last() + ${list}.ElementAt(1) + ${list}[3])`)).toBe('acbc');
    expect(run('@("".Split(\',\').FirstOrDefault())')).toBe('');
  });

  it('runs blocks: nested scopes, typed declarations, else-if chains', () => {
    const block = `@{
      int count = (int)context.Variables["count"];
      if (count > 1) int other = 2;
      return "unused";
    }`;
    expect(() => compileExpression(block, { file: 'p.xml' })).toThrow('declare other inside braces');
    expect(
      run(`@{
        int count = (int)context.Variables["count"];
        double half = count / 2.0;
        if (count > 5) return "many";
        else if (count > 2) { var suffix = "+" + half; return "some" + suffix; }
        else return "few";
      }`),
    ).toBe('some+1.5');
  });

  it('reads the verbatim strings, chars and escapes it was given', () => {
    expect(run('@(@"C:\\temp\\""x""")')).toBe('C:\\temp\\"x"');
    expect(run('@("tab\\there")')).toBe('tab\there');
    expect(run("@('\\u0041'.ToString())")).toBe('A');
  });
});
