/**
 * fast-check arbitraries of hostile token requests (client credentials and the user grants authorization_code and
 * refresh_token): form bodies with valid and invalid field names, repeated
 * parameters, huge and unicode values, percent-encoding garbage, wrong content types, JSON and empty bodies, bodies
 * around the 1 MiB limit, client assertions with hostile JWT shapes, tenant path segments and query strings.
 */
import { sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { JWT_BEARER_ASSERTION_TYPE } from '../lib/client-auth/verify-client-assertion';
import { ids } from './server';

/** One request to send. */
export interface HostileRequest {
  readonly endpoint: 'v1' | 'v2';
  /** Already URL-safe (percent-encoded where needed). */
  readonly tenant: string;
  /** Query string without `?`, or empty. */
  readonly query: string;
  readonly contentType?: string;
  readonly authorization?: string;
  readonly body: string | Buffer;
}

/** What signed assertions need: the registered client certificate's key and thumbprints. */
export interface AssertionSigner {
  readonly privateKey: KeyObject;
  readonly x5t: string;
  readonly x5tS256: string;
  readonly audience: string;
}

const FORM = 'application/x-www-form-urlencoded';
const MIB = 1024 * 1024;

const b64u = (text: string | Buffer) => Buffer.from(text).toString('base64url');

/** Nested JSON text `[[[...]]]` or `{"a":{"a":...}}` of the given depth, built without recursion. */
export function nestedJson(depth: number, kind: 'array' | 'object', leaf = '"x"'): string {
  return kind === 'array'
    ? '['.repeat(depth) + leaf + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
}

// Deep enough to overflow a recursive walk (String(), JSON.stringify) while fitting in a 16 KiB token, and beyond.
const depth = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(17, 1000, 5000, 8000, 20000));
const nested = fc
  .tuple(depth, fc.constantFrom<'array' | 'object'>('array', 'array', 'object'))
  .map(([d, k]) => nestedJson(d, k));

/** JSON texts for a header or claim member: hostile values as well as ordinary ones. */
const memberValue = fc.oneof(
  { weight: 3, arbitrary: nested },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"RS256"',
      '"PS256"',
      '"none"',
      '1e308',
      '-0',
      'null',
      'true',
      '"\\u0000\\n\\r"',
      '"\\ud800"',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((text) => JSON.stringify(text)) },
);

/** A protected header or claims object as JSON text, with hostile member values. */
const jsonObjectText = (names: readonly string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), memberValue), { maxLength: 6 })
    .map((members) => `{${members.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`);

const headerText = jsonObjectText(['alg', 'typ', 'kid', 'x5t', 'x5t#S256', 'crit', 'jwk', '__proto__']);
const claimsText = jsonObjectText(['iss', 'sub', 'aud', 'exp', 'nbf', 'jti', 'iat', '__proto__']);

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes spelled with an unused low bit of the last character set (decoders that ignore it agree). */
export function withUnusedBitSet(segment: string): string {
  if (segment.length % 4 < 2) return segment;
  const last = BASE64URL.indexOf(segment.at(-1) ?? 'A');
  return segment.slice(0, -1) + (BASE64URL[last ^ 1] ?? 'A');
}

/** Keeps canonical base64url most of the time, else turns it into a non-canonical spelling. */
const respell = fc.constantFrom<(segment: string) => string>(
  (segment) => segment,
  (segment) => segment,
  (segment) => segment,
  (segment) => segment,
  withUnusedBitSet,
  (segment) => segment + '=',
  (segment) => segment + '==',
  (segment) => segment.replace(/-/g, '+').replace(/_/g, '/'),
  (segment) => (segment.length % 4 === 1 ? segment : segment + 'A'),
  (segment) => segment.slice(0, -1) + (segment.at(-1) === 'A' ? 'B' : 'A'),
  (segment) => segment + '.',
  (segment) => ` ${segment}\n`,
);

/** Unsigned JWT shapes: wrong segment counts, garbage characters, hostile JSON, non-canonical base64url. */
const unsignedAssertion = fc.oneof(
  fc
    .tuple(headerText, claimsText, fc.string({ maxLength: 40 }), respell)
    .map(
      ([header, claims, signature, spell]) => `${spell(b64u(header))}.${spell(b64u(claims))}.${spell(b64u(signature))}`,
    ),
  fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 6 }).map((parts) => parts.join('.')),
  fc.constantFrom('', '.', '..', '...', 'a.b.c', 'e30.e30.', 'e30.e30', 'e30..', `${b64u('{"alg":"none"}')}.e30.`),
  fc.integer({ min: 16_000, max: 300_000 }).map((length) => `${b64u('{"alg":"RS256"}')}.${'A'.repeat(length)}.AA`),
);

/** Signs `header.claims` (JSON texts as given, however hostile) with the client certificate's key. */
function signedCompact(signer: AssertionSigner, header: string, claims: string, alg: 'RS256' | 'PS256'): string {
  const input = `${b64u(header)}.${b64u(claims)}`;
  const signature =
    alg === 'RS256'
      ? sign('sha256', Buffer.from(input), signer.privateKey)
      : sign('sha256', Buffer.from(input), { key: signer.privateKey, padding: 6, saltLength: 32 });
  return `${input}.${b64u(signature)}`;
}

/** Validly signed assertions whose claims are hostile (so the checks after the signature run on them too). */
const signedAssertion = (signer: AssertionSigner) =>
  fc
    .record({
      alg: fc.constantFrom<'RS256' | 'PS256'>('RS256', 'PS256'),
      iss: memberValue,
      sub: memberValue,
      aud: fc.oneof(memberValue, fc.constant(JSON.stringify(signer.audience))),
      exp: memberValue,
      jti: memberValue,
      spell: respell,
    })
    .map(({ alg, iss, sub, aud, exp, jti, spell }) => {
      const thumbprint = alg === 'RS256' ? `"x5t":"${signer.x5t}"` : `"x5t#S256":"${signer.x5tS256}"`;
      const header = `{"alg":"${alg}",${thumbprint}}`;
      const claims = `{"iss":${iss},"sub":${sub},"aud":${aud},"exp":${exp},"jti":${jti}}`;
      const [h, p, s] = signedCompact(signer, header, claims, alg).split('.');
      return [h, p, spell(s ?? '')].join('.');
    });

const fieldName = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'grant_type',
      'client_id',
      'client_secret',
      'client_assertion',
      'client_assertion_type',
      'scope',
      'resource',
      'client-request-id',
      'code',
      'code_verifier',
      'redirect_uri',
      'refresh_token',
      'client_info',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'client_id[]',
      'scope[a]',
      'a[b][c][d][e][f][g]',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

const fieldValue = (signer: AssertionSigner) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'client_credentials',
        'authorization_code',
        'refresh_token',
        ids.webClient,
        ids.spaClient,
        ids.webRedirectUri,
        ids.spaRedirectUri,
        '1',
        ids.apiClient,
        ids.certClient,
        ids.apiClientSecret,
        `${ids.apiProxyUri}/.default`,
        ids.legacyApiUri,
        JWT_BEARER_ASSERTION_TYPE,
        '',
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length)) },
    { weight: 2, arbitrary: unsignedAssertion },
    { weight: 2, arbitrary: signedAssertion(signer) },
  );

/** A well-formed form body (URLSearchParams encoding), names possibly repeated. */
const formBody = (signer: AssertionSigner) =>
  fc
    .array(fc.tuple(fieldName, fieldValue(signer)), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs).toString());

/** Client assertions with hostile JWT shapes, signed (hostile claims) or not (hostile structure). */
export const hostileAssertion = (signer: AssertionSigner): fc.Arbitrary<string> =>
  fc.oneof(unsignedAssertion, signedAssertion(signer));

/** A client-assertion request whose only hostile part is the assertion. */
export const assertionBody = (signer: AssertionSigner) =>
  hostileAssertion(signer).map((assertion) =>
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: ids.certClient,
      client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
      client_assertion: assertion,
      scope: `${ids.apiProxyUri}/.default`,
    }).toString(),
  );

/** Percent-encoding garbage and separators. */
const garbageBody = fc
  .array(
    fc.constantFrom(
      '%',
      '%zz',
      '%E0%A4%A',
      '%00',
      '%0A',
      '&',
      '=',
      '==',
      '+',
      '[',
      ']',
      'a',
      'client_id',
      '%ff',
      '\u2028',
      'ü',
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

/** Bodies right around the 1 MiB body limit. */
const limitBody = fc.constantFrom(MIB - 64, MIB, MIB + 1, 2 * MIB).map((size) => {
  const prefix = 'grant_type=client_credentials&scope=';
  return prefix + 'a'.repeat(Math.max(0, size - prefix.length));
});

const body = (signer: AssertionSigner) =>
  fc.oneof(
    { weight: 4, arbitrary: formBody(signer) },
    { weight: 3, arbitrary: assertionBody(signer) },
    { weight: 1, arbitrary: garbageBody },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: nested },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: limitBody },
  );

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant(FORM) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      `${FORM}; charset=utf-8`,
      `${FORM}; charset=utf-16`,
      'APPLICATION/X-WWW-FORM-URLENCODED',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '*/*',
      ';;;',
      undefined,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).filter((text) => /^[\x21-\x7e ]*$/.test(text)) },
);

const tenant = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(ids.tenantId, ids.tenantDomain, ids.tenantId.toUpperCase()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'common',
      'organizations',
      'consumers',
      '%',
      '%zz',
      '%00',
      '..',
      '.',
      '%2F',
      '%2e%2e',
      'a'.repeat(300),
      '%E2%80%A8',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent) },
);

const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('client-request-id=abc', 'client-request-id=%0a', 'a=%zz', '&&==', 'x[y][z]=1'),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 20 })), {
        maxLength: 4,
      })
      .map((pairs) => new URLSearchParams(pairs).toString()),
  },
);

const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      `Basic ${Buffer.from(`${ids.apiClient}:${ids.apiClientSecret}`).toString('base64')}`,
      'Basic',
      'Basic !!!',
      'Basic Og==',
      `Basic ${Buffer.from('%zz:%').toString('base64')}`,
      'Bearer x',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((text) => `Basic ${Buffer.from(text).toString('base64')}`) },
);

/** A hostile token request. */
export const hostileRequest = (signer: AssertionSigner): fc.Arbitrary<HostileRequest> =>
  fc.record({
    endpoint: fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
    tenant,
    query,
    contentType,
    authorization,
    body: body(signer),
  });
