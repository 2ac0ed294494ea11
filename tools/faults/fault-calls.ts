/**
 * Requests the fault specs send: calls to protected-api (direct) and through the gateway with a subscription key,
 * and tokens that name a `kid` no identity service publishes.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { defaultRegistrations, mintToken } from '@stack/testing';
import type { FaultStack } from './fault-stack';

const { apis, clients, tenantId } = defaultRegistrations;

/** Signs the unknown-kid tokens: any key does, validators refuse them at the key lookup. 1024 bits keeps 10,000 cheap. */
const unknownKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;

/**
 * A token shaped like the identity service's app tokens for apiProxy (issuer, audience, tenant, client, role), signed by
 * a key nobody publishes, under a random (or the given) `kid`.
 */
export function unknownKidToken(identityUrl: string, kid = `unknown-${randomUUID()}`): string {
  return mintToken(
    {
      iss: `${identityUrl}/${tenantId}/v2.0`,
      aud: apis.apiProxy.appId,
      tid: tenantId,
      azp: clients.apiClient.appId,
      sub: clients.apiClient.objectId,
      oid: clients.apiClient.objectId,
      roles: ['Echo.Read'],
      ver: '2.0',
    },
    { key: { privateKey: unknownKey, kid } },
  );
}

/** `GET /resource` on protected-api with this bearer token. */
export function callProtectedApi(stack: FaultStack, token: string): Promise<Response> {
  return fetch(`${stack.url('protected-api')}/resource`, { headers: { authorization: `Bearer ${token}` } });
}

/** `GET /protected/resource` through the gateway with this bearer token and the worker subscription's key. */
export function callGateway(stack: FaultStack, token: string): Promise<Response> {
  return fetch(`${stack.url('gateway')}/protected/resource`, {
    headers: {
      authorization: `Bearer ${token}`,
      'ocp-apim-subscription-key': stack.env['WORKER_SUBSCRIPTION_KEY'] as string,
    },
  });
}
