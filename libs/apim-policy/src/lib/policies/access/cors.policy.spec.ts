import { PolicyTestHost } from '../../testing/policy-test-host';

const inbound = (statements: string) => `<policies><inbound>${statements}</inbound></policies>`;
const SPA = 'https://app.contoso.test';

const CORS = `<cors allow-credentials="true">
    <allowed-origins><origin>https://app.contoso.test/</origin><origin>http://localhost:4200</origin></allowed-origins>
    <allowed-methods preflight-result-max-age="600"><method>GET</method><method>PUT</method></allowed-methods>
    <allowed-headers><header>Content-Type</header><header>X-Request-Id</header></allowed-headers>
    <expose-headers><header>X-Trace</header></expose-headers>
  </cors>`;

function host(policy = CORS, statements = '') {
  let backendCalls = 0;
  const test = new PolicyTestHost({
    policies: { api: inbound(`${policy}${statements}`) },
    backend: () => {
      backendCalls += 1;
      return { body: { ok: true }, headers: { 'X-Trace': 't-1' } };
    },
  });
  return { test, backendCalls: () => backendCalls };
}

const preflight = (headers: Record<string, string>) => ({ method: 'OPTIONS', path: '/orders/7', headers });

describe('cors', () => {
  it('answers an allowed preflight itself: 200 with the allow headers, nothing forwarded, later policies not run', async () => {
    const { test, backendCalls } = host(CORS, '<set-variable name="after" value="ran" />');
    const result = await test.send(
      preflight({
        Origin: SPA,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type, x-request-id',
      }),
    );
    expect(result.status).toBe(200);
    expect(result.headers).toMatchObject({
      'access-control-allow-origin': SPA,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type,x-request-id',
      'access-control-max-age': '600',
    });
    expect(result.text).toBe('');
    expect(backendCalls()).toBe(0);
    expect(result.variables['after']).toBeUndefined();
  });

  it('ends an unmatched preflight with an empty 200 and no CORS headers (origin, method or header not allowed)', async () => {
    const { test, backendCalls } = host();
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'GET' },
      { Origin: SPA, 'Access-Control-Request-Method': 'DELETE' },
      { Origin: SPA, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'X-Secret' },
    ];
    for (const headers of cases) {
      const result = await test.send(preflight(headers));
      expect(result.status).toBe(200);
      expect(result.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(backendCalls()).toBe(0);
  });

  it('adds Access-Control-Allow-Origin, credentials and exposed headers to an allowed actual request', async () => {
    const { test, backendCalls } = host();
    const result = await test.send({
      method: 'PUT',
      path: '/orders/7',
      headers: { Origin: 'http://localhost:4200' },
      body: {},
    });
    expect(result.status).toBe(200);
    expect(backendCalls()).toBe(1);
    expect(result.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:4200',
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Trace',
      vary: 'Origin',
    });
  });

  it('terminate-unmatched-request: a simple GET from another origin ends with an empty 200 (default) or goes on without CORS headers (false)', async () => {
    const request = { path: '/orders/7', headers: { Origin: 'https://evil.test' } };
    const terminating = host();
    const ended = await terminating.test.send(request);
    expect([ended.status, ended.text, terminating.backendCalls()]).toEqual([200, '', 0]);
    const lenient = host(CORS.replace('<cors allow-credentials="true">', '<cors terminate-unmatched-request="false">'));
    const passed = await lenient.test.send(request);
    expect(passed.json()).toEqual({ ok: true });
    expect(passed.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves same-origin requests (no Origin header) alone, and GET/POST are the default methods', async () => {
    const policy = `<cors><allowed-origins><origin>*</origin></allowed-origins>
      <allowed-headers><header>*</header></allowed-headers></cors>`;
    const { test } = host(policy);
    expect((await test.send({ path: '/' })).headers['access-control-allow-origin']).toBeUndefined();
    const post = await test.send(
      preflight({
        Origin: SPA,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'X-Anything',
      }),
    );
    expect(post.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-max-age': '0' });
    const del = await test.send(preflight({ Origin: SPA, 'Access-Control-Request-Method': 'DELETE' }));
    expect(del.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['<cors><allowed-headers><header>a</header></allowed-headers></cors>', 'needs <allowed-origins>'],
    ['<cors><allowed-origins><origin>*</origin></allowed-origins></cors>', 'needs <allowed-headers>'],
    [
      '<cors><allowed-origins><origin>contoso.com</origin></allowed-origins><allowed-headers><header>a</header></allowed-headers></cors>',
      '"contoso.com" is not an origin',
    ],
    [
      '<cors allow-credentials="true"><allowed-origins><origin>*</origin></allowed-origins><allowed-headers><header>a</header></allowed-headers></cors>',
      'list the origins instead',
    ],
  ])('refuses %s at load', (statement, message) => {
    expect(() => new PolicyTestHost({ policies: { api: inbound(statement) } })).toThrow(message);
  });
});
