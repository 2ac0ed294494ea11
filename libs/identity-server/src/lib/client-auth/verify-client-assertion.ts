/**
 * private_key_jwt client authentication: a JWT signed with a certificate registered on the client app, found by
 * its `x5t#S256` or `x5t` header; signature, `iss` = `sub` = client id, `aud` = this tenant's token endpoint,
 * `exp`/`nbf` and single use of `jti` are all checked. Each failure maps to the AADSTS code Entra uses.
 *
 * The assertion is read with claim-policy's strict parser first (canonical base64url only, so one assertion has one
 * spelling; bounded length and JSON depth, so no value can overflow the stack when it is checked or described).
 */
import { parseCompactJws } from '@stack/claim-policy';
import { compactVerify, errors } from 'jose';
import {
  assertionAudienceInvalid,
  assertionClientMismatch,
  assertionMalformed,
  assertionReplayed,
  assertionSignatureInvalid,
  assertionTimeInvalid,
} from '../errors/catalogue';
import type { ClientCertificateRegistry } from './certificate-registry';
import type { JtiReplayCache } from './jti-replay-cache';

/** The client assertion type the token endpoint accepts. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Algorithms a client assertion may use (msal-node: RS256 with `x5t`, PS256 with `x5t#S256`). */
export const ASSERTION_ALGORITHMS = ['RS256', 'PS256'] as const;

/** Clock skew tolerated on `exp` / `nbf`. */
export const ASSERTION_CLOCK_SKEW_SECONDS = 300;

/** What verification needs besides the assertion. */
export interface ClientAssertionContext {
  /** The client id of the request (body or Basic header). */
  readonly clientId: string;
  readonly certificates: ClientCertificateRegistry;
  /** Token endpoint URLs (and issuer) accepted as `aud`; the first one is shown in errors. */
  readonly acceptedAudiences: readonly string[];
  readonly replayCache: JtiReplayCache;
  /** Current time in milliseconds. */
  readonly now: number;
}

/**
 * Verifies a client assertion; resolves when the client is authenticated.
 * @throws AadstsError 50027 (unreadable), 700027 (key or signature), 700021 (iss/sub), 700023 (aud),
 * 700024 (time), 50013 (jti replay).
 */
export async function verifyClientAssertion(assertion: string, context: ClientAssertionContext): Promise<void> {
  const parsed = parseCompactJws(assertion);
  if (!parsed.ok) {
    throw assertionMalformed(
      `The client assertion is not a signed JWT (header.payload.signature, canonical base64url): ${parsed.reason.hint ?? 'unreadable'}`,
    );
  }
  const { header, claims } = parsed;
  const alg = header['alg'];
  if (typeof alg !== 'string' || !ASSERTION_ALGORITHMS.includes(alg as (typeof ASSERTION_ALGORITHMS)[number])) {
    throw assertionSignatureInvalid(
      `[Reason - The algorithm '${shown(alg)}' isn't accepted; sign with RS256 or PS256.]`,
    );
  }
  const named = header['x5t#S256'] ?? header['x5t'];
  if (typeof named !== 'string') {
    throw assertionSignatureInvalid(
      "[Reason - The assertion header names no certificate.] Add 'x5t#S256' (or 'x5t') with the thumbprint of a certificate registered on the app.",
    );
  }
  const certificate = context.certificates.find(context.clientId, header);
  if (!certificate) {
    throw assertionSignatureInvalid(
      `[Reason - The key was not found.] Thumbprint of key used by client: '${shown(named)}'. Register the certificate on app '${context.clientId}' (registrations file, clients[].certificates).`,
    );
  }

  try {
    await compactVerify(assertion, certificate.publicKey, { algorithms: [alg] });
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw assertionSignatureInvalid(
        `[Reason - The signature doesn't verify with the registered certificate '${certificate.thumbprints.x5tS256}'.]`,
      );
    }
    throw assertionMalformed(`The client assertion can't be verified: ${(error as Error).message}`);
  }
  if (certificate.notAfter.getTime() <= context.now) {
    throw assertionSignatureInvalid(`[Reason - The certificate expired on ${certificate.notAfter.toISOString()}.]`);
  }

  checkClient(claims, context.clientId);
  checkAudience(claims['aud'], context.acceptedAudiences);
  const exp = checkTime(claims, context.now);
  const jti = claims['jti'];
  if (typeof jti !== 'string' || jti.length === 0) {
    throw assertionMalformed("The client assertion must contain a 'jti' claim (a new GUID for every assertion).");
  }
  const replayUntil = (exp + ASSERTION_CLOCK_SKEW_SECONDS) * 1000;
  if (!context.replayCache.remember(`${context.clientId.toLowerCase()}:${jti}`, replayUntil)) {
    throw assertionReplayed(shown(jti));
  }
}

const MAX_SHOWN = 100;
/** 9999-12-31T23:59:59Z: later NumericDates are malformed (and would keep a replay-cache entry forever). */
const MAX_NUMERIC_DATE = 253402300799;

/** A claim or header value for an error description: bounded, whatever its type (its depth is bounded already). */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function checkClient(claims: Record<string, unknown>, clientId: string): void {
  const expected = clientId.toLowerCase();
  for (const name of ['iss', 'sub'] as const) {
    const value = claims[name];
    if (typeof value !== 'string' || value.toLowerCase() !== expected) {
      throw assertionClientMismatch(
        `The assertion's '${name}' is '${shown(value)}'; it must be the client id '${clientId}'.`,
      );
    }
  }
}

function checkAudience(aud: unknown, accepted: readonly string[]): void {
  const audiences = Array.isArray(aud) ? aud : [aud];
  const normalized = accepted.map((value) => value.toLowerCase());
  if (!audiences.some((value) => typeof value === 'string' && normalized.includes(value.toLowerCase()))) {
    throw assertionAudienceInvalid(shown(aud), accepted[0] ?? '');
  }
}

function checkTime(claims: Record<string, unknown>, nowMs: number): number {
  const now = nowMs / 1000;
  const { exp, nbf } = claims;
  if (typeof exp !== 'number') throw assertionMalformed("The client assertion must contain a numeric 'exp' claim.");
  if (exp > MAX_NUMERIC_DATE || (typeof nbf === 'number' && nbf > MAX_NUMERIC_DATE)) {
    throw assertionMalformed("The client assertion's 'exp' or 'nbf' lies after the year 9999.");
  }
  if (exp + ASSERTION_CLOCK_SKEW_SECONDS < now) {
    throw assertionTimeInvalid(`Current time: ${iso(now)}, expiry time of assertion ${iso(exp)}.`);
  }
  if (typeof nbf === 'number' && nbf - ASSERTION_CLOCK_SKEW_SECONDS > now) {
    throw assertionTimeInvalid(`Current time: ${iso(now)}, assertion valid from ${iso(nbf)}.`);
  }
  return exp;
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
