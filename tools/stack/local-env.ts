/**
 * The embedded defaults of the local stack: wires every service to the local identity service and the default app
 * registrations (config/identity/registrations.json). Variables already set in the environment win, so the same
 * launcher can point the APIs and the worker at a real Entra tenant.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { namedValuesFileSchema } from '@stack/apim-policy';
import { parseRegistrations, type Registrations, RegistrationsError } from '@stack/identity-server';
import { gatewayUrlEnvOf, readProtectedServices } from './protected-services';
import { repoRoot } from './services';

/** The API app and client of the original write-up. */
const apiName = 'ago-apiproxy-oauth-app';
const clientName = 'ago-apiclient-oauth-app';

/**
 * @throws RegistrationsError (the identity service's own validation, naming the file and each bad field) when the
 * registrations file is missing, not JSON, invalid, or lacks what the local stack wires (the API's identifier URI,
 * the client's secret).
 */
export function localStackEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // Relative to the repository, where the launcher starts the identity service.
  const file = resolve(repoRoot, env['IDENTITY_REGISTRATIONS'] || join('config', 'identity', 'registrations.json'));
  const registrations = readRegistrations(file);
  const apiIndex = registrations.apis.findIndex((a) => a.displayName === apiName);
  const api = registrations.apis[apiIndex];
  const client = registrations.clients.find((c) => c.displayName === clientName);
  if (!api || !client?.secrets?.[0]) {
    throw new RegistrationsError(shown(file), [
      { path: '', message: `must register the API "${apiName}" and the client "${clientName}" with a secret` },
    ]);
  }
  if (api.identifierUris.length === 0) {
    throw new RegistrationsError(shown(file), [
      {
        path: `apis[${apiIndex}].identifierUris`,
        message: `the local stack needs an identifier URI for "${apiName}" (the worker asks for <uri>/.default), e.g. ["api://${api.appId}"]`,
      },
    ]);
  }
  const identity = `https://localhost:${env['IDENTITY_PORT'] || 5443}`;
  const echoApi = `http://localhost:${env['ECHO_API_PORT'] || 3001}`;
  const protectedApi = `http://localhost:${env['PROTECTED_API_PORT'] || 3000}`;
  const gateway = `http://localhost:${env['GATEWAY_PORT'] || 8080}`;
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
    ...generatedServicesEnv(registrations, file, env),
  };
  // An empty GATEWAY_ENTRA_AUTHORITY_HOST is a choice, not an unset variable: the policies' Entra URLs go to Entra
  // itself (docs/azure.md, "Point at a real Entra tenant").
  const toEntra = env['GATEWAY_ENTRA_AUTHORITY_HOST'] === '' ? { GATEWAY_ENTRA_AUTHORITY_HOST: '' } : {};
  return { ...defaults, ...definedOnly(env), ...toEntra };
}

/**
 * Each generated protected service (config/stack/services.json): its own API (<PREFIX>_AUTH_API_APP_ID and
 * <PREFIX>_AUTH_APP_ID_URIS, from its app registration) and the gateway's backend URL for it.
 */
function generatedServicesEnv(registrations: Registrations, file: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const defaults: NodeJS.ProcessEnv = {};
  for (const service of readProtectedServices()) {
    const api = registrations.apis.find((a) => a.displayName === service.registration);
    if (!api || api.identifierUris.length === 0) {
      throw new RegistrationsError(shown(file), [
        {
          path: '',
          message: `must register the API "${service.registration}" of ${service.name} with an identifier URI (config/stack/services.json names it)`,
        },
      ]);
    }
    const prefix = service.envPrefix;
    defaults[`${prefix}_AUTH_API_APP_ID`] = api.appId;
    defaults[`${prefix}_AUTH_APP_ID_URIS`] = api.identifierUris.join(',');
    defaults[gatewayUrlEnvOf(service)] = `http://localhost:${env[`${prefix}_PORT`] || service.defaultPort}`;
  }
  return defaults;
}

/** Reads and validates the registrations file as the identity service does (same schema, same messages). */
function readRegistrations(file: string): Registrations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : String(error);
    throw new RegistrationsError(shown(file), [
      { path: '', message: `Cannot read the registrations file: ${reason} (IDENTITY_REGISTRATIONS names another)` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistrationsError(shown(file), [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }]);
  }
  return parseRegistrations(json, shown(file));
}

/** The default of a named value in config/gateway/named-values.json (e.g. the worker's DEV ONLY subscription key). */
export function gatewayNamedValueDefault(name: string): string {
  const file = join(repoRoot, 'config', 'gateway', 'named-values.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shown(file)}: cannot read it as JSON: ${(error as Error).message}`);
  }
  const parsed = namedValuesFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`${shown(file)}: invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const value = parsed.data.namedValues[name];
  const text = typeof value === 'string' ? value : value?.default;
  if (text === undefined) throw new Error(`${shown(file)}: namedValues.${name} needs a default for the local stack.`);
  return text;
}

/** Paths in messages: relative to the working directory when inside it, as the services print them. */
function shown(file: string): string {
  const path = relative(process.cwd(), file);
  return path === '' || path.startsWith('..') ? file : path;
}

function definedOnly(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}
