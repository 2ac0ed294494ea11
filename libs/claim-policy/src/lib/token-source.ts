import type { Reason } from './decision';
import type { TokenSource } from './model';

/** Header and query values as Node and most frameworks give them. */
export type HttpValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What {@link extractToken} reads from a request. */
export interface TokenRequest {
  readonly headers: HttpValues;
  readonly query?: HttpValues;
}

/** The token, or the reasons there is none (`ERR_TOKEN_MISSING`, `ERR_REQUEST_MALFORMED`, `ERR_SCHEME_MISMATCH`). */
export type ExtractedToken = { readonly token: string } | { readonly reasons: Reason[] };

/** RFC 6750 §2.1 b64token. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Reads the bearer token from a request the way the policy says, strictly (RFC 6750 §2):
 * - header names match case-insensitively; a header sent twice, or a token in both the header and
 *   the query parameter, is `ERR_REQUEST_MALFORMED` (400 `invalid_request`);
 * - on `Authorization`, the value is `<scheme> <token>`: scheme case-insensitive, exactly one space,
 *   token in b64token syntax. Another scheme (`Basic …`) is `ERR_SCHEME_MISMATCH` (401 bare challenge).
 *   Without `requireScheme` a bare `<token>` is accepted too (APIM accepts both there; apim.md §1.2);
 *   with it, the scheme must be present;
 * - on any other header APIM ignores `require-scheme` and the value is the bare token;
 * - `tokenValue` (APIM `token-value`, evaluated by the caller) wins over header and query.
 * Only the sources the policy names are read: `?access_token=` counts only if configured.
 * Node drops repeated `Authorization` headers; pass `rawHeaders`-derived arrays to catch them.
 */
export function extractToken(source: TokenSource, request: TokenRequest): ExtractedToken {
  if (source.tokenValue !== undefined) return fromValue(source.tokenValue, 'token-value');
  const headerName = source.headerName ?? (source.queryParameterName === undefined ? 'Authorization' : undefined);
  const fromHeader = headerName === undefined ? undefined : readOne(request.headers, headerName, true);
  const fromQuery =
    source.queryParameterName === undefined
      ? undefined
      : readOne(request.query ?? {}, source.queryParameterName, false);
  if (fromHeader === 'duplicate' || fromQuery === 'duplicate') {
    const where = fromHeader === 'duplicate' ? `header ${headerName}` : `query parameter ${source.queryParameterName}`;
    return malformed(`The ${where} appears more than once; send the token exactly once.`);
  }
  if (fromHeader !== undefined && fromQuery !== undefined) {
    return malformed(
      'The token was sent both in a header and in the query string; RFC 6750 allows one method per request.',
    );
  }
  if (fromHeader !== undefined && headerName !== undefined) {
    return headerName.toLowerCase() === 'authorization'
      ? fromAuthorization(fromHeader, source.requireScheme)
      : fromValue(fromHeader, `header ${headerName}`);
  }
  if (fromQuery !== undefined) return fromValue(fromQuery, `query parameter ${source.queryParameterName}`);
  const expected = [
    headerName && `header ${headerName}`,
    source.queryParameterName && `query parameter ${source.queryParameterName}`,
  ]
    .filter(Boolean)
    .join(' or ');
  return {
    reasons: [{ code: 'ERR_TOKEN_MISSING', hint: `No token in the ${expected}.` }],
  };
}

function readOne(values: HttpValues, name: string, caseInsensitive: boolean): string | 'duplicate' | undefined {
  const wanted = caseInsensitive ? name.toLowerCase() : name;
  const found = Object.keys(values)
    .filter((key) => (caseInsensitive ? key.toLowerCase() : key) === wanted)
    .flatMap((key) => {
      const value = values[key];
      return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    });
  if (found.length > 1) return 'duplicate';
  return found[0];
}

function fromAuthorization(raw: string, requireScheme: string | undefined): ExtractedToken {
  // Field values carry no leading/trailing whitespace (RFC 9110 §5.5); Node trims them too.
  const value = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  const space = value.indexOf(' ');
  if (space === -1) {
    if (requireScheme === undefined && value !== '' && !isSchemeOnly(value))
      return fromValue(value, 'Authorization header');
    if (requireScheme !== undefined && value !== '' && value.toLowerCase() !== requireScheme.toLowerCase()) {
      return schemeMismatch(`The Authorization header must use the ${requireScheme} scheme: ${requireScheme} <token>.`);
    }
    return malformed('The Authorization header has no token; send Authorization: Bearer <token>.');
  }
  const scheme = value.slice(0, space);
  const expected = requireScheme ?? 'Bearer';
  if (scheme.toLowerCase() !== expected.toLowerCase()) {
    return schemeMismatch(`The Authorization header uses the ${scheme} scheme; send ${expected} <token>.`);
  }
  const token = value.slice(space + 1);
  if (token === '' || token.includes(' ')) {
    return malformed(`The Authorization header must be "${expected} <token>" with exactly one space and one token.`);
  }
  return fromValue(token, 'Authorization header');
}

/** A lone word equal to "Bearer" is a scheme without a token, not a token. */
function isSchemeOnly(value: string): boolean {
  return value.toLowerCase() === 'bearer';
}

function fromValue(value: string, where: string): ExtractedToken {
  if (value === '') return malformed(`The ${where} is empty.`);
  if (!B64TOKEN.test(value)) {
    const prefixed = /^bearer /i.test(value);
    return malformed(
      prefixed
        ? `The ${where} must carry the bare token: APIM applies require-scheme only to the Authorization header, so drop the "Bearer " prefix.`
        : `The ${where} does not hold a token (RFC 6750 b64token: letters, digits, - . _ ~ + / and trailing =).`,
    );
  }
  return { token: value };
}

function malformed(hint: string): ExtractedToken {
  return { reasons: [{ code: 'ERR_REQUEST_MALFORMED', hint }] };
}

function schemeMismatch(hint: string): ExtractedToken {
  return { reasons: [{ code: 'ERR_SCHEME_MISMATCH', hint }] };
}
