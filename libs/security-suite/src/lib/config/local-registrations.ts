/**
 * Defaults for the local stack from config/identity/registrations.json: the tenant, the API behind the gateway
 * (audience = its appId, v2.0 tokens) and the client the gateway's policies allow.
 */
import { readFileSync } from 'node:fs';

const API = 'ago-apiproxy-oauth-app';
const CLIENT = 'ago-apiclient-oauth-app';

export interface LocalRegistrationDefaults {
  readonly tenantId: string;
  readonly audience: string;
  readonly clientId: string;
}

interface RegistrationsFile {
  readonly tenant?: { readonly id?: string };
  readonly apis?: ReadonlyArray<{ readonly displayName?: string; readonly appId?: string }>;
  readonly clients?: ReadonlyArray<{ readonly displayName?: string; readonly appId?: string }>;
}

export function readLocalRegistrations(path: string): LocalRegistrationDefaults {
  const file = JSON.parse(readFileSync(path, 'utf8')) as RegistrationsFile;
  const tenantId = file.tenant?.id;
  const audience = file.apis?.find((api) => api.displayName === API)?.appId;
  const clientId = file.clients?.find((client) => client.displayName === CLIENT)?.appId;
  if (!tenantId || !audience || !clientId) {
    throw new Error(
      `${path} must hold tenant.id, the API "${API}" and the client "${CLIENT}"; or pass --tenant, --audience and --client-id.`,
    );
  }
  return { tenantId, audience, clientId };
}
