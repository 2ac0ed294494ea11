import type { TokenSource } from './model';
import { extractToken, type TokenRequest } from './token-source';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const AUTH: TokenSource = { headerName: 'Authorization' };
const BEARER: TokenSource = {
  headerName: 'Authorization',
  requireScheme: 'Bearer',
};
const CUSTOM: TokenSource = { headerName: 'X-Token', requireScheme: 'Bearer' };
const QUERY: TokenSource = { queryParameterName: 'access_token' };
const BOTH: TokenSource = {
  headerName: 'Authorization',
  queryParameterName: 'access_token',
};

type Outcome = string; // the token, or a reason code
const outcome = (source: TokenSource, request: TokenRequest): Outcome => {
  const result = extractToken(source, request);
  return 'token' in result ? result.token : result.reasons.map((r) => r.code).join(',');
};
const headers = (h: TokenRequest['headers']): TokenRequest => ({ headers: h });

describe('extractToken', () => {
  it.each<[string, TokenSource, TokenRequest, Outcome]>([
    ['Bearer <jwt>', AUTH, headers({ authorization: `Bearer ${JWT}` }), JWT],
    ['scheme is case-insensitive', AUTH, headers({ authorization: `bEaReR ${JWT}` }), JWT],
    ['header name is case-insensitive', AUTH, headers({ AUTHORIZATION: `Bearer ${JWT}` }), JWT],
    ['bare <jwt> accepted on Authorization without require-scheme', AUTH, headers({ authorization: JWT }), JWT],
    [
      'bare <jwt> refused when require-scheme is Bearer',
      BEARER,
      headers({ authorization: JWT }),
      'ERR_SCHEME_MISMATCH',
    ],
    ['require-scheme Bearer with Bearer <jwt>', BEARER, headers({ authorization: `Bearer ${JWT}` }), JWT],
    ['another scheme', AUTH, headers({ authorization: 'Basic dXNlcjpwYXNz' }), 'ERR_SCHEME_MISMATCH'],
    [
      'another scheme with require-scheme',
      BEARER,
      headers({ authorization: 'Basic dXNlcjpwYXNz' }),
      'ERR_SCHEME_MISMATCH',
    ],
    [
      'a custom require-scheme',
      { headerName: 'Authorization', requireScheme: 'JWT' },
      headers({ authorization: `jwt ${JWT}` }),
      JWT,
    ],
    ['b64token padding allowed', AUTH, headers({ authorization: 'Bearer abc==' }), 'abc=='],
    ['surrounding whitespace trimmed', AUTH, headers({ authorization: ` Bearer ${JWT}\t` }), JWT],
    ['no header', AUTH, headers({}), 'ERR_TOKEN_MISSING'],
    ['header undefined', AUTH, headers({ authorization: undefined }), 'ERR_TOKEN_MISSING'],
    ['empty header', AUTH, headers({ authorization: '' }), 'ERR_REQUEST_MALFORMED'],
    ['Bearer alone', AUTH, headers({ authorization: 'Bearer' }), 'ERR_REQUEST_MALFORMED'],
    ['Bearer alone with require-scheme', BEARER, headers({ authorization: 'Bearer' }), 'ERR_REQUEST_MALFORMED'],
    ['Bearer and a space', AUTH, headers({ authorization: 'Bearer ' }), 'ERR_REQUEST_MALFORMED'],
    ['two spaces', AUTH, headers({ authorization: `Bearer  ${JWT}` }), 'ERR_REQUEST_MALFORMED'],
    ['two tokens', AUTH, headers({ authorization: `Bearer ${JWT} ${JWT}` }), 'ERR_REQUEST_MALFORMED'],
    ['characters outside b64token', AUTH, headers({ authorization: 'Bearer {"alg":"none"}' }), 'ERR_REQUEST_MALFORMED'],
    ['= inside the token', AUTH, headers({ authorization: 'Bearer ab=c' }), 'ERR_REQUEST_MALFORMED'],
    [
      'duplicate header as an array',
      AUTH,
      headers({ authorization: [`Bearer ${JWT}`, `Bearer ${JWT}`] }),
      'ERR_REQUEST_MALFORMED',
    ],
    [
      'duplicate header under two spellings',
      AUTH,
      headers({
        authorization: `Bearer ${JWT}`,
        Authorization: `Bearer ${JWT}`,
      }),
      'ERR_REQUEST_MALFORMED',
    ],
    ['a one-element array is one header', AUTH, headers({ authorization: [`Bearer ${JWT}`] }), JWT],
    ['custom header: bare token, require-scheme ignored', CUSTOM, headers({ 'x-token': JWT }), JWT],
    [
      'custom header: Bearer prefix refused (APIM)',
      CUSTOM,
      headers({ 'x-token': `Bearer ${JWT}` }),
      'ERR_REQUEST_MALFORMED',
    ],
    [
      'custom header missing, Authorization ignored',
      CUSTOM,
      headers({ authorization: `Bearer ${JWT}` }),
      'ERR_TOKEN_MISSING',
    ],
    ['query parameter', QUERY, { headers: {}, query: { access_token: JWT } }, JWT],
    [
      'query parameter name is case-sensitive',
      QUERY,
      { headers: {}, query: { Access_Token: JWT } },
      'ERR_TOKEN_MISSING',
    ],
    ['query parameter twice', QUERY, { headers: {}, query: { access_token: [JWT, JWT] } }, 'ERR_REQUEST_MALFORMED'],
    ['query parameter empty', QUERY, { headers: {}, query: { access_token: '' } }, 'ERR_REQUEST_MALFORMED'],
    [
      'query-only policy ignores Authorization',
      QUERY,
      headers({ authorization: `Bearer ${JWT}` }),
      'ERR_TOKEN_MISSING',
    ],
    [
      'header and query both configured, header used',
      BOTH,
      { headers: { authorization: `Bearer ${JWT}` }, query: {} },
      JWT,
    ],
    ['header and query both configured, query used', BOTH, { headers: {}, query: { access_token: JWT } }, JWT],
    [
      'token in both header and query',
      BOTH,
      {
        headers: { authorization: `Bearer ${JWT}` },
        query: { access_token: JWT },
      },
      'ERR_REQUEST_MALFORMED',
    ],
    ['token-value wins', { tokenValue: JWT, headerName: 'Authorization' }, headers({}), JWT],
    ['token-value with a Bearer prefix refused', { tokenValue: `Bearer ${JWT}` }, headers({}), 'ERR_REQUEST_MALFORMED'],
    ['empty source defaults to Authorization', {}, headers({ authorization: `Bearer ${JWT}` }), JWT],
  ])('%s', (_name, source, request, expected) => {
    expect(outcome(source, request)).toBe(expected);
  });

  it('explains what is wrong', () => {
    const hint = (source: TokenSource, request: TokenRequest) => {
      const result = extractToken(source, request);
      return 'reasons' in result ? result.reasons[0].hint : undefined;
    };
    expect(hint(AUTH, headers({}))).toBe('No token in the header Authorization.');
    expect(hint(BOTH, headers({}))).toBe('No token in the header Authorization or query parameter access_token.');
    expect(hint(AUTH, headers({ authorization: ['a', 'b'] }))).toMatch(/header Authorization appears more than once/);
    expect(hint(AUTH, headers({ authorization: 'Basic x' }))).toMatch(/uses the Basic scheme; send Bearer <token>/);
    expect(hint(CUSTOM, headers({ 'x-token': `Bearer ${JWT}` }))).toMatch(
      /require-scheme only to the Authorization header, so drop the "Bearer " prefix/,
    );
  });
});
