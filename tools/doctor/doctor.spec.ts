/**
 * The doctor end to end, in-process: real tokens from the in-process identity service (v2 and v1, another API, no
 * role, expired) checked against the gateway's config/gateway policies and protected-api's own settings, discovery
 * over HTTPS from the identity service, and a stored Entra-shaped token that must never reach the network.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoctorReport } from '@stack/claim-policy';
import {
  clientCredentialsToken,
  defaultRegistrations,
  mintToken,
  startIdentity,
  type TestIdentity,
} from '@stack/testing';
import { repoRoot } from '../stack/services';
import type { ClosableKeySource } from './discovery-keys';
import { runDoctor, type DoctorIo } from './run-doctor';
import { ENTRA_SHAPED, ENTRA_SHAPED_TOKEN } from './test-support/entra-shaped-token';

const { apis, clients } = defaultRegistrations;
let identity: TestIdentity;
let env: NodeJS.ProcessEnv;
let tokens: { v2: string; v1: string; noRole: string; otherApi: string };

beforeAll(async () => {
  identity = await startIdentity();
  env = {
    GATEWAY_ENTRA_AUTHORITY_HOST: identity.url,
    AUTH_AUTHORITY_HOST: identity.url,
    PROTECTED_API_PORT: '3000',
    GATEWAY_PORT: '8080',
  };
  const [v2, v1, noRole] = await Promise.all([
    clientCredentialsToken(identity, clients.apiClient, apis.apiProxy.scope),
    clientCredentialsToken(identity, clients.apiClient, apis.legacyApi.scope),
    clientCredentialsToken(identity, clients.noRoleClient, apis.apiProxy.scope),
  ]);
  tokens = { v2, v1, noRole, otherApi: v1 };
}, 60_000);

afterAll(() => identity?.dispose());

async function doctor(args: string[], io: Partial<DoctorIo> = {}) {
  let out = '';
  let err = '';
  const code = await runDoctor(args, {
    env,
    out: (text) => (out += text),
    err: (text) => (err += text),
    ...io,
  });
  return { code, out, err };
}

async function jsonReport(args: string[], io: Partial<DoctorIo> = {}) {
  const run = await doctor([...args, '--json'], io);
  return { ...run, report: JSON.parse(run.out) as DoctorReport & { keys: { mode: string } } };
}

const check = (report: DoctorReport, name: string, target = 0) =>
  report.targets[target].checks.find((c) => c.check === name);

describe('npm run doctor', () => {
  it('passes a good v2 token against the gateway API, the signature verified through the identity service', async () => {
    const { code, report } = await jsonReport([tokens.v2, '--api', 'echo-api']);
    expect(code).toBe(0);
    expect(report.keys.mode).toBe('local');
    expect(report.targets).toHaveLength(1);
    expect(report.targets[0].label).toContain('echo-api: validate-jwt');
    expect(check(report, 'signature')).toMatchObject({ status: 'pass' });
    expect(check(report, 'issuer')).toMatchObject({ status: 'pass' }); // from the discovery document
    expect(report.targets[0].checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('explains a token for another API (the wrong audience) and prints the gateway answer, never the token', async () => {
    const { code, out } = await doctor([tokens.otherApi, '--api', 'echo-api']);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}audience +ERR_CLAIM_VALUE_NOT_ALLOWED: token has aud api:\/\/9b7c1e52/);
    expect(out).toContain(
      `hint: The token was issued for another audience (${apis.legacyApi.appIdUri}); request it with scope=${apis.apiProxy.appId}/.default.`,
    );
    expect(out).toContain('-> the gateway answers 401 "Unauthorized. Access token is missing or invalid."');
    const [header, payload, signature] = tokens.otherApi.split('.');
    expect(out).not.toContain(payload);
    expect(out).not.toContain(signature);
    expect(out).not.toContain(`${header}.`);
  });

  it('names the missing app role for a client without one, at the gateway operation and at protected-api', async () => {
    const gateway = await jsonReport([tokens.noRole, '--api', 'echo-api', '--operation', 'create-resource']);
    expect(gateway.code).toBe(1);
    expect(gateway.report.targets.map((t) => t.result)).toEqual(['pass', 'fail']);
    expect(check(gateway.report, 'claim roles', 1)?.hint).toContain('no app role assigned');
    const direct = await jsonReport([tokens.noRole, '--url', 'http://localhost:3000/resource', '--method', 'post']);
    expect(direct.code).toBe(1);
    expect(direct.report.targets[0].label).toContain('protected-api POST /resource');
    expect(direct.report.targets[0].answer).toMatchObject({ status: 403, error: 'insufficient_scope' });
  });

  it('maps a gateway URL to its API and operation, validate-azure-ad-token included', async () => {
    const { code, report } = await jsonReport([tokens.v2, '--url', 'http://localhost:8080/protected/resource']);
    expect(code).toBe(0);
    expect(report.targets[0].label).toContain('protected-api retrieve-resource: validate-azure-ad-token');
    expect(check(report, 'tenant')).toMatchObject({ status: 'pass' });
    expect(check(report, 'client')).toMatchObject({ status: 'pass' });
  });

  it('explains a v1 token: App ID URI in aud, appid instead of azp, the v1 issuer form', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doctor-policy-'));
    try {
      const file = join(dir, 'legacy.xml');
      await writeFile(
        file,
        `<validate-jwt header-name="Authorization">
  <openid-config url="https://login.microsoftonline.com/{{tenant-id}}/v2.0/.well-known/openid-configuration" />
  <audiences><audience>${apis.legacyApi.appId}</audience></audiences>
  <required-claims><claim name="azp"><value>{{client-app-id}}</value></claim></required-claims>
</validate-jwt>`,
      );
      const { code, report } = await jsonReport([tokens.v1, '--policy', file]);
      expect(code).toBe(1);
      expect(report.token?.version).toBe('1.0');
      expect(check(report, 'audience')?.hint).toContain('this is a v1 token');
      expect(check(report, 'client')?.hint).toContain('the client id is in appid, not azp');
      expect(check(report, 'issuer')?.hint).toContain('iss is the v1 form');
      expect(check(report, 'signature')).toMatchObject({ status: 'pass' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports an expired token signed by the identity service: signature good, lifetime failed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = JSON.parse(Buffer.from(tokens.v2.split('.')[1], 'base64url').toString('utf8'));
    const expired = mintToken(
      { ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 },
      { key: identity.signingKey(), timestamps: false },
    );
    const { code, report } = await jsonReport([expired, '--api', 'protected-api'], { now: now * 1000 });
    expect(code).toBe(1);
    expect(check(report, 'signature')).toMatchObject({ status: 'pass' });
    expect(check(report, 'lifetime')).toMatchObject({ status: 'fail', code: 'ERR_JWT_EXPIRED' });
    expect(check(report, 'lifetime')?.hint).toContain('expired 3600 s ago');
    expect(report.targets[0].answer).toMatchObject({ status: 401, reason: 'TokenExpired' });
  });

  it('reports a kid the identity service does not publish', async () => {
    const claims = JSON.parse(Buffer.from(tokens.v2.split('.')[1], 'base64url').toString('utf8'));
    const { code, report } = await jsonReport([mintToken(claims, { timestamps: false }), '--api', 'echo-api']);
    expect(code).toBe(1);
    expect(check(report, 'signing key')).toMatchObject({ status: 'fail', code: 'ERR_KEY_NOT_FOUND' });
  });

  it('checks a stored Entra-shaped token offline without touching the network', async () => {
    const keys = jest.fn<ClosableKeySource, [string | undefined]>(() => {
      throw new Error('offline: no key source may be built');
    });
    const { code, out } = await doctor([ENTRA_SHAPED_TOKEN, '--api', 'echo-api', '--offline'], { keys });
    expect(keys).not.toHaveBeenCalled();
    expect(code).toBe(1);
    expect(out).toContain('Signing keys: offline (--offline), discovery not attempted.');
    expect(out).toMatch(/SKIP {2}signature +not verifiable offline/);
    expect(out).toContain(`token from tenant ${ENTRA_SHAPED.tenantId}`);
    expect(out).toMatch(/FAIL {2}lifetime/);
    expect(out).toMatch(/FAIL {2}audience/);
  });

  it('goes to Entra itself for an Entra token (here an injected key source), and says when Entra is unreachable', async () => {
    const authorities: (string | undefined)[] = [];
    const keys = (authority: string | undefined): ClosableKeySource => {
      authorities.push(authority);
      return {
        lookup: async () => ({ kind: 'unavailable', detail: 'getaddrinfo ENOTFOUND login.microsoftonline.com' }),
        close: () => undefined,
      };
    };
    const { report } = await jsonReport([ENTRA_SHAPED_TOKEN, '--api', 'echo-api'], { keys });
    expect(authorities).toEqual([undefined]);
    expect(report.keys.mode).toBe('entra');
    expect(check(report, 'signature')).toMatchObject({ status: 'skip', detail: 'not verifiable offline' });
    expect(check(report, 'signing key')?.detail).toContain('ENOTFOUND');
  });

  it('reads the token from standard input with -, and refuses what is not a JWS with the parser hint', async () => {
    const stdin = await doctor(['-', '--api', 'echo-api'], { stdin: async () => `Bearer ${tokens.v2}\n` });
    expect(stdin.code).toBe(0);
    const jwe = await jsonReport(['a.b.c.d.e', '--api', 'echo-api']);
    expect(jwe.code).toBe(1);
    expect(jwe.report.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
    expect(jwe.report.checks[0].hint).toContain('JWE');
  });

  it('escapes control characters of hostile claims in the printed report', async () => {
    const hostile = mintToken({ iss: 'https://evil.example/\u001b[2J\r\nPASS  signature', aud: 'x' });
    const { code, out } = await doctor([hostile, '--api', 'echo-api'], {
      keys: () => ({ lookup: async () => ({ kind: 'unavailable', detail: 'down' }), close: () => undefined }),
    });
    expect(code).toBe(1);
    expect([...out].filter((char) => char !== '\n' && char.charCodeAt(0) < 0x20)).toEqual([]);
    expect(out).toContain('\\u001b[2J\\r\\nPASS');
  });

  it.each([
    [['--api', 'echo-api'], 'give the token'],
    [['t'], 'choose exactly one of'],
    [['t', '--api', 'echo-api', '--url', 'http://localhost:8080/echo'], 'choose exactly one of'],
    [['t', '--api', 'nope'], 'no API "nope"'],
    [['t', '--policy', join(repoRoot, 'config', 'gateway', 'policies', 'global.xml')], 'no validate-jwt'],
    [['t', '--api', 'echo-api', '--operation', 'nope'], 'no operation "nope"'],
    [['t', '--url', 'http://localhost:8080/echo/status'], 'echo-api test-status policies hold no validate-jwt'],
    [['t', '--url', 'http://localhost:8080/nowhere'], 'is no gateway API path'],
    [['t', '--url', 'http://localhost:3000/health/live'], 'no protected route'],
    [['t', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 on a usage or configuration error: %j', async (args, message) => {
    const { code, err, out } = await doctor(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });
});
