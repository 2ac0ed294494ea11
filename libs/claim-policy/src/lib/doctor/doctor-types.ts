import type { KeyObject } from 'node:crypto';
import type { ApimError, BearerError, ReasonCode } from '../decision';
import type { ClaimPolicy } from '../model';

/** One line of the doctor's report: what was checked, how it went, and what to do when it failed. */
export interface DoctorCheck {
  /** Stable name: `format`, `algorithm`, `signing key`, `signature`, `issuer`, `tenant`, `audience`, `lifetime`, `client`, `claim <name>`. */
  readonly check: string;
  readonly status: 'pass' | 'fail' | 'skip';
  /** What the token has and what was expected, never the token or its signature. */
  readonly detail: string;
  /** What to do about a failure (or why a check was skipped). */
  readonly hint?: string;
  /** The claim-policy reason code behind a failure. */
  readonly code?: ReasonCode;
}

/** A policy to check the token against, e.g. the gateway's validate-jwt of one API. */
export interface DoctorTarget {
  /** Shown above its checks, e.g. `echo-api: validate-jwt (config/gateway/policies/apis/echo-api.xml:8)`. */
  readonly label: string;
  readonly policy: ClaimPolicy;
  /** Which answer to show for a refusal: APIM's (gateway) or RFC 6750's (a resource server). Default `apim`. */
  readonly answer?: 'apim' | 'bearer';
}

/** What discovery said about one key. */
export type KeyLookup =
  | { readonly kind: 'found'; readonly key: KeyObject; readonly issuer: string; readonly jwksUri?: string }
  | { readonly kind: 'not-found'; readonly issuer?: string; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string };

/**
 * Finds signing keys through OpenID discovery. The doctor's core does no I/O: the CLI brings one
 * over HTTP, tests bring one over an in-process identity service or a fixed key set.
 */
export interface DoctorKeySource {
  lookup(openIdConfigUrl: string, kid: string): Promise<KeyLookup>;
}

/** The token's facts the report shows: header and identity claims, never the signature. */
export interface TokenSummary {
  readonly alg?: unknown;
  readonly kid?: unknown;
  readonly typ?: unknown;
  readonly version?: '1.0' | '2.0';
  readonly iss?: unknown;
  readonly aud?: unknown;
  readonly tid?: unknown;
  /** `azp` (v2) or `appid` (v1), with the claim it came from. */
  readonly client?: { readonly claim: 'azp' | 'appid'; readonly value: string };
  readonly roles?: unknown;
  readonly scp?: unknown;
  readonly iat?: string;
  readonly nbf?: string;
  readonly exp?: string;
}

/** The checks against one target and the answer the service would give. */
export interface TargetReport {
  readonly label: string;
  readonly result: 'pass' | 'fail';
  readonly checks: readonly DoctorCheck[];
  /** The refusal the service would send (absent when the token passes). */
  readonly answer?: ApimError | BearerError;
}

/** The whole diagnosis. `result` is `fail` when any check failed; skipped checks do not fail it. */
export interface DoctorReport {
  readonly result: 'pass' | 'fail';
  /** The token-level checks (format). */
  readonly checks: readonly DoctorCheck[];
  readonly token?: TokenSummary;
  readonly targets: readonly TargetReport[];
  /** Epoch milliseconds the lifetime was judged at. */
  readonly now: number;
}
