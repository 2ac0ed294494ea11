import { generateKeyPairSync } from 'node:crypto';
import { mintToken } from './mint-token';
import { describeSecretFindings, scanLogsForSecrets } from './scan-logs-for-secrets';
import { stackSecrets } from './stack-secrets';

const secret = { label: 'client secret of the test client', value: 'dev-only~test~secret-value' };

describe('scanLogsForSecrets', () => {
  it('finds a known secret verbatim, JSON-escaped and URL-encoded, and redacts it in the excerpt', () => {
    const logs = [
      `{"level":30,"msg":"token request","client_secret":"${secret.value}"}`,
      'nothing here',
      `POST /token body=client_secret=${encodeURIComponent(secret.value)}&grant_type=client_credentials`,
    ];
    const findings = scanLogsForSecrets(logs, { secrets: [secret] });

    expect(findings.map((f) => [f.kind, f.what, f.line])).toEqual([
      ['known-secret', secret.label, 1],
      ['known-secret', secret.label, 3],
    ]);
    expect(describeSecretFindings(findings)).not.toContain(secret.value);
    expect(findings[0].excerpt).toContain('"client_secret":"[REDACTED]"');
  });

  it('finds a PEM private key, in a raw line and inside a JSON string, without printing the key', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const body = pem.split('\n')[1];
    const findings = scanLogsForSecrets([...pem.split('\n'), JSON.stringify({ key: pem })]);

    expect(findings.map((f) => [f.kind, f.line])).toEqual([
      ['private-key', 1],
      ['private-key', pem.split('\n').length + 1],
    ]);
    expect(describeSecretFindings(findings)).not.toContain(body.slice(0, 20));
    expect(scanLogsForSecrets('-----BEGIN RSA PRIVATE KEY-----')).toHaveLength(1);
    expect(scanLogsForSecrets('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toHaveLength(1);
    expect(scanLogsForSecrets('-----BEGIN PUBLIC KEY-----')).toEqual([]);
    expect(scanLogsForSecrets('-----BEGIN CERTIFICATE-----')).toEqual([]);
  });

  it('finds a private JWK but not a public one', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const privateJwk = JSON.stringify({ kid: 'k1', ...privateKey.export({ format: 'jwk' }) });
    const publicJwk = JSON.stringify({ kid: 'k1', ...publicKey.export({ format: 'jwk' }) });

    expect(scanLogsForSecrets(`{"msg":"keys","key":${privateJwk}}`)).toMatchObject([
      { kind: 'private-key', what: 'private JWK' },
    ]);
    expect(scanLogsForSecrets(JSON.stringify({ msg: privateJwk }))).toHaveLength(1); // escaped inside a string
    expect(scanLogsForSecrets(`{"msg":"keys","key":${publicJwk}}`)).toEqual([]);
  });

  it('finds a complete signed token, even glued to other text, and redacts it', () => {
    const token = mintToken({ aud: 'api://x', roles: ['Echo.Read'] });
    const findings = scanLogsForSecrets([
      `authorization: Bearer ${token}`,
      `{"msg":"denied","token":"${token}"}`,
      `token=${token}&x=1`,
    ]);

    expect(findings.map((f) => [f.kind, f.what, f.line])).toEqual([
      ['token', 'JWT (alg RS256)', 1],
      ['token', 'JWT (alg RS256)', 2],
      ['token', 'JWT (alg RS256)', 3],
    ]);
    expect(describeSecretFindings(findings)).not.toContain(token.split('.')[2]);
  });

  it('ignores what only looks like a token: no JWT header, or no signature', () => {
    const unsigned = mintToken({ sub: 'x' }, { alg: 'none' }); // header.payload. (empty signature)
    expect(
      scanLogsForSecrets([
        'eyJub3QiOiJhIGhlYWRlciJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', // {"not":"a header"} has no alg
        'version 1.2.3 of file.name.ext',
        `alg none token: ${unsigned}`,
        'header only: eyJhbGciOiJSUzI1NiJ9',
      ]),
    ).toEqual([]);
  });

  it('refuses a known secret too short to look for', () => {
    expect(() => scanLogsForSecrets('x', { secrets: [{ label: 'short', value: 'abc' }] })).toThrow(
      /"short" is shorter than 8 characters/,
    );
  });
});

describe('stackSecrets', () => {
  it('lists the client secrets, the subscription keys and the secrets of an environment, each once', () => {
    const secrets = stackSecrets({ WORKER_CLIENT_SECRET: 'from-the-env-secret', WORKER_CERTIFICATE_PATH: '/x/y.pem' });
    const labels = secrets.map((s) => s.label);

    expect(labels).toEqual(
      expect.arrayContaining([
        'client secret of ago-apiclient-oauth-app',
        'client secret of ago-expired-oauth-app',
        'subscription key worker-primary-key',
        'subscription key all-access-secondary-key',
        "WORKER_CLIENT_SECRET of the stack's environment",
      ]),
    );
    expect(secrets.map((s) => s.value)).not.toContain('/x/y.pem');
    expect(new Set(secrets.map((s) => s.value)).size).toBe(secrets.length);
    // Every one is long enough to be looked for.
    expect(() => scanLogsForSecrets('', { secrets })).not.toThrow();
  });
});
