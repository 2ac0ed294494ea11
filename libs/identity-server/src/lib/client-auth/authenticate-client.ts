/**
 * Client authentication at the token endpoint: exactly one of client_secret (body), HTTP Basic, or a client
 * assertion (private_key_jwt).
 */
import { applicationNotFound, invalidRequest, missingClientCredential, missingParameter } from '../errors/catalogue';
import type { Directory } from '../registrations/directory';
import type { ClientApp } from '../registrations/registrations.schema';
import type { ClientAuthMethod } from '../tokens/access-token-claims';
import { parseBasicAuthorization } from './basic-authorization';
import type { ClientCertificateRegistry } from './certificate-registry';
import type { JtiReplayCache } from './jti-replay-cache';
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from './verify-client-assertion';
import { verifyClientSecret } from './verify-secret';

/** Credentials as they arrived. */
export interface ClientCredentialsInput {
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly clientAssertion?: string;
  readonly clientAssertionType?: string;
  /** The Authorization header, if any. */
  readonly authorization?: string;
}

/** Services authentication needs. */
export interface ClientAuthenticationDeps {
  readonly directory: Directory;
  readonly certificates: ClientCertificateRegistry;
  readonly replayCache: JtiReplayCache;
  /** `aud` values accepted in client assertions. */
  readonly assertionAudiences: readonly string[];
  /** Tenant name shown in AADSTS700016. */
  readonly tenantName: string;
  readonly now: Date;
}

/** An authenticated client. */
export interface AuthenticatedClient {
  readonly client: ClientApp;
  readonly method: ClientAuthMethod;
}

/** The client id of a request, from the body or the Basic header (which must agree). */
export function requestClientId(input: ClientCredentialsInput): string {
  const basic = parseBasicAuthorization(input.authorization);
  if (basic && input.clientId !== undefined && basic.clientId.toLowerCase() !== input.clientId.toLowerCase()) {
    throw invalidRequest('The client_id in the body differs from the client id in the Authorization header.');
  }
  const clientId = input.clientId ?? basic?.clientId;
  if (!clientId) throw missingParameter('client_id');
  return clientId;
}

/**
 * Authenticates the client.
 * @throws AadstsError: 900144 (no client_id), 700016 (unknown client), 7000218 (no credential), 7000215/7000222
 * (secret), the client-assertion errors, or invalid_request when several methods are combined.
 */
export async function authenticateClient(
  input: ClientCredentialsInput,
  deps: ClientAuthenticationDeps,
): Promise<AuthenticatedClient> {
  const clientId = requestClientId(input);
  const basic = parseBasicAuthorization(input.authorization);
  const methods = [basic, input.clientSecret, input.clientAssertion].filter((value) => value !== undefined);
  // RFC 6749 §2.3: a client must not use more than one authentication method in a request.
  if (methods.length > 1) {
    throw invalidRequest(
      'Use exactly one client authentication method: client_secret in the body, HTTP Basic, or client_assertion.',
    );
  }
  const client = deps.directory.findClient(clientId);
  if (!client) throw applicationNotFound(clientId, deps.tenantName);
  if (methods.length === 0) throw missingClientCredential();

  const secret = input.clientSecret ?? basic?.clientSecret;
  if (secret !== undefined) {
    verifyClientSecret(client, secret, deps.now);
    return { client, method: 'secret' };
  }

  if (input.clientAssertionType === undefined) throw missingParameter('client_assertion_type');
  if (input.clientAssertionType !== JWT_BEARER_ASSERTION_TYPE) {
    throw invalidRequest(`client_assertion_type must be '${JWT_BEARER_ASSERTION_TYPE}'.`);
  }
  await verifyClientAssertion(input.clientAssertion ?? '', {
    clientId: client.appId,
    certificates: deps.certificates,
    acceptedAudiences: deps.assertionAudiences,
    replayCache: deps.replayCache,
    now: deps.now.getTime(),
  });
  return { client, method: 'certificate' };
}
