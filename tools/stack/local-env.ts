/**
 * The embedded defaults of the local stack: wires every service to the local identity service and the default app
 * registrations (config/identity/registrations.json). Variables already set in the environment win, so the same
 * launcher can point the APIs and the worker at a real Entra tenant.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './services';

interface Registrations {
  tenant: { id: string };
  apis: { displayName: string; appId: string; identifierUris: string[] }[];
  clients: { displayName: string; appId: string; secrets?: { value: string }[] }[];
}

/** The API app and client of the original write-up. */
const apiName = 'ago-apiproxy-oauth-app';
const clientName = 'ago-apiclient-oauth-app';

export function localStackEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = env['IDENTITY_REGISTRATIONS'] ?? join(repoRoot, 'config', 'identity', 'registrations.json');
  const registrations = JSON.parse(readFileSync(file, 'utf8')) as Registrations;
  const api = registrations.apis.find((a) => a.displayName === apiName);
  const client = registrations.clients.find((c) => c.displayName === clientName);
  if (!api || !client?.secrets?.[0]) {
    throw new Error(`${file} must register the API "${apiName}" and the client "${clientName}" with a secret.`);
  }
  const identity = `https://localhost:${env['IDENTITY_PORT'] ?? 5443}`;
  const echoApi = `http://localhost:${env['ECHO_API_PORT'] ?? 3001}`;
  const protectedApi = `http://localhost:${env['PROTECTED_API_PORT'] ?? 3000}`;
  const gateway = `http://localhost:${env['GATEWAY_PORT'] ?? 8080}`;
  const defaults: NodeJS.ProcessEnv = {
    AUTH_TENANT_ID: registrations.tenant.id,
    AUTH_AUTHORITY_HOST: identity,
    AUTH_API_APP_ID: api.appId,
    AUTH_APP_ID_URIS: api.identifierUris.join(','),
    WORKER_AUTHORITY: `${identity}/${registrations.tenant.id}`,
    WORKER_CLIENT_ID: client.appId,
    // A certificate set by the user replaces the default secret (the worker takes exactly one credential).
    WORKER_CLIENT_SECRET: env['WORKER_CERTIFICATE_PATH'] ? undefined : client.secrets[0].value,
    WORKER_SCOPE: `${api.identifierUris[0]}/.default`,
    // The worker calls protected-api through the gateway with the "worker" subscription (config/gateway/).
    WORKER_API_BASE_URL: gateway,
    WORKER_API_PATH: '/protected/resource',
    WORKER_SUBSCRIPTION_KEY: env['GATEWAY_WORKER_PRIMARY_KEY'] ?? gatewayNamedValueDefault('worker-primary-key'),
    // The gateway fetches Entra's URLs (login.microsoftonline.com) from the local identity service.
    GATEWAY_ENTRA_AUTHORITY_HOST: identity,
    GATEWAY_ECHO_API_URL: `${echoApi}/api`,
    GATEWAY_PROTECTED_API_URL: protectedApi,
    // The developer portal (a browser page on the gateway) asks the identity service for tokens.
    IDENTITY_CORS_ORIGINS: `${gateway},${gateway.replace('localhost', '127.0.0.1')}`,
  };
  return { ...defaults, ...definedOnly(env) };
}

/** The default of a named value in config/gateway/named-values.json (e.g. the worker's DEV ONLY subscription key). */
export function gatewayNamedValueDefault(name: string): string {
  const file = join(repoRoot, 'config', 'gateway', 'named-values.json');
  const { namedValues } = JSON.parse(readFileSync(file, 'utf8')) as {
    namedValues: Record<string, string | { default?: string }>;
  };
  const value = namedValues[name];
  const text = typeof value === 'string' ? value : value?.default;
  if (text === undefined) throw new Error(`${file} has no default for the named value "${name}".`);
  return text;
}

function definedOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}
