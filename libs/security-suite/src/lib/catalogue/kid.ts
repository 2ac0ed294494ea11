/**
 * `kid` injection (security.md A9, A10; jwt_tool's playbook): paths, SQL, huge and odd-typed values, missing or empty.
 * Each token is signed by the attacker's RSA key, and again with an empty HMAC secret as jwt_tool does, so a target
 * that resolves the kid to a file or a row and keys HMAC with it would accept one.
 */
import type { AttackCase } from '../model';
import { jws } from '../tokens/jws';
import { invalidToken } from './expect';
import { bearer, forged, header, realKid, validClaims } from './forge';

const KIDS: ReadonlyArray<[string, (realKid: string) => unknown]> = [
  ['path-dev-null', () => '../../../../../../../../dev/null'],
  ['path-absolute-dev-null', () => '/dev/null'],
  ['path-proc-self', () => '/proc/self/environ'],
  ['path-data-key', (kid) => `../../.data/identity/signing-keys/${kid}.key.pem`],
  ['path-windows', () => '..\\..\\..\\windows\\win.ini'],
  ['sql-or', () => "' OR '1'='1"],
  ['sql-union', () => "x' UNION SELECT 'secret' --"],
  ['command', () => '| curl http://127.0.0.1:1/'],
  ['huge', () => 'k'.repeat(8 * 1024)],
  ['empty', () => ''],
  ['number', () => 1],
  ['null', () => null],
  ['boolean', () => true],
  ['object', (kid) => ({ kid })],
  ['array', (kid) => [kid]],
  ['crlf', (kid) => `${kid}\r\nX-Injected: 1`],
  ['nul', (kid) => `${kid}\u0000`],
  ['real-with-space', (kid) => `${kid} `],
  ['real-upper-case', (kid) => kid.toUpperCase()],
  ['unicode', () => '\u202Eevil\u2028kid'],
];

const attackerSigned: AttackCase[] = KIDS.map(([name, kid]) => ({
  id: `kid-${name}`,
  family: 'kid',
  description: `kid ${name.replace(/-/g, ' ')}, signed by the attacker RSA key`,
  build: (context) => ({ authorization: bearer(forged(context, { kid: kid(realKid(context)) })) }),
  expect: invalidToken(),
}));

const emptyHmac: AttackCase[] = KIDS.slice(0, 6).map(([name, kid]) => ({
  id: `kid-${name}-hs256-empty`,
  family: 'kid',
  description: `kid ${name.replace(/-/g, ' ')}, HS256 with an empty secret`,
  build: (context) => ({
    authorization: bearer(
      jws({
        header: header(context, { alg: 'HS256', kid: kid(realKid(context)) }),
        payload: validClaims(context),
        key: new Uint8Array(),
      }),
    ),
  }),
  expect: invalidToken(),
}));

const missing: AttackCase = {
  id: 'kid-missing',
  family: 'kid',
  description: 'no kid, signed by the attacker RSA key',
  build: (context) => ({ authorization: bearer(forged(context, { kid: undefined })) }),
  expect: invalidToken(),
};

export const kidCases: readonly AttackCase[] = [...attackerSigned, ...emptyHmac, missing];
