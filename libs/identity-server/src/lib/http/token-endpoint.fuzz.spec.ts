/**
 * Property-based fuzzing of the v1 and v2 token endpoints over real HTTPS: whatever the body, content type,
 * tenant segment, query string or client assertion, the answer is never 5xx, every 4xx is an AADSTS JSON error,
 * and the service stays healthy and keeps issuing valid tokens.
 */
import { createPrivateKey } from 'node:crypto';
import fc from 'fast-check';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { request } from 'undici';
import {
  assertionBody,
  hostileRequest,
  type AssertionSigner,
  type HostileRequest,
} from '../../test-support/hostile-requests';
import { ids, postForm, startTestServer, type TestServer } from '../../test-support/server';

// Bounded so the spec stays well under a minute on a busy machine; raise locally with FUZZ_RUNS.
const NUM_RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const TIMEOUT_MS = Math.max(120_000, NUM_RUNS * 500);

let running: TestServer;
let signer: AssertionSigner;

beforeAll(async () => {
  running = await startTestServer();
  const cert = running.server.clientCertificate(ids.certName);
  signer = {
    privateKey: createPrivateKey(cert.privateKeyPem),
    x5t: cert.thumbprints.x5t,
    x5tS256: cert.thumbprints.x5tS256,
    audience: `${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`,
  };
});
afterAll(() => running.dispose());

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

async function send(hostile: HostileRequest): Promise<Answer> {
  const path = hostile.endpoint === 'v2' ? 'oauth2/v2.0/token' : 'oauth2/token';
  const url = `${running.server.url}/${hostile.tenant}/${path}${hostile.query ? `?${hostile.query}` : ''}`;
  const headers: Record<string, string> = {};
  if (hostile.contentType !== undefined) headers['content-type'] = hostile.contentType;
  if (hostile.authorization !== undefined) headers['authorization'] = hostile.authorization;
  const response = await request(url, { method: 'POST', headers, body: hostile.body });
  const text = await response.body.text();
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text };
}

function expectWellFormed(answer: Answer, hostile: HostileRequest): void {
  const context = `${answer.status} ${answer.text.slice(0, 300)} for ${JSON.stringify(hostile).slice(0, 300)}`;
  if (answer.status >= 500) throw new Error(`5xx: ${context}`);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  if (answer.status === 200) {
    expect(typeof body['access_token']).toBe('string');
    return;
  }
  if (answer.status < 400) throw new Error(`Unexpected status: ${context}`);
  expect(body).toEqual(
    expect.objectContaining({
      error: expect.any(String),
      error_description: expect.stringMatching(/^AADSTS\d+: /),
      error_codes: [expect.any(Number)],
      timestamp: expect.any(String),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
    }),
  );
}

async function expectStillServing(): Promise<void> {
  const health = await request(`${running.server.url}/health`);
  expect(health.statusCode).toBe(200);
  await health.body.dump();

  const { status, body } = await postForm(`${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: ids.apiClient,
    client_secret: ids.apiClientSecret,
    scope: `${ids.apiProxyUri}/.default`,
  });
  expect(status).toBe(200);
  const jwks = createRemoteJWKSet(new URL(`${running.server.url}/${ids.tenantId}/discovery/v2.0/keys`));
  await expect(
    jwtVerify(body['access_token'] as string, jwks, { issuer: running.server.issuer('2.0'), audience: ids.apiProxy }),
  ).resolves.toBeDefined();
}

it(
  'answers every hostile token request without a 5xx, with AADSTS JSON for each refusal',
  async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequest(signer), async (hostile) => {
        expectWellFormed(await send(hostile), hostile);
      }),
      { numRuns: NUM_RUNS },
    );
    await expectStillServing();
  },
  TIMEOUT_MS,
);

it(
  'answers every hostile client assertion (deep nesting, non-canonical base64url, odd shapes) with an AADSTS error',
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'v1' | 'v2'>('v1', 'v2'), assertionBody(signer), async (endpoint, body) => {
        const hostile: HostileRequest = {
          endpoint,
          tenant: ids.tenantId,
          query: '',
          contentType: 'application/x-www-form-urlencoded',
          body:
            endpoint === 'v1'
              ? body.replace(/(^|&)scope=[^&]*/, '$1resource=' + encodeURIComponent(ids.apiProxyUri))
              : body,
        };
        expectWellFormed(await send(hostile), hostile);
      }),
      { numRuns: NUM_RUNS },
    );
    await expectStillServing();
  },
  TIMEOUT_MS,
);
