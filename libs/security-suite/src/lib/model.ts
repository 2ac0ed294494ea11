/**
 * The vocabulary of the attack catalogue: a case says how to build one hostile request and what a correct target
 * answers, per target kind. Cases are data; the runner sends them and the judge compares.
 */
import type { KeyObject } from 'node:crypto';

/** `bearer`: an RFC 6750 resource server (protected-api). `apim`: the APIM-compatible gateway in front of one. */
export type TargetKind = 'bearer' | 'apim';

export type Family = 'alg' | 'key-injection' | 'kid' | 'structure' | 'claims' | 'authorization-header' | 'subscription';

/** RFC 6750 §3.1 error codes; `none` = a bare `Bearer` challenge without `error` (no credentials / other scheme). */
export type BearerErrorCode = 'none' | 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** What an APIM failure body's `message` must be. */
export type ApimMessage =
  | { readonly kind: 'exact'; readonly text: string }
  /** validate-jwt / validate-azure-ad-token found no token: `JWT not present.` unless the policy sets its own message. */
  | { readonly kind: 'jwt-missing' }
  /** Any other validate-jwt failure: the policy's `failed-validation-error-message`, or APIM's default for the reason. */
  | { readonly kind: 'jwt-invalid' }
  /** Any non-empty message (e.g. a 403 from a claim check, whose default text names the claim). */
  | { readonly kind: 'any' };

/** One acceptable answer. */
export type Outcome =
  /** RFC 6750: this status and a `WWW-Authenticate: Bearer` challenge with this `error` (or none). */
  | { readonly type: 'bearer'; readonly status: number; readonly error: BearerErrorCode }
  /** APIM: this status and the body `{ statusCode: <status>, message }`. */
  | { readonly type: 'apim'; readonly status: number; readonly message: ApimMessage }
  /** Refused before any application code (Node's HTTP parser: 400, 431): the status alone. */
  | { readonly type: 'status'; readonly status: number; readonly why: string };

/** A request as the catalogue describes it; the runner adds the target URL, path and subscription key. */
export interface AttackRequest {
  /** Authorization header value(s); an array sends the header once per value; undefined sends none. */
  readonly authorization?: string | readonly string[];
  /** Extra query parameters (e.g. `access_token`). */
  readonly query?: Readonly<Record<string, string>>;
  /**
   * Send the Authorization header bytes as given over a raw socket (CR, LF, NUL that HTTP clients refuse to
   * send). The value follows `Authorization: ` verbatim.
   */
  readonly rawAuthorization?: string;
  /** Subscription key override: a string sends it, `null` sends none; undefined uses the run's key. */
  readonly subscriptionKey?: string | null;
}

/** A trusted signing key: tokens it signs pass the target's signature check. */
export interface TrustedKey {
  readonly privateKey: KeyObject;
  readonly kid: string;
}

/** The claims a token must carry to be accepted (without roles), from the options. */
export interface TokenIdentity {
  readonly issuer: string;
  readonly audience: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** The role the attacked route needs (e.g. Echo.Read for GET /resource). */
  readonly role: string;
}

/** What the catalogue builds its requests from. */
export interface AttackContext {
  /** Seconds since the epoch, fixed for one run. */
  readonly now: number;
  readonly clockSkewSeconds: number;
  readonly identity: TokenIdentity;
  /** Known when the run was given the target's signing key (or its JWKS). */
  readonly trustedKey?: TrustedKey;
  /** The target's public signing key (for the HS*-with-public-key attacks) and a kid it publishes. */
  readonly targetPublicKey?: { readonly key: KeyObject; readonly kid: string };
  /** Keys no target trusts. */
  readonly attacker: AttackerKeys;
  /** URL of the loopback canary: a request to it means the target followed a URL from a token. */
  readonly canaryUrl: string;
  /** Keys of subscriptions that must be refused (gateway only), when known. */
  readonly subscriptionKeys: {
    readonly suspended?: string;
    readonly otherProduct?: string;
  };
}

export interface AttackerKeys {
  readonly rsa: { readonly privateKey: KeyObject; readonly publicKey: KeyObject; readonly kid: string };
  readonly ec256: KeyObject;
  readonly ec384: KeyObject;
  readonly ec521: KeyObject;
  readonly ed25519: KeyObject;
  /** A self-signed certificate of `rsa` (base64 DER), for `x5c`. */
  readonly rsaCertificate: string;
}

/** One case: built lazily, since some need keys the run may not have. */
export interface AttackCase {
  readonly id: string;
  readonly family: Family;
  readonly description: string;
  /** Kinds this case applies to (default both). */
  readonly kinds?: readonly TargetKind[];
  /** Why it cannot run with this context (e.g. no trusted key), or undefined when it can. */
  readonly skip?: (context: AttackContext) => string | undefined;
  /** Builds the request; `index` counts the repetitions of a flood case. */
  readonly build: (context: AttackContext, index: number) => AttackRequest;
  /** Send this many requests (a flood); every one must match. Default 1. */
  readonly repeat?: number;
  /** Acceptable answers per kind. */
  readonly expect: Readonly<Record<TargetKind, readonly Outcome[]>>;
}
