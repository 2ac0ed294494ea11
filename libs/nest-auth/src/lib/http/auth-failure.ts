import type { Decision, Reason } from '@stack/claim-policy';

/** A denial decided by the claim-policy engine. */
export type DeniedDecision = Extract<Decision, { allowed: false }>;

/**
 * Why a request was not let through, before it becomes HTTP: either the engine denied it, or no
 * signing key could be had because the identity provider is unreachable (our outage, not the
 * caller's fault: 503 so clients keep their tokens and retry).
 */
export type AuthFailure =
  | { readonly kind: 'denied'; readonly decision: DeniedDecision }
  | {
      readonly kind: 'unavailable';
      readonly retryAfterSeconds: number;
      readonly detail: string;
    };

/** The reason reported for {@link AuthFailure} `unavailable`, beside the engine's reason codes. */
export interface UnavailableReason {
  readonly code: 'ERR_IDP_UNAVAILABLE';
  readonly hint: string;
}

/** Error body: Nest's usual `{ statusCode, error, message }`, plus the reasons outside production. */
export interface AuthErrorBody {
  readonly statusCode: number;
  /** The RFC 6750 error code when there is one (`invalid_token` ...), else the HTTP status text. */
  readonly error: string;
  readonly message: string;
  readonly reasons?: readonly (Reason | UnavailableReason)[];
}

/** A complete HTTP answer for a failure, independent of Express or Fastify. */
export interface AuthErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: AuthErrorBody;
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  503: 'Service Unavailable',
};

const defaultMessages: Record<number, string> = {
  400: 'The request carries the access token in a way that is not allowed.',
  401: 'A valid bearer access token is required.',
  403: 'The access token does not grant what this operation requires.',
};

/**
 * Maps a failure onto RFC 6750: 401 with a bare `Bearer` challenge when no token was sent, 401
 * `invalid_token`, 400 `invalid_request`, 403 `insufficient_scope` (the engine builds the exact
 * `WWW-Authenticate` value), and 503 + `Retry-After` when the identity provider is unreachable.
 */
export function renderAuthFailure(
  failure: AuthFailure,
  options: { readonly exposeReasons: boolean },
): AuthErrorResponse {
  if (failure.kind === 'unavailable') {
    const message =
      `The identity provider's signing keys cannot be fetched right now, so the token cannot be checked; ` +
      `retry after ${failure.retryAfterSeconds} s.`;
    return {
      status: 503,
      headers: {
        'Retry-After': String(failure.retryAfterSeconds),
        'Cache-Control': 'no-store',
      },
      body: {
        statusCode: 503,
        error: statusText[503],
        message,
        ...(options.exposeReasons && {
          reasons: [{ code: 'ERR_IDP_UNAVAILABLE', hint: failure.detail }],
        }),
      },
    };
  }
  const { bearer, reasons } = failure.decision;
  return {
    status: bearer.status,
    headers: {
      'WWW-Authenticate': bearer.wwwAuthenticate,
      'Cache-Control': 'no-store',
    },
    body: {
      statusCode: bearer.status,
      error: bearer.error ?? statusText[bearer.status],
      message: bearer.description ?? defaultMessages[bearer.status],
      ...(options.exposeReasons && { reasons }),
    },
  };
}

/** Thrown through the strategy and guard; carries the failure until the exception filter renders it. */
export class AuthFailureError extends Error {
  constructor(readonly failure: AuthFailure) {
    super(
      failure.kind === 'denied'
        ? failure.decision.reasons.map((r) => r.code).join(', ') || 'denied'
        : 'identity provider unavailable',
    );
    this.name = 'AuthFailureError';
  }
}
