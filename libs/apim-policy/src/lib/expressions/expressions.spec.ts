import { GatewayConfigError } from '../errors/gateway-config-error';
import { GatewayContext, type GatewayContextInit } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';
import { JwtValue } from '../context/jwt-value';
import { ExpressionEvaluationError, compileExpression, expressionValueToString, isExpression } from './index';

const LOCATION = { file: 'config/gateway/policies/echo-api.xml', line: 7, element: 'set-header', attribute: 'value' };

function token(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

function makeContext(
  overrides: Partial<GatewayContextInit> = {},
  headers: Record<string, string> = {},
): GatewayContext {
  return new GatewayContext({
    method: 'POST',
    originalUrl: new URL('http://gateway.local:8080/echo/resource?param1=x&tag=a&tag=b'),
    headers: HeaderBag.from(headers),
    ipAddress: '10.1.2.3',
    api: { id: 'echo-api', name: 'Echo API', path: 'echo', serviceUrl: 'http://backend:3000/api' },
    operation: { id: 'create', name: 'Create resource', method: 'POST', urlTemplate: '/resource' },
    backendPath: '/resource',
    ...overrides,
  });
}

const subscription = { id: 'sub-1', name: 'Starter', key: 'k-used', primaryKey: 'k-used', secondaryKey: 'k-2' };

function run(source: string, context: GatewayContext = makeContext()): unknown {
  return compileExpression(source, LOCATION).evaluate(context);
}

function refusal(source: string): GatewayConfigError {
  try {
    compileExpression(source, LOCATION);
  } catch (error) {
    if (error instanceof GatewayConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

function runtimeError(source: string, context: GatewayContext = makeContext()): ExpressionEvaluationError {
  const compiled = compileExpression(source, LOCATION);
  try {
    compiled.evaluate(context);
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail at run time`);
}

describe('isExpression', () => {
  it('recognises @( and @{ after leading spaces only', () => {
    expect(isExpression('@(context.Request.Method)')).toBe(true);
    expect(isExpression('  @{ return "x"; }')).toBe(true);
    expect(isExpression('plain @(text)')).toBe(false);
    expect(isExpression('@"verbatim"')).toBe(false);
    expect(isExpression('{{named-value}}')).toBe(false);
  });
});

describe('documented APIM examples', () => {
  it('reads the original host (validate-jwt audience example)', () => {
    expect(run('@(context.Request.OriginalUrl.Host)')).toBe('gateway.local');
  });

  it('authorizes by claim: POST without the finance group', () => {
    const source =
      '@(context.Request.Method == "POST" && !((Jwt)context.Variables["jwt"]).Claims["group"].Contains("finance"))';
    const context = makeContext();
    context.variables.set('jwt', new JwtValue({ alg: 'RS256' }, { group: ['logistics'] }));
    expect(run(source, context)).toBe(true);
    context.variables.set('jwt', new JwtValue({ alg: 'RS256' }, { group: ['finance', 'logistics'] }));
    expect(run(source, context)).toBe(false);
    expect(run(source, makeContext({ method: 'GET' }))).toBe(false);
  });

  it('parses the Authorization header without validating it', () => {
    const source = '@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Subject)';
    const withToken = makeContext({}, { Authorization: `Bearer ${token({ sub: 'client-1', azp: 'app-9' })}` });
    expect(run(source, withToken)).toBe('client-1');
    expect(run(source)).toBeNull();
    expect(run(source, makeContext({}, { Authorization: 'Bearer not-a-token' }))).toBeNull();
    const azp =
      '@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Claims.GetValueOrDefault("azp", "none"))';
    expect(run(azp, withToken)).toBe('app-9');
    expect(run(azp, makeContext({}, { Authorization: `Bearer ${token({ sub: 'x' })}` }))).toBe('none');
    expect(run(azp)).toBeNull();
  });

  it('reads the client address, subscription, last error and response', () => {
    expect(run('@(context.Request.IpAddress)')).toBe('10.1.2.3');
    expect(run('@(context.Subscription.Id)', makeContext({ subscription }))).toBe('sub-1');
    expect(run('@(context.Subscription?.Key ?? "anonymous")', makeContext({ subscription }))).toBe('k-used');
    expect(run('@(context.Subscription?.Key ?? "anonymous")')).toBe('anonymous');

    const failed = makeContext();
    failed.lastError = {
      source: 'validate-jwt',
      reason: 'TokenNotPresent',
      message: 'JWT not present.',
      section: 'inbound',
    };
    expect(run('@(context.LastError.Reason)', failed)).toBe('TokenNotPresent');
    expect(run('@(context.LastError.PolicyId)', failed)).toBeNull();

    const answered = makeContext();
    answered.ensureResponse().statusCode = 200;
    expect(run('@(context.Response.StatusCode == 200)', answered)).toBe(true);
    expect(run('@(context.Response.StatusReason)', answered)).toBe('OK');
  });

  it('reads variables with GetValueOrDefault<T>', () => {
    const context = makeContext();
    expect(run('@(context.Variables.GetValueOrDefault<string>("x", "none"))', context)).toBe('none');
    context.variables.set('x', 'set');
    expect(run('@(context.Variables.GetValueOrDefault<string>("x", "none"))', context)).toBe('set');
    context.variables.set('n', 41);
    expect(run('@(context.Variables.GetValueOrDefault<int>("n") + 1)', context)).toBe(42);
    expect(run('@(context.Variables.GetValueOrDefault<int>("missing"))', context)).toBe(0);
    expect(run('@(context.Variables.GetValueOrDefault<bool>("missing"))', context)).toBe(false);
  });

  it('runs a statement block with var, if and return', () => {
    const source =
      '@{ var h = context.Request.Headers.GetValueOrDefault("X-Tier", "free"); if (h == "gold") { return "100"; } return "5"; }';
    expect(run(source, makeContext({}, { 'x-tier': 'gold' }))).toBe('100');
    expect(run(source)).toBe('5');
  });
});

describe('context members', () => {
  it('maps request, URL and API members onto GatewayContext', () => {
    const context = makeContext({ matchedParameters: { id: '42' } }, { 'X-Multi': 'a' });
    context.request.headers.append('x-multi', ['b']);
    expect(run('@(context.Request.Method)', context)).toBe('POST');
    expect(run('@(context.Request.Url.ToString())', context)).toBe(
      'http://backend:3000/api/resource?param1=x&tag=a&tag=b',
    );
    expect(run('@(context.Request.Url.Host + ":" + context.Request.Url.Port)', context)).toBe('backend:3000');
    expect(run('@(context.Request.OriginalUrl.Port)', context)).toBe(8080);
    expect(run('@(context.Request.OriginalUrl.Scheme)', context)).toBe('http');
    expect(run('@(context.Request.OriginalUrl.Path)', context)).toBe('/echo/resource');
    expect(run('@(context.Request.OriginalUrl.QueryString)', context)).toBe('?param1=x&tag=a&tag=b');
    expect(run('@(context.Request.OriginalUrl.Query["tag"])', context)).toEqual(['a', 'b']);
    expect(run('@(context.Request.OriginalUrl.Query.GetValueOrDefault("tag", ""))', context)).toBe('a,b');
    expect(run('@(context.Request.Headers["x-MULTI"])', context)).toEqual(['a', 'b']);
    expect(run('@(context.Request.Headers.GetValueOrDefault("X-Multi"))', context)).toBe('a,b');
    expect(run('@(context.Request.Headers.GetValueOrDefault("X-None"))', context)).toBeNull();
    expect(
      run('@(context.Request.Headers.ContainsKey("x-multi") && context.Request.Headers.Count == 1)', context),
    ).toBe(true);
    expect(run('@(context.Request.MatchedParameters["id"])', context)).toBe('42');
    expect(run('@(context.Api.Name + "|" + context.Api.Path + "|" + context.Api.ServiceUrl.Host)', context)).toBe(
      'Echo API|echo|backend',
    );
    expect(run('@(context.Operation.UrlTemplate)', context)).toBe('/resource');
    expect(run('@(context.Product?.Name)', context)).toBeNull();
    expect(run('@(context.Deployment.Region)', context)).toBe('local');
    expect(run('@(context.RequestId.ToString())', context)).toBe(context.requestId);
    expect(run('@(context.User?.Email ?? "nobody")', context)).toBe('nobody');
  });

  it('gives Timestamp and Elapsed from the context clock', () => {
    let now = Date.UTC(2024, 0, 2, 3, 4, 5);
    const context = makeContext({ now: () => now });
    now += 1500;
    expect(run('@(context.Timestamp.ToString())', context)).toBe('2024-01-02T03:04:05.0000000Z');
    expect(run('@(context.Timestamp.Year)', context)).toBe(2024);
    expect(run('@(context.Elapsed.TotalMilliseconds)', context)).toBe(1500);
    expect(run('@(context.Elapsed.TotalSeconds > 1)', context)).toBe(true);
  });

  it('reads every Jwt member', () => {
    const jwt = new JwtValue(
      { alg: 'RS256', typ: 'JWT' },
      { iss: 'https://issuer/', sub: 's', jti: 'j', aud: ['a1', 'a2'], exp: 1700000000, roles: ['r1', 'r2'] },
    );
    const context = makeContext();
    context.variables.set('jwt', jwt);
    const read = (member: string) => run(`@(((Jwt)context.Variables["jwt"]).${member})`, context);
    expect(read('Algorithm')).toBe('RS256');
    expect(read('Type')).toBe('JWT');
    expect(read('Issuer')).toBe('https://issuer/');
    expect(read('Subject')).toBe('s');
    expect(read('Id')).toBe('j');
    expect(read('Audiences')).toEqual(['a1', 'a2']);
    expect(read('Audiences.Contains("a2")')).toBe(true);
    expect(read('ExpirationTime')).toEqual(new Date(1700000000 * 1000));
    expect(read('NotBefore')).toBeNull();
    expect(read('Claims.GetValueOrDefault("roles", "")')).toBe('r1,r2');
    expect(read('Claims.ContainsKey("nope")')).toBe(false);
    expect(run('@((context.Variables["jwt"] as Jwt).Subject)', context)).toBe('s');
  });
});

describe('refusals at load time', () => {
  it('names file, line, element, attribute and expression, then what is supported', () => {
    const error = refusal('@(context.Request.Bodyy)');
    expect(error.code).toBe('EXPRESSION_UNSUPPORTED');
    expect(error.message).toMatch(
      new RegExp(
        '^config/gateway/policies/echo-api.xml:7 <set-header> attribute "value" expression @\\(context.Request.Bodyy\\): ' +
          'context.Request.Bodyy is not supported; context.Request has Method, Url, OriginalUrl, Headers, IpAddress, MatchedParameters',
      ),
    );
    expect(error.location).toEqual({ ...LOCATION, expression: '@(context.Request.Bodyy)' });
  });

  it('lists what a string offers when a member is missing', () => {
    expect(refusal('@(context.Request.Method.Frobnicate(3))').message).toMatch(
      /context.Request.Method.Frobnicate\(…\) is not supported; context.Request.Method has Length, Contains\(…\), StartsWith\(…\)/,
    );
  });

  it.each([
    [
      '@((Foo)context.Variables["x"])',
      'type Foo is not supported; supported types: string, int, long, byte, bool, double, char, object, Jwt, DateTime, ' +
        'arrays (T[]), List<T>, Dictionary<K, V>, IEnumerable<T>, KeyValuePair<K, V>, nullable value types (int?) and the ' +
        'library types (JObject, JArray, Guid …)',
    ],
    [
      '@(context.Variables.GetValueOrDefault<Queue<string>>("x"))',
      'generic type Queue<string> is not supported; supported types: string, int, long, byte, bool, double, char, object, ' +
        'Jwt, DateTime, arrays (T[]), List<T>, Dictionary<K, V>, IEnumerable<T>, KeyValuePair<K, V>, nullable value types ' +
        '(int?) and the library types (JObject, JArray, Guid …)',
    ],
    [
      '@{ lock (context) { } return "a"; }',
      '"lock" statements are not supported; a block may use declarations, assignments, method calls, ++/--, if/else, ' +
        'switch, for, foreach, while, do, break, continue, try/catch/finally, throw, using and return (at column 4)',
    ],
    ['@(typeof(string).Name)', 'typeof is not supported; test a value with "is" (x is string) instead (at column 3)'],
    [
      '@(context.Request.Headers.TryGetValue("a", ref v))',
      'ref arguments are not supported; only out arguments (out var x) (at column 44)',
    ],
    [
      '@(1.5m)',
      'number suffix "m" is not supported; write an int (42), a long (42L) or a double (4.2 or 4.2d) (at column 3)',
    ],
    [
      '@("a" + context.Request.Headers["a"])',
      '+ cannot join text with context.Request.Headers["a"] (string[]); join its values first: string.Join(",", context.Request.Headers["a"])',
    ],
    [
      '@(new Stack<int>())',
      'generic type Stack<int> is not supported; supported types: string, int, long, byte, bool, double, char, object, ' +
        'Jwt, DateTime, arrays (T[]), List<T>, Dictionary<K, V>, IEnumerable<T>, KeyValuePair<K, V>, nullable value types ' +
        '(int?) and the library types (JObject, JArray, Guid …)',
    ],
  ])('%s', (source, detail) => {
    const error = refusal(source);
    expect(error.code).toBe('EXPRESSION_UNSUPPORTED');
    expect(error.message).toBe(
      `config/gateway/policies/echo-api.xml:7 <set-header> attribute "value" expression ${source}: ${detail}`,
    );
  });

  it.each([
    ['@(context.Request.Method', 'expected ")" but found the end of the expression (at column 25)'],
    [
      '@(context.Request.Method) x',
      'unexpected "x" after the end of the expression; @(…) holds a single expression; use @{ …; return …; } for statements (at column 27)',
    ],
    ['@("unterminated)', 'string literal is not closed with " (at column 3)'],
    [
      '@("bad \\q escape")',
      'unknown escape sequence \\q; C# knows \\" \\\' \\\\ \\0 \\a \\b \\f \\n \\r \\t \\v \\uXXXX \\xH (at column 8)',
    ],
    ['@{ if (true) { return "a"; } }', 'not every path of the block returns a value; end it with return …;'],
    ['@{ return; }', 'return needs a value: the result of the expression (at column 4)'],
    ['@(foo.Bar)', '"foo" is not defined; expressions start from context or from a variable declared in the block'],
    ['@(context.Request.Method == 5)', 'operator == cannot be applied to string and int'],
    ['@(context.Request.Method && true)', 'operator && needs a bool but context.Request.Method is string'],
    [
      '@(context.Variables["x"] && true)',
      'operator && needs a bool but context.Variables["x"] is an object; cast it: (bool)context.Variables["x"]',
    ],
    [
      '@(context.Subscription?.Key.StartsWith("a") ? "a" : "b")',
      'the condition of ?: needs a bool but context.Subscription?.Key.StartsWith("a") is bool? (null when ?. meets null); compare it: (context.Subscription?.Key.StartsWith("a")) == true',
    ],
    ['@(context.Request.Method.Length())', 'context.Request.Method.Length is a property, not a method; remove ()'],
    [
      '@(context.Request.Headers.GetValueOrDefault)',
      'context.Request.Headers.GetValueOrDefault is a method; call it: GetValueOrDefault(…)',
    ],
    [
      '@(context.Request.Headers.GetValueOrDefault("a", 1))',
      'GetValueOrDefault(string, int) does not match GetValueOrDefault(string), GetValueOrDefault(string, string)',
    ],
    [
      '@(context.Request.Method.Substring())',
      'Substring does not take 0 argument(s); it is Substring(int), Substring(int, int)',
    ],
    ['@{ var x = null; return x; }', 'var x = null does not say a type; write it: string x = null;'],
    [
      '@{ string x = context.Variables["a"]; return x; }',
      'cannot assign context.Variables["a"] (object) to string x; cast it: (string)context.Variables["a"]',
    ],
    ['@{ var x = 1; var x = 2; return x; }', '"x" is already declared; pick another name'],
    ['@((int)context.Request.Method)', 'cannot convert context.Request.Method (string) to int'],
    [
      '@(context.Response.StatusCode ?? 0)',
      'the left side of ?? (context.Response.StatusCode) is int and is never null',
    ],
  ])('%s', (source, detail) => {
    const error = refusal(source);
    expect(error.code).toBe('EXPRESSION_INVALID');
    expect(error.message).toBe(
      `config/gateway/policies/echo-api.xml:7 <set-header> attribute "value" expression ${source}: ${detail}`,
    );
  });
});

describe('run-time errors', () => {
  it.each([
    [
      '@(context.Subscription.Id)',
      'context.Subscription is null (the request carried no subscription key), so .Id cannot be read; use ?. to get null instead',
    ],
    [
      '@(context.Response.StatusCode)',
      'context.Response is null (there is no response before the backend answers or a policy sets one), so .StatusCode cannot be read; use ?. to get null instead',
    ],
    [
      '@(context.Request.Headers["X-Missing"])',
      'context.Request.Headers has no "X-Missing"; use GetValueOrDefault("X-Missing", …) or check ContainsKey("X-Missing") first',
    ],
    [
      '@(context.Variables["jwt"])',
      'context.Variables has no "jwt"; set it first (set-variable) or read it with context.Variables.GetValueOrDefault<string>("jwt", …)',
    ],
    [
      '@(context.Request.Headers.GetValueOrDefault("a").Length)',
      'context.Request.Headers.GetValueOrDefault("a") is null, so .Length cannot be read; use ?. to get null instead',
    ],
    ['@(context.Request.Method.Substring(10))', 'argument out of range: Substring start 10 for a string of length 4'],
    ['@(1 / (context.Request.Method.Length - 4))', 'division by zero'],
    [
      '@(context.Request.Method.Contains(context.Request.Headers.GetValueOrDefault("a")))',
      'argument 1 of Contains (string) is null',
    ],
  ])('%s', (source, detail) => {
    const error = runtimeError(source);
    expect(error.message).toBe(`Expression evaluation failed: ${detail}`);
    expect(error.expression).toBe(source);
  });

  it('reports bad casts of variables', () => {
    const context = makeContext();
    context.variables.set('jwt', 'not a jwt');
    context.variables.set('flag', null);
    expect(runtimeError('@(((Jwt)context.Variables["jwt"]).Subject)', context).message).toBe(
      'Expression evaluation failed: context.Variables["jwt"] is a string, not a Jwt',
    );
    expect(runtimeError('@((bool)context.Variables["flag"])', context).message).toBe(
      'Expression evaluation failed: context.Variables["flag"] is null and cannot be converted to bool',
    );
    expect(runtimeError('@(context.Variables.GetValueOrDefault<int>("jwt"))', context).message).toBe(
      'Expression evaluation failed: context.Variables["jwt"] is a string, not an int',
    );
    expect(run('@(context.Variables["jwt"] as Jwt)', context)).toBeNull();
  });
});

describe('expressionValueToString', () => {
  it('formats results the way C# ToString would, arrays joined with commas', () => {
    expect(expressionValueToString(null)).toBe('');
    expect(expressionValueToString(undefined)).toBe('');
    expect(expressionValueToString(true)).toBe('True');
    expect(expressionValueToString(false)).toBe('False');
    expect(expressionValueToString(42)).toBe('42');
    expect(expressionValueToString(1.5)).toBe('1.5');
    expect(expressionValueToString(1e21)).toBe('1E+21');
    expect(expressionValueToString(1e-7)).toBe('1E-07');
    expect(expressionValueToString(['a', 'b'])).toBe('a,b');
    expect(expressionValueToString('text')).toBe('text');
    expect(expressionValueToString(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.0060000Z');
  });
});
