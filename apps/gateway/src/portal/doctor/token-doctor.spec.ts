/**
 * The portal's token doctor on the real gateway (default config/gateway/) and the real identity service, over HTTP
 * on loopback: the page, the diagnose endpoint's reports for real tokens (good, another API, no role, expired),
 * hostile claims, and every malformed request answered with APIM's JSON, never a 500.
 */
import { defaultRegistrations, mintToken } from '@stack/testing';
import { readGatewayConfig } from '@stack/gateway-adapters';
import { DEFAULT_GATEWAY_CONFIG_DIR, startGatewayTestKit, type GatewayTestKit } from '../../testing/gateway-test-kit';
import { MAX_DIAGNOSE_BODY_BYTES } from './diagnose-endpoint';
import type { PortalApiReport, PortalDoctorReport } from './portal-doctor';

const { apis, clients } = defaultRegistrations;
/** The APIs of the default configuration, read rather than pinned (a generated service adds one). */
const configuredApiIds = () => readGatewayConfig(DEFAULT_GATEWAY_CONFIG_DIR, {}).apis.map((a) => a.id);

describe('token doctor page (gateway over HTTP)', () => {
  let kit: GatewayTestKit;
  let tokens: { good: string; otherApi: string; noRole: string };

  beforeAll(async () => {
    kit = await startGatewayTestKit();
    const [good, otherApi, noRole] = await Promise.all([
      kit.tokenFor(clients.apiClient, apis.apiProxy.scope),
      kit.tokenFor(clients.apiClient, apis.legacyApi.scope),
      kit.tokenFor(clients.noRoleClient, apis.apiProxy.scope),
    ]);
    tokens = { good, otherApi, noRole };
  }, 60_000);
  afterAll(() => kit?.close());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${kit.gateway.url}/docs/doctor/diagnose`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  async function diagnose(token: string): Promise<{ report: PortalDoctorReport; text: string }> {
    const response = await post(JSON.stringify({ token }));
    const text = await response.text();
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    return { report: JSON.parse(text) as PortalDoctorReport, text };
  }

  const api = (report: PortalDoctorReport, id: string): PortalApiReport => {
    const found = report.apis.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no API ${id} in the report`);
    return found;
  };
  /** A check of the policy every call to the API meets (the first one outside any <choose>). */
  const check = (report: PortalApiReport, name: string) =>
    report.targets.find((t) => t.condition === undefined)?.checks.find((c) => c.check === name);

  it('serves the page with a strict CSP, the APIs to get a token for, and no subscription key', async () => {
    const response = await fetch(`${kit.gateway.url}/docs/doctor`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${kit.identity.url}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(html).toContain('<textarea id="doctor-token"');
    expect(html).toContain(`data-scope="api://${apis.apiProxy.appId}/.default"`);
    expect(html).toContain(`value="${clients.apiClient.appId}"`);
    expect(html).not.toContain('dev-only-worker-primary-key');
    expect(html).not.toContain(clients.apiClient.secret);
    const script = await fetch(`${kit.gateway.url}/docs/doctor/doctor.js`);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await script.text()).toContain("getElementById('doctor-config')");
    expect((await fetch(`${kit.gateway.url}/docs/doctor/doctor.css`)).status).toBe(200);
  });

  it('is linked from the start panel', async () => {
    const panel = await (await fetch(`${kit.gateway.url}/docs/start`)).text();
    expect(panel).toContain('<a id="portal-doctor-link" href="/docs/doctor">The token doctor</a>');
  });

  it('passes a good token on every API, the signature verified with the gateway keys', async () => {
    const { report, text } = await diagnose(tokens.good);
    expect(report.apis.map((a) => a.id)).toEqual(configuredApiIds());
    expect(api(report, 'echo-api').result).toBe('pass');
    expect(api(report, 'protected-api').result).toBe('pass');
    const echo = api(report, 'echo-api');
    expect(echo.targets[0].label).toMatch(/^validate-jwt \(.*config\/gateway\/policies\/apis\/echo-api\.xml:\d+\)$/);
    expect(check(echo, 'signature')).toMatchObject({ status: 'pass' });
    expect(check(echo, 'audience')).toMatchObject({ status: 'pass' });
    expect(echo.targets[0].answer).toBe('passes: the gateway goes on with the call');
    expect(api(report, 'protected-api').targets[0].label).toMatch(/^validate-azure-ad-token /);
    // Operations that differ: the write needs a role (granted here), the status test checks no token.
    // The write's own check of an app token (the role it needs, granted here) passes.
    const create = echo.operations.find((operation) => operation.id === 'create-resource');
    expect(create).toMatchObject({ method: 'POST', urlTemplate: '/resource' });
    const roleCheck = create?.targets.find((t) => t.checks.some((c) => c.check === 'claim roles'));
    expect(roleCheck?.result).toBe('pass');
    expect(echo.operations.find((operation) => operation.id === 'test-status')).toMatchObject({
      result: 'unchecked',
      note: expect.stringContaining('before <base />'),
    });
    expect(report.token).toEqual(
      expect.arrayContaining([{ name: 'client', value: `${clients.apiClient.appId} (azp)` }]),
    );
    // Never the token or its signature.
    const [, payload, signature] = tokens.good.split('.');
    expect(text).not.toContain(payload);
    expect(text).not.toContain(signature);
  });

  it("fails a token for another API on the audience, with the hint and the gateway's answer", async () => {
    const { report } = await diagnose(`Bearer ${tokens.otherApi}`);
    expect(report.result).toBe('fail');
    const echo = api(report, 'echo-api');
    expect(echo.result).toBe('fail');
    expect(check(echo, 'audience')).toMatchObject({
      status: 'fail',
      hint: expect.stringContaining(`The token was issued for another audience (${apis.legacyApi.appIdUri})`),
    });
    expect(echo.targets[0]).toMatchObject({
      status: 401,
      answer: expect.stringContaining('the gateway answers 401 "Unauthorized. Access token is missing or invalid."'),
    });
    expect(report.checks[0].detail).toContain('the "Bearer " prefix and spaces removed');
    expect(api(report, 'protected-api').result).toBe('fail');
  });

  it('names the missing role at the operation that needs it (403), while the API checks pass', async () => {
    const { report } = await diagnose(tokens.noRole);
    const echo = api(report, 'echo-api');
    expect(echo.result).toBe('pass');
    const create = echo.operations.find((operation) => operation.id === 'create-resource');
    const roleCheck = create?.targets.find((t) => t.checks.some((c) => c.check === 'claim roles'));
    expect(roleCheck).toMatchObject({ result: 'fail', status: 403 });
    expect(roleCheck?.checks.find((c) => c.check === 'claim roles')?.hint).toContain('no app role assigned');
  });

  it('fails an expired token on its lifetime, and says what an unreadable one is', async () => {
    const expired = mintToken(
      { aud: apis.apiProxy.appId, exp: 1_000_000, iat: 999_000, nbf: 999_000 },
      { key: kit.identity.signingKey() },
    );
    const { report } = await diagnose(expired);
    expect(check(api(report, 'echo-api'), 'lifetime')).toMatchObject({ status: 'fail', code: 'ERR_JWT_EXPIRED' });

    const garbage = await diagnose('not a token');
    expect(garbage.report.result).toBe('fail');
    expect(garbage.report.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
    expect(api(garbage.report, 'echo-api').result).toBe('fail');
    expect(api(garbage.report, 'protected-api').result).toBe('fail');
    expect(garbage.report.apis[0].summary).toContain('cannot be read');
  });

  it('escapes control characters of hostile claims; markup stays data for the page to show as text', async () => {
    const hostile = mintToken(
      { aud: '<script>alert(1)</script>\u001b[31m', azp: 'x\r\nFAKE: line', roles: [[[['deep']]]] },
      { key: kit.identity.signingKey() },
    );
    const { report, text } = await diagnose(hostile);
    expect(text).toContain('\\\\u001b[31m'); // the escape sequence as text, not the ESC character
    const aud = report.token.find((row) => row.name === 'aud')?.value;
    expect(aud).toBe('<script>alert(1)</script>\\u001b[31m');
    expect(report.token.find((row) => row.name === 'client')?.value).toBe('x\\r\\nFAKE: line (azp)');
  });

  describe('refuses malformed requests with APIM JSON that says what to send', () => {
    const expectError = async (response: Response, status: number, message: RegExp) => {
      const body = (await response.json()) as { statusCode: number; message: string };
      expect({ status: response.status, statusCode: body.statusCode }).toEqual({ status, statusCode: status });
      expect(body.message).toMatch(message);
    };

    it('415 for a body that is not JSON by content type (a cross-site form cannot post here)', async () => {
      await expectError(await post('token=x', 'application/x-www-form-urlencoded'), 415, /application\/json/);
      await expectError(await post(JSON.stringify({ token: 'x' }), 'text/plain'), 415, /application\/json/);
    });

    it('400 for bad JSON or a body without a token string', async () => {
      await expectError(await post('{"token":'), 400, /not JSON/);
      await expectError(await post('{"token": 42}'), 400, /"token" string/);
      await expectError(await post('[]'), 400, /"token" string/);
      await expectError(await post(''), 400, /not JSON/);
    });

    it(`413 for a body over ${MAX_DIAGNOSE_BODY_BYTES} bytes, declared or streamed`, async () => {
      const big = JSON.stringify({ token: 'a'.repeat(MAX_DIAGNOSE_BODY_BYTES) });
      await expectError(await post(big), 413, /at most 16384 characters/);
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      const response = await fetch(`${kit.gateway.url}/docs/doctor/diagnose`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked,
        duplex: 'half',
      } as RequestInit);
      await expectError(response, 413, /larger than/);
    });

    it('a token just under the limit is diagnosed (the core names its own limit)', async () => {
      const { report } = await diagnose(`${'a'.repeat(16_000)}.b.c`);
      expect(report.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
    });
  });
});

describe('token doctor page while the identity service is down', () => {
  let kit: GatewayTestKit;
  let token: string;

  beforeAll(async () => {
    kit = await startGatewayTestKit();
    token = await kit.tokenFor(clients.apiClient, apis.apiProxy.scope);
    await kit.stopIdentity();
  }, 60_000);
  afterAll(() => kit?.close());

  it('skips the signature (not verifiable) and still checks everything else', async () => {
    const response = await fetch(`${kit.gateway.url}/docs/doctor/diagnose`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as PortalDoctorReport;
    const echo = report.apis.find((a) => a.id === 'echo-api');
    const checks = Object.fromEntries((echo?.targets[0].checks ?? []).map((c) => [c.check, c.status]));
    expect(checks).toMatchObject({ 'signing key': 'skip', signature: 'skip', audience: 'pass', client: 'pass' });
    expect(echo?.targets[0].checks.find((c) => c.check === 'signing key')?.detail).toMatch(/discovery unreachable/);
  });
});
