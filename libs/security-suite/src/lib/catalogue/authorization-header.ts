/**
 * The Authorization header itself (RFC 6750 §2.1, §3.1; security.md D1–D4): missing, other schemes, empty, twice,
 * together with `?access_token=`, oversized, and bytes no header may carry (sent over a raw socket).
 */
import type { AttackCase } from '../model';
import { headersTooLarge, invalidRequest, invalidToken, noCredentials, parserRefusal, twoMethods } from './expect';
import { forged } from './forge';

type Build = AttackCase['build'];
const header = (id: string, description: string, build: Build, expect: AttackCase['expect']): AttackCase => ({
  id: `header-${id}`,
  family: 'authorization-header',
  description,
  build,
  expect,
});

export const authorizationHeaderCases: readonly AttackCase[] = [
  header('none', 'no Authorization header', () => ({}), noCredentials()),
  header('basic', 'Basic credentials', () => ({ authorization: 'Basic YWRtaW46YWRtaW4=' }), noCredentials()),
  header(
    'digest',
    'Digest credentials',
    () => ({ authorization: 'Digest username="admin", response="00"' }),
    noCredentials(),
  ),
  header(
    'token-scheme',
    'scheme "Token" with a forged JWT',
    (c) => ({ authorization: `Token ${forged(c)}` }),
    noCredentials(),
  ),
  header(
    'bearer-lower-case',
    'scheme "bearer" (case-insensitive per RFC 9110), forged JWT: judged as a token',
    (c) => ({ authorization: `bearer ${forged(c)}` }),
    invalidToken(),
  ),
  header(
    'bearer-upper-case',
    'scheme "BEARER", forged JWT',
    (c) => ({ authorization: `BEARER ${forged(c)}` }),
    invalidToken(),
  ),
  header(
    'empty',
    'Authorization header with an empty value',
    () => ({ authorization: '' }),
    noCredentialsOrMalformed(),
  ),
  header('bearer-only', '"Bearer" without a token', () => ({ authorization: 'Bearer' }), invalidRequest()),
  header('bearer-space', '"Bearer " without a token', () => ({ authorization: 'Bearer ' }), invalidRequest()),
  header(
    'bearer-two-tokens',
    '"Bearer a b": two tokens',
    (c) => ({ authorization: `Bearer ${forged(c)} ${forged(c)}` }),
    invalidRequest(),
  ),
  header(
    'bearer-two-spaces',
    '"Bearer  <token>": two spaces',
    (c) => ({ authorization: `Bearer  ${forged(c)}` }),
    invalidRequest(),
  ),
  header(
    'bearer-tab',
    '"Bearer<TAB><token>"',
    (c) => ({ authorization: `Bearer\t${forged(c)}` }),
    noCredentialsOrMalformed(),
  ),
  header(
    'two-headers',
    'two Authorization headers',
    (c) => ({ authorization: [`Bearer ${forged(c)}`, `Bearer ${forged(c)}`] }),
    invalidRequest(),
  ),
  header(
    'two-headers-other-scheme',
    'Authorization: Basic and Authorization: Bearer',
    (c) => ({ authorization: ['Basic YTpi', `Bearer ${forged(c)}`] }),
    invalidRequest(),
  ),
  header(
    'header-and-query',
    'Bearer header plus ?access_token=',
    (c) => ({ authorization: `Bearer ${forged(c)}`, query: { access_token: forged(c) } }),
    twoMethods(),
  ),
  header(
    'over-16k',
    'Authorization header over 16 KiB',
    (c) => ({ authorization: `Bearer ${forged(c, {}, { filler: 'f'.repeat(13_000) })}` }),
    headersTooLarge(),
  ),
  header(
    'cr',
    'a bare CR inside the header value (raw socket)',
    (c) => ({ rawAuthorization: `Bearer ${forged(c).slice(0, 20)}\r${forged(c).slice(20)}` }),
    parserRefusal(),
  ),
  header(
    'lf',
    'a bare LF inside the header value (raw socket)',
    (c) => ({ rawAuthorization: `Bearer ${forged(c).slice(0, 20)}\nX-Injected: 1` }),
    parserRefusal(),
  ),
  header(
    'nul',
    'a NUL inside the header value (raw socket)',
    (c) => ({ rawAuthorization: `Bearer ${forged(c).slice(0, 20)}\u0000${forged(c).slice(20)}` }),
    parserRefusal(),
  ),
];

/** An empty header or odd whitespace: no credentials (401 bare challenge) or a malformed request (400), both RFC 6750. */
function noCredentialsOrMalformed(): AttackCase['expect'] {
  const none = noCredentials();
  const malformed = invalidRequest();
  return { bearer: [...none.bearer, ...malformed.bearer], apim: [...none.apim, ...malformed.apim] };
}
