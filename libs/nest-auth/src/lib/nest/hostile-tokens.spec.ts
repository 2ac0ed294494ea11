import type { LoggerService } from '@nestjs/common';
import { startJwksTestServer, type JwksTestServer } from '../testing/jwks-test-server';
import { startProtectedTestApp, type AdapterName, type ProtectedTestApp } from '../testing/protected-test-app';
import { base64url, bearer, call, v2Claims } from '../testing/probe-requests';

/**
 * Regressions for the defects an attacker found (issue "Hostile input and faults"): every one of these
 * requests used to answer 500 or be accepted. Each must now be a 401 `invalid_token` with a reason.
 */

/** `[[[...]]]` nested `depth` levels as JSON text: a few KiB, far below the 16 KiB header limit. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** `value` with one more member given as raw JSON text (JSON.stringify itself overflows on deep values). */
const withMember = (value: object, name: string, json: string) =>
  `${JSON.stringify(value).slice(0, -1)},${JSON.stringify(name)}:${json}}`;
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** The same bytes with other values in the unused low bits of the segment's last character. */
function otherLowBits(segment: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const unusedBits = segment.length % 4 === 2 ? 4 : segment.length % 4 === 3 ? 2 : 0;
  if (unusedBits === 0) throw new Error('segment has no unused bits');
  const last = alphabet.indexOf(segment.at(-1) ?? '');
  return segment.slice(0, -1) + alphabet[last ^ 1];
}

/** A logger that keeps every message, to check what reaches the text log. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (message: unknown) => this.lines.push(String(message));
  warn = (message: unknown) => this.lines.push(String(message));
  error = (message: unknown) => this.lines.push(String(message));
  debug = (message: unknown) => this.lines.push(String(message));
  verbose = (message: unknown) => this.lines.push(String(message));
}

const oneDay = 24 * 60 * 60;

describe.each<[AdapterName, number]>([
  ['fastify', 10_000],
  ['fastify', 0],
  ['express', 10_000],
  ['express', 0],
])('hostile tokens on %s, token cache of %i', (adapter, tokenCacheMaxEntries) => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    jwks = await startJwksTestServer();
    app = await startProtectedTestApp(
      adapter,
      { jwksUri: jwks.jwksUri, keys: { cooldownMs: 0 }, tokenCacheMaxEntries },
      logger,
    );
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  const expectInvalidToken = async (token: string, code: string) => {
    const response = await call(`${app.url}/read`, bearer(token));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(response.body.reasons?.[0]?.code).toBe(code);
  };

  describe('deeply nested JSON (a stack overflow used to answer 500)', () => {
    const deep = nestedArrays(3000);

    it('refuses it in the protected header, before any key lookup', async () => {
      const token = `${b64(withMember({ alg: 'RS256', kid: 'key-1' }, 'x', deep))}.${base64url(v2Claims())}.c2ln`;
      const hits = jwks.hits;
      await expectInvalidToken(token, 'ERR_TOKEN_MALFORMED');
      expect(jwks.hits).toBe(hits);
    });

    it('refuses it in the claims of an unsigned token', async () => {
      await expectInvalidToken(
        `${base64url({ alg: 'RS256', kid: 'key-1' })}.${b64(withMember(v2Claims(), 'x', deep))}.c2ln`,
        'ERR_TOKEN_MALFORMED',
      );
    });

    it('refuses a validly signed token whose roles nest deeply', async () => {
      const header = JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });
      const token = await jwks.signText(header, withMember(v2Claims({ roles: undefined }), 'roles', deep));
      await expectInvalidToken(token, 'ERR_TOKEN_MALFORMED');
    });

    it('still accepts the modest nesting real tokens have', async () => {
      const token = await jwks.sign(v2Claims({ x: { a: [{ b: [1, 2] }] } }));
      expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
    });
  });

  describe('one token, one spelling', () => {
    let token: string;
    beforeAll(async () => {
      token = await jwks.sign(v2Claims());
      expect((await call(`${app.url}/read`, bearer(token))).status).toBe(200);
    });

    it('refuses the signature with other unused low bits in its last character', async () => {
      const [header, payload, signature] = token.split('.');
      await expectInvalidToken(`${header}.${payload}.${otherLowBits(signature)}`, 'ERR_TOKEN_MALFORMED');
    });

    it('refuses a header or payload with other unused low bits', async () => {
      const [header, payload, signature] = token.split('.');
      for (const variant of [`${otherLowBits(header)}.${payload}.${signature}`]) {
        await expectInvalidToken(variant, 'ERR_TOKEN_MALFORMED');
      }
      if (payload.length % 4 > 1) {
        await expectInvalidToken(`${header}.${otherLowBits(payload)}.${signature}`, 'ERR_TOKEN_MALFORMED');
      }
    });

    it('refuses = padding: on the signature as a malformed token, elsewhere as a malformed request', async () => {
      const [header, payload, signature] = token.split('.');
      await expectInvalidToken(`${header}.${payload}.${signature}=`, 'ERR_TOKEN_MALFORMED');
      // "=" inside the credentials is outside RFC 6750's b64token syntax: 400 invalid_request.
      const padded = await call(`${app.url}/read`, bearer(`${header}=.${payload}.${signature}`));
      expect(padded.status).toBe(400);
      expect(padded.headers['www-authenticate']).toMatch(/^Bearer error="invalid_request"/);
    });
  });

  describe('lifetime', () => {
    it('refuses exp = 1e308', async () => {
      const response = await call(`${app.url}/read`, bearer(await jwks.sign(v2Claims({ exp: 1e308 }))));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    });

    it('refuses a token that claims to live longer than a day, accepts one just inside', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectInvalidToken(await jwks.sign(v2Claims({ exp: now + 2 * oneDay })), 'ERR_LIFETIME_TOO_LONG');
      const inside = await jwks.sign(v2Claims({ exp: now + oneDay - 60 }));
      expect((await call(`${app.url}/read`, bearer(inside))).status).toBe(200);
    });
  });

  describe('log injection', () => {
    it('escapes control characters from claims in the text log', async () => {
      const forged = '\n[Nest] 1  - 01/01/2026, 00:00:00     LOG [Auth] 200 forged line\u001b[31m';
      const token = await jwks.sign(v2Claims({ iss: `https://evil.example/${forged}` }));
      logger.lines.length = 0;
      expect((await call(`${app.url}/read`, bearer(token))).status).toBe(401);
      const logged = logger.lines.join('\n');
      expect(logged).toContain('ERR_ISS_MISMATCH');
      expect(logger.lines.some((line) => ['\n', '\r', '\u001b'].some((c) => line.includes(c)))).toBe(false);
      expect(logged).toContain('\\n[Nest]');
    });
  });
});

describe('maxTokenLifetimeSeconds', () => {
  let jwks: JwksTestServer;
  let app: ProtectedTestApp;

  beforeAll(async () => {
    jwks = await startJwksTestServer();
    app = await startProtectedTestApp('fastify', { jwksUri: jwks.jwksUri, maxTokenLifetimeSeconds: 3600 });
  });
  afterAll(async () => {
    await app.close();
    await jwks.close();
  });

  it('bounds the lifetime to the configured maximum, with the clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const long = await call(`${app.url}/read`, bearer(await jwks.sign(v2Claims({ exp: now + 7200 }))));
    expect(long.status).toBe(401);
    expect(long.body.reasons?.[0]?.code).toBe('ERR_LIFETIME_TOO_LONG');
    const fine = await call(`${app.url}/read`, bearer(await jwks.sign(v2Claims({ exp: now + 3500 }))));
    expect(fine.status).toBe(200);
  });
});
