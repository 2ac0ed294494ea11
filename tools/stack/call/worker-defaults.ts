/**
 * The worker's client, scope, base URL and subscription key as `npm start` gives them (local-env.ts: WORKER_*
 * variables you set win), read straight from the JSON files. local-env.ts validates the files with the identity
 * service's and the gateway's schemas, which costs `npm run call` seconds of start-up for no new information: the
 * running stack validated them already. worker-defaults.spec.ts keeps both in step.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../services';

export interface Registrations {
  tenant: { id: string };
  apis: { displayName: string; appId: string; identifierUris?: string[] }[];
  clients: {
    displayName: string;
    appId: string;
    secrets?: { value: string }[];
    certificates?: { generated?: string }[];
    redirectUris?: { web?: string[]; spa?: string[] };
  }[];
  users?: { displayName: string; userPrincipalName: string; objectId: string }[];
}

export type CallCredential =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | { readonly kind: 'certificate'; readonly certificatePath: string; readonly privateKeyPath: string };

export interface WorkerDefaults {
  readonly authority: string;
  readonly clientId: string;
  readonly credential: CallCredential;
  readonly scope: string;
  readonly baseUrl: string;
  readonly subscriptionKey: string;
}

type NamedValue = string | { env?: string; default?: string };

/** The API app and client of the original write-up, as in local-env.ts. */
const apiName = 'ago-apiproxy-oauth-app';
const clientName = 'ago-apiclient-oauth-app';

export function registrationsFile(env: NodeJS.ProcessEnv): string {
  // Relative to the repository, where the launcher starts the identity service.
  return resolve(repoRoot, set(env['IDENTITY_REGISTRATIONS']) ?? join('config', 'identity', 'registrations.json'));
}

export function readRegistrations(env: NodeJS.ProcessEnv): Registrations {
  return readJson<Registrations>(registrationsFile(env));
}

export function workerDefaults(registrations: Registrations, env: NodeJS.ProcessEnv): WorkerDefaults {
  const api = registrations.apis.find((a) => a.displayName === apiName);
  const client = registrations.clients.find((c) => c.displayName === clientName);
  const uri = api?.identifierUris?.[0];
  const secret = client?.secrets?.[0]?.value;
  if (!uri || !secret) {
    throw new Error(
      `${registrationsFile(env)} must register the API "${apiName}" with an identifier URI and the client ` +
        `"${clientName}" with a secret (the identity service's start-up check says more).`,
    );
  }
  const certificatePath = set(env['WORKER_CERTIFICATE_PATH']);
  const credential: CallCredential = certificatePath
    ? { kind: 'certificate', certificatePath, privateKeyPath: set(env['WORKER_PRIVATE_KEY_PATH']) ?? certificatePath }
    : { kind: 'secret', clientSecret: set(env['WORKER_CLIENT_SECRET']) ?? secret };
  return {
    authority:
      set(env['WORKER_AUTHORITY']) ??
      `https://localhost:${set(env['IDENTITY_PORT']) ?? 5443}/${registrations.tenant.id}`,
    clientId: set(env['WORKER_CLIENT_ID']) ?? (client as { appId: string }).appId,
    credential,
    scope: set(env['WORKER_SCOPE']) ?? `${uri}/.default`,
    baseUrl: set(env['WORKER_API_BASE_URL']) ?? `http://localhost:${set(env['GATEWAY_PORT']) ?? 8080}`,
    subscriptionKey: set(env['WORKER_SUBSCRIPTION_KEY']) ?? subscriptionPrimaryKey('worker', env),
  };
}

/** A subscription's primary key (config/gateway/), its `{{named value}}` resolved as the gateway does. */
export function subscriptionPrimaryKey(id: string, env: NodeJS.ProcessEnv): string {
  const gatewayDir = join(repoRoot, 'config', 'gateway');
  const { subscriptions } = readJson<{ subscriptions: { id: string; primaryKey: string }[] }>(
    join(gatewayDir, 'subscriptions.json'),
  );
  const subscription = subscriptions.find((s) => s.id.toLowerCase() === id.toLowerCase());
  if (!subscription) {
    const known = subscriptions.map((s) => s.id).join(', ');
    throw new SubscriptionNotFound(`No subscription "${id}" in config/gateway/subscriptions.json. Known: ${known}.`);
  }
  const { namedValues } = readJson<{ namedValues: Record<string, NamedValue> }>(join(gatewayDir, 'named-values.json'));
  return subscription.primaryKey.replace(/\{\{([^}]+)\}\}/g, (whole, name: string) => {
    const value = namedValues[name.trim()];
    const text = typeof value === 'string' ? value : ((value?.env && set(env[value.env])) ?? value?.default);
    if (text === undefined)
      throw new Error(`The named value ${whole} has no value (config/gateway/named-values.json).`);
    return text;
  });
}

export class SubscriptionNotFound extends Error {
  override readonly name = 'SubscriptionNotFound';
}

/** As local-env.ts: an empty variable counts as unset. */
function set(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
