/**
 * CORS on the token endpoints over real HTTPS: preflights, tokens and AADSTS errors for an allowed origin,
 * nothing for other origins, and discovery/JWKS open to any origin.
 */
import { ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { normaliseCorsOrigins } from './token-cors';

const PORTAL = 'http://localhost:8080';
const OTHER = 'https://evil.example';

let running: TestServer;
beforeAll(async () => {
  running = await startTestServer({ corsOrigins: [PORTAL, 'https://portal.example:8443/'] });
});
afterAll(() => running.dispose());

const endpoints = () => ({
  v2: `${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`,
  v1: `${running.server.url}/${ids.tenantId}/oauth2/token`,
});
const corsHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,x-requested-with',
    },
  });
}

const tokenRequest = {
  grant_type: 'client_credentials',
  client_id: ids.apiClient,
  client_secret: ids.apiClientSecret,
  scope: `${ids.apiProxyUri}/.default`,
};

describe.each(['v2', 'v1'] as const)('the %s token endpoint', (version) => {
  it('answers a preflight from an allowed origin with 204 and the CORS grant', async () => {
    const response = await preflight(endpoints()[version], PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-requested-with');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(await response.text()).toBe('');
  });

  it('names the allowed origin on tokens and on AADSTS errors', async () => {
    const body = version === 'v2' ? tokenRequest : { ...tokenRequest, scope: '', resource: ids.apiProxyUri };
    const issued = await postForm(endpoints()[version], body, { origin: PORTAL });
    expect(issued.status).toBe(200);
    expect(issued.body['access_token']).toEqual(expect.any(String));
    expect(issued.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(issued.headers.get('vary')).toMatch(/\bOrigin\b/);

    const refused = await postForm(endpoints()[version], { ...body, client_secret: 'wrong' }, { origin: PORTAL });
    expect(refused.status).toBe(401);
    expect(refused.body['error']).toBe('invalid_client');
    expect(refused.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(refused.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('gives another origin no CORS headers, on the preflight or the POST', async () => {
    const response = await preflight(endpoints()[version], OTHER);
    expect(response.status).toBe(204);
    expect(corsHeaders(response.headers)).toEqual([]);
    const issued = await postForm(endpoints()[version], tokenRequest, { origin: OTHER });
    expect(corsHeaders(issued.headers)).toEqual([]);
  });
});

it('matches configured origins as browsers send them (trailing slash and default port dropped)', async () => {
  const response = await preflight(endpoints().v2, 'https://portal.example:8443');
  expect(response.headers.get('access-control-allow-origin')).toBe('https://portal.example:8443');
});

it('adds nothing to requests without an Origin (servers, msal-node)', async () => {
  const issued = await postForm(endpoints().v2, tokenRequest);
  expect(issued.status).toBe(200);
  expect(corsHeaders(issued.headers)).toEqual([]);
});

it('leaves discovery and JWKS open to any origin, as Entra does', async () => {
  const base = `${running.server.url}/${ids.tenantId}`;
  for (const url of [`${base}/v2.0/.well-known/openid-configuration`, `${base}/discovery/v2.0/keys`]) {
    const response = await fetch(url, { headers: { origin: OTHER } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await response.arrayBuffer();
  }
});

describe('without corsOrigins', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startTestServer();
  });
  afterAll(() => plain.dispose());

  it('sends no CORS headers to an origin that is neither listed nor a registered SPA redirect origin', async () => {
    const url = `${plain.server.url}/${ids.tenantId}/oauth2/v2.0/token`;
    const issued = await postForm(url, tokenRequest, { origin: 'http://elsewhere.example:9000' });
    expect(issued.status).toBe(200);
    expect(corsHeaders(issued.headers)).toEqual([]);
  });

  it("allows the origins of registered SPA redirect URIs (the developer portal's), as Entra does", async () => {
    const url = `${plain.server.url}/${ids.tenantId}/oauth2/v2.0/token`;
    const issued = await postForm(url, tokenRequest, { origin: PORTAL });
    expect(issued.headers.get('access-control-allow-origin')).toBe(PORTAL);
    // A loopback SPA redirect URI matches on any port, so does its origin (a portal on a free port in tests).
    const otherPort = await postForm(url, tokenRequest, { origin: 'http://localhost:43210' });
    expect(otherPort.headers.get('access-control-allow-origin')).toBe('http://localhost:43210');
    const otherHost = await postForm(url, tokenRequest, { origin: 'http://localhost.example:8080' });
    expect(otherHost.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('normaliseCorsOrigins', () => {
  it('keeps origins as browsers send them, and *', () => {
    expect([...normaliseCorsOrigins(['http://localhost:8080/', ' https://A.example:443 ', '*', ''])]).toEqual([
      'http://localhost:8080',
      'https://a.example',
      '*',
    ]);
  });

  it.each(['localhost:8080', 'http://localhost:8080/docs', 'ftp://files.example', 'http://u:p@host.example'])(
    'rejects %s with the expected form',
    (origin) => {
      expect(() => normaliseCorsOrigins([origin])).toThrow(
        `corsOrigins: '${origin}' is not an origin; write scheme, host and port only, e.g. http://localhost:8080.`,
      );
    },
  );

  it('stops the service before it starts', async () => {
    await expect(startTestServer({ corsOrigins: ['localhost:8080'] })).rejects.toThrow(
      "'localhost:8080' is not an origin",
    );
  });
});
