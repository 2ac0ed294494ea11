/**
 * Key injection (RFC 8725 §2.9, §3.10; security.md A7, A8): keys or key URLs carried by the token itself. The URLs
 * point at the run's loopback canary, which must never be called: a hit means the target fetched a key from a URL
 * an attacker chose (SSRF, and key injection if it then trusted it).
 */
import type { AttackCase, AttackContext } from '../model';
import { invalidToken } from './expect';
import { bearer, forged, realKid } from './forge';

const attackerJwk = (context: AttackContext) => ({
  ...context.attacker.rsa.publicKey.export({ format: 'jwk' }),
  kid: context.attacker.rsa.kid,
  alg: 'RS256',
  use: 'sig',
});

const canary = (context: AttackContext, what: string) => `${context.canaryUrl}/${what}`;

const cases: ReadonlyArray<[string, string, (context: AttackContext) => Record<string, unknown>]> = [
  [
    'jwk-embedded',
    'jwk header with the attacker key, attacker kid',
    (c) => ({ jwk: attackerJwk(c), kid: c.attacker.rsa.kid }),
  ],
  [
    'jwk-embedded-real-kid',
    'jwk header with the attacker key, real kid',
    (c) => ({ jwk: { ...attackerJwk(c), kid: realKid(c) } }),
  ],
  ['jwk-embedded-no-kid', 'jwk header with the attacker key, no kid', (c) => ({ jwk: attackerJwk(c), kid: undefined })],
  [
    'jku-canary',
    'jku pointing at the canary, attacker kid',
    (c) => ({ jku: canary(c, 'jku.json'), kid: c.attacker.rsa.kid }),
  ],
  ['jku-canary-real-kid', 'jku pointing at the canary, real kid', (c) => ({ jku: canary(c, 'jku-real.json') })],
  [
    'jku-canary-no-kid',
    'jku pointing at the canary, no kid',
    (c) => ({ jku: canary(c, 'jku-nokid.json'), kid: undefined }),
  ],
  [
    'x5u-canary',
    'x5u pointing at the canary, attacker kid',
    (c) => ({ x5u: canary(c, 'x5u.pem'), kid: c.attacker.rsa.kid }),
  ],
  ['x5u-canary-real-kid', 'x5u pointing at the canary, real kid', (c) => ({ x5u: canary(c, 'x5u-real.pem') })],
  [
    'x5c-attacker-certificate',
    'x5c holding the attacker self-signed certificate, no kid',
    (c) => ({ x5c: [c.attacker.rsaCertificate], kid: undefined }),
  ],
  [
    'x5c-attacker-certificate-real-kid',
    'x5c holding the attacker certificate, real kid',
    (c) => ({ x5c: [c.attacker.rsaCertificate] }),
  ],
  ['kid-is-canary-url', 'kid is a URL of the canary', (c) => ({ kid: canary(c, 'kid') })],
  [
    'jwk-and-jku',
    'jwk, jku and x5u together, no kid',
    (c) => ({ jwk: attackerJwk(c), jku: canary(c, 'both.json'), x5u: canary(c, 'both.pem'), kid: undefined }),
  ],
];

export const keyInjectionCases: readonly AttackCase[] = cases.map(([id, description, extra]) => ({
  id,
  family: 'key-injection',
  description: `${description}; signed by the attacker key`,
  build: (context) => ({ authorization: bearer(forged(context, extra(context))) }),
  expect: invalidToken(),
}));
