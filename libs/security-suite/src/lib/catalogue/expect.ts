/**
 * The expected answers, named by what the contract says (RFC 6750 §3.1 for resource servers, APIM's documented
 * failures for the gateway). Where a valid contract allows two answers (a check the gateway may leave to the backend,
 * a size limit the HTTP server may enforce first), a case lists both.
 */
import type { ApimMessage, BearerErrorCode, Outcome, TargetKind } from '../model';

type Expectation = Readonly<Record<TargetKind, readonly Outcome[]>>;

const bearer = (status: number, error: BearerErrorCode): Outcome => ({
  type: 'bearer',
  status,
  error,
});
const apim = (status: number, message: ApimMessage): Outcome => ({ type: 'apim', status, message });

/** Subscription failures (apim.md §5), word for word as APIM answers them. */
export const MISSING_KEY_MESSAGE =
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
export const INVALID_KEY_MESSAGE =
  'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

/** No credentials, or another scheme: 401 with a bare `Bearer` challenge; APIM: `JWT not present.`. */
export function noCredentials(): Expectation {
  return { bearer: [bearer(401, 'none')], apim: [apim(401, { kind: 'jwt-missing' })] };
}

/** A token that is invalid for any reason: 401 `invalid_token`; APIM: the validate-jwt failure. */
export function invalidToken(): Expectation {
  return { bearer: [bearer(401, 'invalid_token')], apim: [apim(401, { kind: 'jwt-invalid' })] };
}

/**
 * A malformed request (token twice, empty, not b64token): 400 `invalid_request`; APIM answers every
 * validate-jwt failure with `failed-validation-httpcode` (401 by default).
 */
export function invalidRequest(): Expectation {
  return { bearer: [bearer(400, 'invalid_request')], apim: [apim(401, { kind: 'jwt-invalid' })] };
}

/**
 * A token invalid only by a rule the gateway's policy need not check (a lifetime over the resource server's
 * maximum, a claim value): the gateway refuses it, or it passes and the backend behind it refuses it.
 */
export function invalidTokenAtGatewayOrBackend(): Expectation {
  return {
    bearer: [bearer(401, 'invalid_token')],
    apim: [apim(401, { kind: 'jwt-invalid' }), bearer(401, 'invalid_token')],
  };
}

/** A valid token without the route's role: 403 `insufficient_scope`, from the gateway's policy or the backend. */
export function insufficientScope(): Expectation {
  return {
    bearer: [bearer(403, 'insufficient_scope')],
    apim: [apim(403, { kind: 'any' }), bearer(403, 'insufficient_scope')],
  };
}

/** Either the header or the query token decides, or the two together are a malformed request. */
export function twoMethods(): Expectation {
  return {
    bearer: [bearer(400, 'invalid_request'), bearer(401, 'invalid_token')],
    apim: [apim(401, { kind: 'jwt-invalid' })],
  };
}

/** Headers over Node's 16 KiB limit: 431 before any application code, or the application's own refusal. */
export function headersTooLarge(): Expectation {
  const node: Outcome = { type: 'status', status: 431, why: 'request headers over 16 KiB' };
  return {
    bearer: [node, bearer(401, 'invalid_token'), bearer(400, 'invalid_request')],
    apim: [node, apim(401, { kind: 'jwt-invalid' })],
  };
}

/** Bytes no HTTP/1.1 header may hold: the server's HTTP parser answers 400 (RFC 9110 §5.5). */
export function parserRefusal(): Expectation {
  const parser: Outcome = { type: 'status', status: 400, why: 'HTTP parser refuses the header' };
  return { bearer: [parser], apim: [parser] };
}

/** Gateway: no subscription key. */
export function missingSubscriptionKey(): Expectation {
  return { bearer: [], apim: [apim(401, { kind: 'exact', text: MISSING_KEY_MESSAGE })] };
}

/** Gateway: a key that is unknown, suspended, or for another product/API. */
export function invalidSubscriptionKey(): Expectation {
  return { bearer: [], apim: [apim(401, { kind: 'exact', text: INVALID_KEY_MESSAGE })] };
}
