/**
 * The log under hostile requests: no client secret, client assertion or complete token in any line, and no user
 * data (form values, tenant path segments) that could forge a line or reach a terminal unescaped.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { connect } from 'node:tls';
import { importPKCS8, SignJWT } from 'jose';
import { isControlCharacter } from '@stack/claim-policy';
import pino from 'pino';
import { ids, postForm, startTestServer, type TestServer } from '../../test-support/server';
import { JWT_BEARER_ASSERTION_TYPE } from '../client-auth/verify-client-assertion';

/** Control characters (C0, DEL, C1, U+2028/U+2029) a text log line must never carry raw. */
const rawControls = (line: string) => [...line].filter((char) => isControlCharacter(char.charCodeAt(0)));
const FORGED = '{"level":60,"msg":"forged"}';

let running: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  running = await startTestServer({ logger: pino({ level: 'trace' }, sink) });
});
afterAll(() => running.dispose());

const v2 = (tenant: string = ids.tenantId) => `${running.server.url}/${tenant}/oauth2/v2.0/token`;

/** Sends raw bytes as the request line's path, as no well-behaved client would. */
function rawRequest(pathBytes: Buffer): Promise<string> {
  const { port } = running.server;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: running.server.caCertPem }, () => {
      socket.write(
        Buffer.concat([
          Buffer.from('POST '),
          pathBytes,
          Buffer.from(
            ' HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
          ),
        ]),
      );
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

it('logs hostile requests without secrets, assertions, tokens or raw control characters', async () => {
  const wrongSecret = `wrong-${randomUUID()}`;
  const scope = `${ids.apiProxyUri}/.default`;
  const ok = await postForm(v2(), {
    grant_type: 'client_credentials',
    client_id: ids.apiClient,
    client_secret: ids.apiClientSecret,
    scope,
  });
  expect(ok.status).toBe(200);
  const accessToken = ok.body['access_token'] as string;

  // Form values made to forge log lines, with a wrong secret.
  await postForm(v2(), {
    grant_type: `client_credentials\n${FORGED}`,
    client_id: `${ids.apiClient}\u2028${FORGED}`,
    client_secret: wrongSecret,
    scope: `x\r\n${FORGED}\u0085\u001b[31m`,
  });
  await postForm(v2(), {
    grant_type: 'client_credentials',
    client_id: ids.apiClient,
    client_secret: wrongSecret,
    scope,
  });
  // Basic credentials, a JSON body and an unparseable JSON body carrying the secret.
  const basic = Buffer.from(`${ids.apiClient}:${ids.apiClientSecret}`).toString('base64');
  await postForm(v2(), { grant_type: 'client_credentials', scope }, { authorization: `Basic ${basic}` });
  for (const body of [
    JSON.stringify({ client_secret: ids.apiClientSecret }),
    `{"client_secret":"${ids.apiClientSecret}`,
  ]) {
    const response = await fetch(v2(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
  }

  // A client assertion, used, replayed, and respelled.
  const cert = running.server.clientCertificate(ids.certName);
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ aud: v2(), iss: ids.certClient, sub: ids.certClient, jti: randomUUID() })
    .setNotBefore(now)
    .setExpirationTime(now + 600)
    .setProtectedHeader({ alg: 'PS256', 'x5t#S256': cert.thumbprints.x5tS256 })
    .sign(await importPKCS8(cert.privateKeyPem, 'PS256'));
  const assertionForm = (clientAssertion: string) => ({
    grant_type: 'client_credentials',
    client_id: ids.certClient,
    client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
    client_assertion: clientAssertion,
    scope,
  });
  expect((await postForm(v2(), assertionForm(assertion))).status).toBe(200);
  expect((await postForm(v2(), assertionForm(assertion))).status).toBe(401);
  expect((await postForm(v2(), assertionForm(`${assertion}==`))).status).toBe(401);

  // Tenant path segments: percent-encoded controls, a long one, and raw bytes no client should send.
  await postForm(v2(encodeURIComponent(`t\n${FORGED}\u2028`)), { grant_type: 'client_credentials' });
  await postForm(v2('t'.repeat(5000)), { grant_type: 'client_credentials' });
  const unknownRoute = await fetch(`${running.server.url}/${'u/'.repeat(6000)}`, { method: 'POST' });
  expect(unknownRoute.status).toBe(404);
  const raw = await rawRequest(
    Buffer.concat([
      Buffer.from('/t'),
      Buffer.from([0x85, 0x7f, 0xe2, 0x80, 0xa8, 0x1b]),
      Buffer.from('/oauth2/v2.0/token'),
    ]),
  );
  // Node's HTTP parser refuses it; the answer is still AADSTS JSON.
  expect(raw).toMatch(/^HTTP\/1\.1 400 /);
  expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
    error: 'invalid_request',
    error_codes: [9002313],
  });

  expect(lines.length).toBeGreaterThan(10);
  const text = lines.join('\n');
  for (const secret of [ids.apiClientSecret, wrongSecret, basic, assertion, assertion.split('.')[2], accessToken]) {
    expect(text).not.toContain(secret);
  }
  for (const line of lines) {
    expect(rawControls(line)).toEqual([]);
    const event = JSON.parse(line) as Record<string, unknown>;
    for (const value of Object.values(event)) {
      if (typeof value !== 'string') continue;
      expect(value).not.toContain(FORGED);
      expect(value.length).toBeLessThan(1000);
    }
  }
}, 60_000);
