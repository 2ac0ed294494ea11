/**
 * Structure (security.md B1–B5, draft-ietf-oauth-rfc8725bis "Check JWT Format Type", the issue's findings): segment
 * counts, characters outside base64url, non-canonical spellings, non-object and non-UTF-8 JSON, duplicate members,
 * `crit`, the JWE shape, deep nesting, huge numbers and control characters. Tokens that could pass a lenient
 * verifier are signed with the trusted key when the run has it, so the defect under test is the only one.
 */
import type { AttackCase, AttackContext } from '../model';
import { b64u, jws, nestedArrays, nestedObjects, segment, signature } from '../tokens/jws';
import { padded, withOtherLowBits, withUnusedBits } from '../tokens/spellings';
import { invalidRequest, invalidToken } from './expect';
import { bearer, forged, header, trustedOrForged, validClaims } from './forge';

/** Signs `<h>.<p>` as given (already spelled) with the trusted key when known, else the attacker key. */
function signSpelled(context: AttackContext, h: string, p: string): string {
  const key = context.trustedKey?.privateKey ?? context.attacker.rsa.privateKey;
  const input = `${h}.${p}`;
  return `${input}.${signature('RS256', input, key)}`;
}

const headerText = (context: AttackContext, extra: Record<string, unknown> = {}) =>
  JSON.stringify(header(context, { kid: context.trustedKey?.kid ?? header(context).kid, ...extra }));
const claimsText = (context: AttackContext, extra: Record<string, unknown> = {}) =>
  JSON.stringify(validClaims(context, extra));

type Build = (context: AttackContext) => string;
const token = (id: string, description: string, build: Build): AttackCase => ({
  id,
  family: 'structure',
  description,
  build: (context) => ({ authorization: bearer(build(context)) }),
  expect: invalidToken(),
});
/** Tokens whose characters are outside RFC 6750's b64token: a malformed request. */
const badSyntax = (id: string, description: string, build: Build): AttackCase => ({
  ...token(id, description, build),
  expect: invalidRequest(),
});

const segments: AttackCase[] = [
  token('segments-1', 'one segment', (c) => segment(header(c))),
  token('segments-2', 'two segments, no signature separator', (c) => forged(c).split('.').slice(0, 2).join('.')),
  token('segments-4', 'four segments (signature duplicated)', (c) => {
    const t = trustedOrForged(c);
    return `${t}.${t.split('.')[2]}`;
  }),
  token('segments-5-jwe', 'JWE compact shape (RSA-OAEP / A256GCM, five segments)', (c) =>
    [
      segment({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: header(c).kid }),
      b64u('k'.repeat(256)),
      b64u('iv-iv-iv-iv-'),
      b64u('ciphertext'),
      b64u('tag-tag-tag-tag-'),
    ].join('.'),
  ),
  token('segments-5-jwe-pbes2', 'JWE with PBES2 and p2c 2^31 (CVE-2022-36083 shape)', (c) =>
    [
      segment({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2c: 2 ** 31, p2s: 'c2FsdA', kid: header(c).kid }),
      b64u('k'.repeat(40)),
      b64u('iv-iv-iv-iv-'),
      b64u('ciphertext'),
      b64u('tag-tag-tag-tag-'),
    ].join('.'),
  ),
  token('segments-6', 'six segments', (c) => `${forged(c)}.a.b.c`),
  token('segments-dots-only', 'only dots: ".."', () => '..'),
  token('segments-empty-header', 'empty header segment', (c) => `.${forged(c).split('.').slice(1).join('.')}`),
  token('segments-empty-payload', 'empty payload segment', (c) => {
    const [h, , s] = forged(c).split('.');
    return `${h}..${s}`;
  }),
  token('json-serialization', 'JWS JSON serialization, base64url-encoded as one segment', (c) =>
    b64u(
      JSON.stringify({
        payload: segment(validClaims(c)),
        signatures: [{ protected: segment(header(c)), signature: 'AA' }],
      }),
    ),
  ),
];

const alphabet: AttackCase[] = [
  token('base64-plus-slash', 'standard base64 (+ and /) in the signature', (c) => {
    const t = trustedOrForged(c);
    const [h, p, s] = t.split('.');
    return `${h}.${p}.${s.replace(/-/g, '+').replace(/_/g, '/')}${s.includes('-') || s.includes('_') ? '' : '+'}`;
  }),
  token('base64-tilde', 'a ~ (b64token, not base64url) inside the payload', (c) => {
    const [h, p, s] = trustedOrForged(c).split('.');
    return `${h}.${p.slice(0, 10)}~${p.slice(10)}.${s}`;
  }),
  badSyntax('base64-bang', 'a ! inside the payload', (c) => {
    const [h, p, s] = trustedOrForged(c).split('.');
    return `${h}.${p.slice(0, 10)}!${p.slice(10)}.${s}`;
  }),
  badSyntax('base64-quote-brace', 'raw JSON instead of base64url in the header', (c) => {
    const [, p, s] = trustedOrForged(c).split('.');
    return `{"alg":"none"}.${p}.${s}`;
  }),
  badSyntax('base64-percent', 'percent-encoded characters', (c) => forged(c).replace(/-/g, '%2D') + '%3D'),
  badSyntax('base64-non-ascii', 'a non-ASCII letter in the signature', (c) => `${forged(c)}é`),
];

/** One token, many spellings: each is the trusted token (when known) with one segment spelled otherwise. */
const spellings: AttackCase[] = [
  token('noncanonical-signature-low-bits', 'signature: other unused low bits in its last character', (c) => {
    const [h, p, s] = trustedOrForged(c).split('.');
    return `${h}.${p}.${withOtherLowBits(s) ?? `${s}A`}`;
  }),
  token('noncanonical-signature-padding', 'signature padded with =', (c) => {
    const [h, p, s] = trustedOrForged(c).split('.');
    return `${h}.${p}.${padded(s) ?? `${s}====`}`;
  }),
  token(
    'noncanonical-signature-length-mod-4-is-1',
    'signature with one extra character (length % 4 == 1)',
    (c) => `${trustedOrForged(c)}A`,
  ),
  token('noncanonical-header-low-bits', 'header: other unused low bits, signed over that spelling', (c) => {
    const h = b64u(withUnusedBits(headerText(c)));
    return signSpelled(c, withOtherLowBits(h) ?? h, segment(claimsText(c)));
  }),
  badSyntax(
    'noncanonical-header-padding',
    'header padded with = (not b64token: = only at the end), signed over that spelling',
    (c) => {
      const h = b64u(withUnusedBits(headerText(c)));
      return signSpelled(c, padded(h) ?? h, segment(claimsText(c)));
    },
  ),
  token('noncanonical-payload-low-bits', 'payload: other unused low bits, signed over that spelling', (c) => {
    const p = b64u(withUnusedBits(claimsText(c)));
    return signSpelled(c, segment(headerText(c)), withOtherLowBits(p) ?? p);
  }),
  badSyntax(
    'noncanonical-payload-padding',
    'payload padded with = (not b64token: = only at the end), signed over that spelling',
    (c) => {
      const p = b64u(withUnusedBits(claimsText(c)));
      return signSpelled(c, segment(headerText(c)), padded(p) ?? p);
    },
  ),
  token('noncanonical-payload-length-mod-4-is-1', 'payload with one extra character, signed over that spelling', (c) =>
    signSpelled(c, segment(headerText(c)), `${b64u(claimsText(c))}A`),
  ),
];

/** JSON that is not an object, not UTF-8, or not unique. Signed so only the JSON is wrong. */
const json: AttackCase[] = [
  token('header-json-array', 'header is a JSON array', (c) =>
    signSpelled(c, segment('["RS256"]'), segment(claimsText(c))),
  ),
  token('header-json-null', 'header is JSON null', (c) => signSpelled(c, segment('null'), segment(claimsText(c)))),
  token('header-json-string', 'header is a JSON string', (c) =>
    signSpelled(c, segment('"RS256"'), segment(claimsText(c))),
  ),
  token('header-not-json', 'header is not JSON', (c) => signSpelled(c, segment('{alg:RS256}'), segment(claimsText(c)))),
  token('payload-json-array', 'payload is a JSON array', (c) =>
    signSpelled(c, segment(headerText(c)), segment(`[${claimsText(c)}]`)),
  ),
  token('payload-json-number', 'payload is a JSON number', (c) =>
    signSpelled(c, segment(headerText(c)), segment('42')),
  ),
  token('payload-json-true', 'payload is JSON true', (c) => signSpelled(c, segment(headerText(c)), segment('true'))),
  token('payload-not-json', 'payload is not JSON', (c) => signSpelled(c, segment(headerText(c)), segment('not json'))),
  token('payload-truncated-json', 'payload JSON cut short', (c) =>
    signSpelled(c, segment(headerText(c)), segment(claimsText(c).slice(0, -1))),
  ),
  token('payload-invalid-utf8', 'payload with invalid UTF-8 bytes in a claim', (c) => {
    const bytes = Buffer.concat([
      Buffer.from(claimsText(c).slice(0, -1)),
      Buffer.from(',"x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    return signSpelled(c, segment(headerText(c)), b64u(bytes));
  }),
  token('payload-overlong-utf8', 'payload with an overlong UTF-8 "/" (C0 AF)', (c) => {
    const bytes = Buffer.concat([
      Buffer.from(claimsText(c).slice(0, -1)),
      Buffer.from(',"x":"'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('"}'),
    ]);
    return signSpelled(c, segment(headerText(c)), b64u(bytes));
  }),
  token('payload-bom', 'payload starting with a UTF-8 byte order mark', (c) =>
    signSpelled(c, segment(headerText(c)), segment(`\uFEFF${claimsText(c)}`)),
  ),
  token('header-duplicate-alg', 'header with alg twice ("none" then "RS256")', (c) =>
    signSpelled(c, segment(`{"alg":"none",${headerText(c).slice(1)}`), segment(claimsText(c))),
  ),
  token('header-duplicate-kid', 'header with kid twice (unknown, then real)', (c) =>
    signSpelled(c, segment(`{"kid":"unknown-kid",${headerText(c).slice(1)}`), segment(claimsText(c))),
  ),
  token('payload-duplicate-aud', 'payload with aud twice (another API first)', (c) =>
    signSpelled(c, segment(headerText(c)), segment(`{"aud":"api://another-api",${claimsText(c).slice(1)}`)),
  ),
  token('payload-duplicate-roles', 'payload with roles twice (none, then the route role)', (c) =>
    signSpelled(c, segment(headerText(c)), segment(`{"roles":[],${claimsText(c).slice(1)}`)),
  ),
];

const crit: AttackCase[] = [
  token('crit-unknown', 'crit ["x-unknown"] with x-unknown present', (c) =>
    trustedOrForged(c, validClaims(c), { crit: ['x-unknown'], 'x-unknown': true }),
  ),
  token('crit-b64', 'crit ["b64"] with b64 false (RFC 7797)', (c) =>
    trustedOrForged(c, validClaims(c), { crit: ['b64'], b64: false }),
  ),
  token('crit-empty', 'crit [] (RFC 7515: must not be empty)', (c) => trustedOrForged(c, validClaims(c), { crit: [] })),
  token('crit-not-array', 'crit "exp" (not an array)', (c) => trustedOrForged(c, validClaims(c), { crit: 'exp' })),
  token('crit-standard-member', 'crit ["alg"] (a registered member)', (c) =>
    trustedOrForged(c, validClaims(c), { crit: ['alg'] }),
  ),
];

/** Nesting: the issue's 500s. 3000 levels of arrays and 1500 of objects stay under the 16 KiB header limit. */
const DEEP = 3000;
const DEEP_OBJECTS = 1500;
const nesting: AttackCase[] = [
  token('deep-header-arrays', `header member holding ${DEEP} nested arrays`, (c) =>
    signSpelled(c, segment(`{"x":${nestedArrays(DEEP)},${headerText(c).slice(1)}`), segment(claimsText(c))),
  ),
  token('deep-header-objects', `header member holding ${DEEP_OBJECTS} nested objects`, (c) =>
    signSpelled(c, segment(`{"x":${nestedObjects(DEEP_OBJECTS)},${headerText(c).slice(1)}`), segment(claimsText(c))),
  ),
  token('deep-payload-arrays', `payload claim holding ${DEEP} nested arrays`, (c) =>
    signSpelled(c, segment(headerText(c)), segment(`{"x":${nestedArrays(DEEP)},${claimsText(c).slice(1)}`)),
  ),
  token('deep-payload-objects', `payload claim holding ${DEEP_OBJECTS} nested objects`, (c) =>
    signSpelled(c, segment(headerText(c)), segment(`{"x":${nestedObjects(DEEP_OBJECTS)},${claimsText(c).slice(1)}`)),
  ),
  token('deep-payload-iss', `iss holding ${DEEP} nested arrays`, (c) =>
    signSpelled(
      c,
      segment(headerText(c)),
      segment(claimsText(c).replace(/"iss":"[^"]*"/, `"iss":${nestedArrays(DEEP, '"x"')}`)),
    ),
  ),
  token('deep-payload-aud', `aud holding ${DEEP} nested arrays`, (c) =>
    signSpelled(
      c,
      segment(headerText(c)),
      segment(claimsText(c).replace(/"aud":"[^"]*"/, `"aud":${nestedArrays(DEEP, '"x"')}`)),
    ),
  ),
  token('deep-payload-17', 'payload claim nested 17 levels (just over a 16-level bound)', (c) =>
    signSpelled(c, segment(headerText(c)), segment(`{"x":${nestedArrays(17)},${claimsText(c).slice(1)}`)),
  ),
  // Without a valid signature too: nothing may recurse over a token before its signature is checked.
  token('deep-header-arrays-forged', `header member holding ${DEEP} nested arrays, attacker-signed`, (c) =>
    jws({
      header: `{"x":${nestedArrays(DEEP)},${headerText(c).slice(1)}`,
      payload: validClaims(c),
      key: c.attacker.rsa.privateKey,
    }),
  ),
  token('deep-payload-arrays-forged', `payload claim holding ${DEEP} nested arrays, attacker-signed`, (c) =>
    forged(c, {}, `{"x":${nestedArrays(DEEP)},${claimsText(c).slice(1)}`),
  ),
  token('deep-roles-forged', `roles nested ${DEEP} levels, attacker-signed`, (c) =>
    forged(c, {}, claimsText(c).replace(/"roles":\[[^\]]*\]/, `"roles":${nestedArrays(DEEP, '"x"')}`)),
  ),
  ...(['alg', 'crit', 'typ'] as const).map((member) =>
    token(`deep-${member}-forged`, `${member} holding ${DEEP} nested arrays, attacker-signed`, (c) =>
      jws({
        header: `{"${member}":${nestedArrays(DEEP, '"RS256"')},${headerText(c).slice(1)}`,
        payload: validClaims(c),
        key: c.attacker.rsa.privateKey,
      }),
    ),
  ),
  token('deep-kid', `kid holding ${DEEP} nested arrays, attacker-signed`, (c) =>
    forged(c, {}, validClaims(c)).replace(/^[^.]+/, segment(`{"alg":"RS256","kid":${nestedArrays(DEEP, '"k"')}}`)),
  ),
];

const numbers: AttackCase[] = [
  token('number-exp-1e308', 'exp 1e308 (attacker-signed)', (c) => forged(c, {}, validClaims(c, { exp: 1e308 }))),
  token('number-exp-overflow', 'exp 1e400 (overflows a double)', (c) =>
    forged(c, {}, claimsText(c).replace(/"exp":\d+/, '"exp":1e400')),
  ),
  token('number-exp-5000-digits', 'exp written with 5000 digits', (c) =>
    forged(c, {}, claimsText(c).replace(/"exp":\d+/, `"exp":${'9'.repeat(5000)}`)),
  ),
  token('number-nbf-negative-huge', 'nbf -1e308', (c) => forged(c, {}, validClaims(c, { nbf: -1e308 }))),
  token('number-exp-string', 'exp as a string', (c) => forged(c, {}, validClaims(c, { exp: String(c.now + 3600) }))),
];

const control: AttackCase[] = [
  token('control-iss-newline', 'iss with a newline and a forged log line', (c) =>
    forged(c, {}, validClaims(c, { iss: `${c.identity.issuer}\n[Nest] 1 - LOG [Auth] 200 OK admin` })),
  ),
  token('control-aud-escape', 'aud with an ANSI escape sequence', (c) =>
    forged(c, {}, validClaims(c, { aud: `\u001b[2J\u001b[31m${c.identity.audience}` })),
  ),
  token('control-sub-nul', 'sub with NUL and DEL', (c) => forged(c, {}, validClaims(c, { sub: 'a\u0000b\u007fc' }))),
  token('control-typ-line-separator', 'typ with U+2028 / U+2029', (c) => forged(c, { typ: 'JWT\u2028\u2029' })),
  token('control-kid-cr', 'kid with a carriage return', (c) => forged(c, { kid: 'a\rb' })),
];

const size: AttackCase[] = [
  token('size-15k-claim', 'a 10 KB claim (token about 14.5 KB), attacker-signed', (c) =>
    forged(c, {}, validClaims(c, { filler: 'f'.repeat(10_000) })),
  ),
  token('size-many-aud', '600 audiences, attacker-signed', (c) =>
    jws({
      header: header(c),
      payload: validClaims(c, { aud: Array.from({ length: 600 }, (_, i) => `a${i}`) }),
      key: c.attacker.rsa.privateKey,
    }),
  ),
];

export const structureCases: readonly AttackCase[] = [
  ...segments,
  ...alphabet,
  ...spellings,
  ...json,
  ...crit,
  ...nesting,
  ...numbers,
  ...control,
  ...size,
];
