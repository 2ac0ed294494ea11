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

/** RFC 9110 §5.6.2 token, short enough to repeat in a hint: an auth-scheme worth naming. */
const NAMEABLE_SCHEME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;

/**
 * Longest header or query value read, in characters: Node's default header limit (16 KiB) and
 * parseCompactJws's token limit. Frameworks with larger limits still never get a longer token past here.
 */
export const MAX_TOKEN_FIELD_LENGTH = 16384;

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
 * Hostile input (values over {@link MAX_TOKEN_FIELD_LENGTH}, controls, non-ASCII, runs of spaces,
 * objects from a query parser) gets a reason, never an exception; hints never repeat user data
 * except a scheme name that is a short RFC 9110 token.
 */
export function extractToken(source: TokenSource, request: TokenRequest): ExtractedToken {
  if (source.tokenValue !== undefined) {
    // An evaluated expression: typed as a string, but checked, since expressions return anything.
    const value: unknown = source.tokenValue;
    return typeof value === 'string' ? fromValue(value, 'token-value') : malformed('The token-value is not text.');
  }
  const headerName = source.headerName ?? (source.queryParameterName === undefined ? 'Authorization' : undefined);
  const fromHeader = headerName === undefined ? undefined : readOne(request.headers, headerName, true);
  const fromQuery =
    source.queryParameterName === undefined
      ? undefined
      : readOne(request.query ?? {}, source.queryParameterName, false);
  for (const problem of [NOT_TEXT, DUPLICATE]) {
    if (fromHeader !== problem && fromQuery !== problem) continue;
    const where = fromHeader === problem ? `header ${headerName}` : `query parameter ${source.queryParameterName}`;
    return malformed(
      problem === DUPLICATE
        ? `The ${where} appears more than once; send the token exactly once.`
        : `The ${where} is not a single text value; send the token exactly once, as plain text.`,
    );
  }
  if (fromHeader !== undefined && fromQuery !== undefined) {
    return malformed(
      'The token was sent both in a header and in the query string; RFC 6750 allows one method per request.',
    );
  }
  if (typeof fromHeader === 'string' && headerName !== undefined) {
    return headerName.toLowerCase() === 'authorization'
      ? fromAuthorization(fromHeader, source.requireScheme)
      : fromValue(fromHeader, `header ${headerName}`);
  }
  if (typeof fromQuery === 'string') return fromValue(fromQuery, `query parameter ${source.queryParameterName}`);
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

/** Why a source holds no single value. Objects, so that no header value (e.g. "duplicate") collides. */
const DUPLICATE = Object.freeze({ problem: 'duplicate' });
const NOT_TEXT = Object.freeze({ problem: 'not text' });
type ReadValue = string | typeof DUPLICATE | typeof NOT_TEXT | undefined;

function readOne(values: HttpValues, name: string, caseInsensitive: boolean): ReadValue {
  const wanted = caseInsensitive ? name.toLowerCase() : name;
  let found: string | undefined;
  for (const key of Object.keys(values)) {
    if ((caseInsensitive ? key.toLowerCase() : key) !== wanted) continue;
    // Typed as strings, but query parsers hand over objects for `?access_token[a]=1`.
    const value: unknown = values[key];
    if (value === undefined) continue;
    const items: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item !== 'string') return NOT_TEXT;
      if (found !== undefined) return DUPLICATE;
      found = item;
    }
  }
  return found;
}

function fromAuthorization(raw: string, requireScheme: string | undefined): ExtractedToken {
  if (raw.length > MAX_TOKEN_FIELD_LENGTH) return tooLong('Authorization header', raw.length);
  // Field values carry no leading/trailing whitespace (RFC 9110 §5.5); Node trims them too.
  const value = trimSpacesAndTabs(raw);
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
    if (!NAMEABLE_SCHEME.test(scheme)) {
      return malformed(`The Authorization header does not start with an auth-scheme; send ${expected} <token>.`);
    }
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
  if (value.length > MAX_TOKEN_FIELD_LENGTH) return tooLong(where, value.length);
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

/** Trims spaces and tabs at both ends with index loops: the regex form backtracks quadratically on long runs. */
function trimSpacesAndTabs(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTab(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function tooLong(where: string, length: number): ExtractedToken {
  return malformed(
    `The ${where} is ${length} characters long; at most ${MAX_TOKEN_FIELD_LENGTH} are read (access tokens are far shorter).`,
  );
}

function malformed(hint: string): ExtractedToken {
  return { reasons: [{ code: 'ERR_REQUEST_MALFORMED', hint }] };
}

function schemeMismatch(hint: string): ExtractedToken {
  return { reasons: [{ code: 'ERR_SCHEME_MISMATCH', hint }] };
}
