/**
 * Success bodies of the token endpoints. The format follows the endpoint (the token inside follows the API):
 * v2 has numeric `expires_in` / `ext_expires_in`; v1 has string-valued fields plus `expires_on`, `not_before` and
 * `resource`, in the order real responses show.
 */

/** v2.0 endpoint success body. */
export interface V2TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
}

/** v1.0 endpoint success body. */
export interface V1TokenResponse {
  readonly token_type: 'Bearer';
  readonly expires_in: string;
  readonly ext_expires_in: string;
  readonly expires_on: string;
  readonly not_before: string;
  readonly resource: string;
  readonly access_token: string;
}

/** What both bodies are built from. */
export interface TokenResponseInput {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  /** Seconds since the epoch. */
  readonly expiresOn: number;
  readonly notBefore: number;
  /** The `resource` parameter as sent (v1 only). */
  readonly resource: string;
}

export function v2TokenResponse(input: TokenResponseInput): V2TokenResponse {
  return {
    token_type: 'Bearer',
    expires_in: input.expiresInSeconds,
    ext_expires_in: input.expiresInSeconds,
    access_token: input.accessToken,
  };
}

export function v1TokenResponse(input: TokenResponseInput): V1TokenResponse {
  return {
    token_type: 'Bearer',
    expires_in: String(input.expiresInSeconds),
    ext_expires_in: String(input.expiresInSeconds),
    expires_on: String(input.expiresOn),
    not_before: String(input.notBefore),
    resource: input.resource,
    access_token: input.accessToken,
  };
}
