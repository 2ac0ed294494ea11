/**
 * extractToken against hostile requests: every case must end in a reason that maps to RFC 6750
 * (401 bare challenge, 400 invalid_request) with a hint free of the attacker's bytes, never a throw.
 */
import fc from 'fast-check';
import type { Reason } from './decision';
import { createPolicy } from './defaults';
import { deny } from './deny';
import type { TokenSource } from './model';
import { isControlCharacter } from './text/escape-control-characters';
import { extractToken, MAX_TOKEN_FIELD_LENGTH, type HttpValues, type TokenRequest } from './token-source';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
const AUTH: TokenSource = { headerName: 'Authorization' };
const BEARER: TokenSource = { headerName: 'Authorization', requireScheme: 'Bearer' };
const BOTH: TokenSource = { headerName: 'Authorization', queryParameterName: 'access_token' };

function reasonOf(source: TokenSource, request: TokenRequest): Reason {
  const result = extractToken(source, request);
  if ('token' in result) throw new Error(`expected a reason, got the token ${result.token.slice(0, 40)}`);
  expect(result.reasons).toHaveLength(1);
  return result.reasons[0];
}

function statusOf(reason: Reason): number {
  const decision = deny(createPolicy(), [reason]);
  if (decision.allowed) throw new Error('expected a denial');
  return decision.bearer.status;
}

const auth = (value: string | string[]): TokenRequest => ({ headers: { authorization: value } });

describe('extractToken against hostile requests', () => {
  it.each<[string, TokenSource, TokenRequest, Reason['code'], number]>([
    ['no header at all', AUTH, { headers: {} }, 'ERR_TOKEN_MISSING', 401],
    ['Basic', AUTH, auth('Basic dXNlcjpwYXNz'), 'ERR_SCHEME_MISMATCH', 401],
    ['Digest with parameters', AUTH, auth('Digest username="a", realm="b"'), 'ERR_SCHEME_MISMATCH', 401],
    ['Negotiate', BEARER, auth('Negotiate YIIB'), 'ERR_SCHEME_MISMATCH', 401],
    ['empty value', AUTH, auth(''), 'ERR_REQUEST_MALFORMED', 400],
    ['only spaces and tabs', AUTH, auth(' \t  '), 'ERR_REQUEST_MALFORMED', 400],
    ['two headers', AUTH, auth([`Bearer ${JWT}`, `Bearer ${JWT}`]), 'ERR_REQUEST_MALFORMED', 400],
    ['two headers, one empty', AUTH, auth(['', `Bearer ${JWT}`]), 'ERR_REQUEST_MALFORMED', 400],
    [
      'header plus query',
      BOTH,
      { headers: { authorization: `Bearer ${JWT}` }, query: { access_token: JWT } },
      'ERR_REQUEST_MALFORMED',
      400,
    ],
    ['CR LF inside the token', AUTH, auth(`Bearer ${JWT}\r\nX-Admin: 1`), 'ERR_REQUEST_MALFORMED', 400],
    ['LF inside the token', AUTH, auth(`Bearer ${JWT}\n`), 'ERR_REQUEST_MALFORMED', 400],
    ['NUL inside the token', AUTH, auth(`Bearer ${JWT}\u0000`), 'ERR_REQUEST_MALFORMED', 400],
    ['NUL in the scheme', AUTH, auth(`Bea\u0000rer ${JWT}`), 'ERR_REQUEST_MALFORMED', 400],
    ['CR LF in the scheme', AUTH, auth(`x\r\nSet-Cookie:a ${JWT}`), 'ERR_REQUEST_MALFORMED', 400],
    ['a tab instead of the space', AUTH, auth(`Bearer\t${JWT}`), 'ERR_REQUEST_MALFORMED', 400],
    ['non-ASCII token', AUTH, auth('Bearer jéton'), 'ERR_REQUEST_MALFORMED', 400],
    ['non-ASCII scheme', AUTH, auth(`Béarer ${JWT}`), 'ERR_REQUEST_MALFORMED', 400],
    ['a very long scheme', AUTH, auth(`${'B'.repeat(5000)} ${JWT}`), 'ERR_REQUEST_MALFORMED', 400],
    ['emoji', AUTH, auth('Bearer 🔑'), 'ERR_REQUEST_MALFORMED', 400],
    [
      'thousands of spaces after the scheme',
      AUTH,
      auth(`Bearer${' '.repeat(16000)}${JWT}`),
      'ERR_REQUEST_MALFORMED',
      400,
    ],
    ['thousands of spaces before the scheme', AUTH, auth(`${' '.repeat(16000)}Bearer`), 'ERR_REQUEST_MALFORMED', 400],
    ['over 16 KiB', AUTH, auth(`Bearer ${'a'.repeat(MAX_TOKEN_FIELD_LENGTH)}`), 'ERR_REQUEST_MALFORMED', 400],
    ['over 16 KiB bare', AUTH, auth('a'.repeat(MAX_TOKEN_FIELD_LENGTH + 1)), 'ERR_REQUEST_MALFORMED', 400],
    [
      'over 16 KiB in the query',
      { queryParameterName: 'access_token' },
      { headers: {}, query: { access_token: 'a'.repeat(MAX_TOKEN_FIELD_LENGTH + 1) } },
      'ERR_REQUEST_MALFORMED',
      400,
    ],
    [
      'an object from a query parser (?access_token[a]=1)',
      { queryParameterName: 'access_token' },
      { headers: {}, query: { access_token: { a: '1' } } as unknown as HttpValues },
      'ERR_REQUEST_MALFORMED',
      400,
    ],
    [
      'a number where a header value belongs',
      AUTH,
      { headers: { authorization: 42 } as unknown as HttpValues },
      'ERR_REQUEST_MALFORMED',
      400,
    ],
    ['a non-text token-value', { tokenValue: 42 as unknown as string }, { headers: {} }, 'ERR_REQUEST_MALFORMED', 400],
  ])('%s', (_name, source, request, code, status) => {
    const reason = reasonOf(source, request);
    expect(reason.code).toBe(code);
    expect(statusOf(reason)).toBe(status);
  });

  it('a bare token value of "duplicate" is read as a token, not as a duplicate header', () => {
    expect(extractToken(AUTH, auth('duplicate'))).toEqual({ token: 'duplicate' });
  });

  it('accepts exactly 16 KiB and refuses one character more, saying how long it was', () => {
    const token = 'a'.repeat(MAX_TOKEN_FIELD_LENGTH - 'Bearer '.length);
    expect(extractToken(AUTH, auth(`Bearer ${token}`))).toEqual({ token });
    expect(reasonOf(AUTH, auth(`Bearer ${token}a`)).hint).toBe(
      'The Authorization header is 16385 characters long; at most 16384 are read (access tokens are far shorter).',
    );
  });

  it('names a scheme only when it is a short RFC 9110 token, so hints carry no attacker bytes', () => {
    expect(reasonOf(AUTH, auth('Basic x')).hint).toMatch(/uses the Basic scheme/);
    const hint = reasonOf(AUTH, auth(`Evil\r\n[INFO]\u001b[31m ${JWT}`)).hint ?? '';
    expect(hint).toBe('The Authorization header does not start with an auth-scheme; send Bearer <token>.');
  });

  it('never throws, and no hint repeats control characters or more than a short scheme', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.constantFrom('Bearer', 'bearer', ' ', '\t', '\r', '\n', '\u0000', JWT, '=', 'é', ','), {
          maxLength: 30,
        })
        .map((parts) => parts.join('')),
    );
    const values = fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined));
    const source = fc.constantFrom<TokenSource>(
      AUTH,
      BEARER,
      BOTH,
      { queryParameterName: 'access_token' },
      {
        headerName: 'X-Token',
        requireScheme: 'Bearer',
      },
    );
    fc.assert(
      fc.property(source, values, values, (policySource, header, query) => {
        const request = {
          headers: { authorization: header, 'x-token': header },
          query: { access_token: query },
        } as unknown as TokenRequest;
        const result = extractToken(policySource, request);
        if ('token' in result) {
          expect(result.token).toMatch(/^[A-Za-z0-9\-._~+/]+=*$/);
          return;
        }
        const [reason] = result.reasons;
        expect(['ERR_TOKEN_MISSING', 'ERR_SCHEME_MISMATCH', 'ERR_REQUEST_MALFORMED']).toContain(reason.code);
        expect([...(reason.hint ?? '')].some((char) => isControlCharacter(char.charCodeAt(0)))).toBe(false);
        expect([400, 401]).toContain(statusOf(reason));
      }),
      { numRuns: 500 },
    );
  });
});
