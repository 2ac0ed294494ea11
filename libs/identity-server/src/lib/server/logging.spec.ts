/** Logs are structured and never carry a secret, an assertion or a token. */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { importPKCS8, SignJWT } from 'jose';
import { ids, postForm, startTestServer } from '../../test-support/server';

it('logs token issuance and refusals without secrets, assertions or tokens', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const running = await startTestServer({ logger: pino({ level: 'trace' }, sink) });
  const url = `${running.server.url}/${ids.tenantId}/oauth2/v2.0/token`;
  const scope = `${ids.apiProxyUri}/.default`;
  const wrongSecret = `wrong-${randomUUID()}`;
  try {
    const ok = await postForm(url, {
      grant_type: 'client_credentials',
      client_id: ids.apiClient,
      client_secret: ids.apiClientSecret,
      scope,
    });
    await postForm(url, {
      grant_type: 'client_credentials',
      client_id: ids.apiClient,
      client_secret: wrongSecret,
      scope,
    });
    const basic = Buffer.from(`${ids.apiClient}:${ids.apiClientSecret}`).toString('base64');
    await postForm(url, { grant_type: 'client_credentials', scope }, { authorization: `Basic ${basic}` });

    const cert = running.server.clientCertificate(ids.certName);
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({
      aud: url,
      iss: ids.certClient,
      sub: ids.certClient,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
    })
      .setProtectedHeader({ alg: 'PS256', 'x5t#S256': cert.thumbprints.x5tS256 })
      .sign(await importPKCS8(cert.privateKeyPem, 'PS256'));
    const form = {
      grant_type: 'client_credentials',
      client_id: ids.certClient,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    };
    await postForm(url, form);
    await postForm(url, form); // replay, refused

    const text = lines.join('');
    for (const secret of [
      ids.apiClientSecret,
      wrongSecret,
      basic,
      assertion,
      assertion.split('.')[2],
      ok.body['access_token'] as string,
    ]) {
      expect(text).not.toContain(secret);
    }
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((event) => event['event'] === 'token_issued')).toHaveLength(3);
    expect(events.filter((event) => event['event'] === 'request_refused').map((event) => event['code'])).toEqual([
      7000215, 50013,
    ]);
  } finally {
    await running.dispose();
  }
});
