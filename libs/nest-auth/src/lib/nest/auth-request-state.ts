import type { ClaimPolicy, VerifiedHeader } from '@stack/claim-policy';

/**
 * What the guard has already established about a request before passport runs: the route's
 * compiled policy and the format-checked token with its header. Kept under a symbol so it cannot
 * clash with (or be set through) anything a client sends.
 */
export interface AuthRequestState {
  readonly policy: ClaimPolicy;
  readonly token: string;
  readonly header: VerifiedHeader & { readonly kid: string };
}

const stateKey = Symbol('stack-auth:request-state');

type WithState = { [stateKey]?: AuthRequestState };

/** Attaches the state to the request object. */
export function setAuthRequestState(request: object, state: AuthRequestState): void {
  (request as WithState)[stateKey] = state;
}

/** The state attached by the guard, if any. */
export function getAuthRequestState(request: unknown): AuthRequestState | undefined {
  return request !== null && typeof request === 'object' ? (request as WithState)[stateKey] : undefined;
}
