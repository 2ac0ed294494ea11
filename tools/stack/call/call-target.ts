/**
 * What `npm run call` does, resolved from its options and the stack's own configuration: the defaults are the
 * worker's (local-env.ts, so WORKER_* variables you set win), names are looked up in config/identity/registrations.json
 * and config/gateway/, and client certificates are the ones the identity service generated in its data folder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataDirOf } from '../data-dir';
import { localStackEnv } from '../local-env';
import { repoRoot } from '../services';
import { devCaPath } from '../stack';
import { CallUsageError, type CallOptions } from './call-options';

export type CallCredential =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | { readonly kind: 'certificate'; readonly certificatePath: string; readonly privateKeyPath: string };

export interface CallPlan {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
  readonly token?: {
    readonly authority: string;
    readonly clientId: string;
    /** Display name when the client is a known registration, else its id. */
    readonly clientLabel: string;
    readonly credential: CallCredential;
    readonly scope: string;
  };
  readonly subscriptionKey?: string;
  /** The identity service's development CA, to trust for its HTTPS. */
  readonly caPath: string;
}

interface Registrations {
  apis: { displayName: string; appId: string; identifierUris?: string[] }[];
  clients: {
    displayName: string;
    appId: string;
    secrets?: { value: string }[];
    certificates?: { generated?: string }[];
  }[];
}

type NamedValue = string | { env?: string; default?: string };

/** Resolves the options against the stack's configuration; throws {@link CallUsageError} naming what to fix. */
export function resolveCall(options: CallOptions, env: NodeJS.ProcessEnv = process.env): CallPlan {
  const stackEnv = localStackEnv(env);
  const dataDir = dataDirOf(stackEnv);
  const baseUrl = (options.url ?? (stackEnv['WORKER_API_BASE_URL'] as string)).replace(/\/+$/, '');
  const url = /^https?:\/\//i.test(options.target) ? options.target : `${baseUrl}${options.target}`;
  const registrations = readRegistrations(stackEnv);

  return {
    method: options.method,
    url,
    body: options.body,
    token: options.noToken
      ? undefined
      : {
          authority: stackEnv['WORKER_AUTHORITY'] as string,
          ...(options.client
            ? registeredClient(registrations, options.client, dataDir)
            : defaultClient(registrations, stackEnv)),
          scope:
            options.scope ??
            (options.api ? registeredApiScope(registrations, options.api) : (stackEnv['WORKER_SCOPE'] as string)),
        },
    subscriptionKey: options.noKey
      ? undefined
      : (options.key ??
        (options.subscription ? subscriptionKey(options.subscription, env) : stackEnv['WORKER_SUBSCRIPTION_KEY'])),
    caPath: devCaPath(stackEnv),
  };
}

/** The worker's client (WORKER_CLIENT_ID and its credential), named after its registration when it has one. */
function defaultClient(registrations: Registrations, env: NodeJS.ProcessEnv) {
  const clientId = env['WORKER_CLIENT_ID'] as string;
  const clientLabel = registrations.clients.find((c) => sameName(c.appId, clientId))?.displayName ?? clientId;
  const certificatePath = env['WORKER_CERTIFICATE_PATH'];
  const credential: CallCredential = certificatePath
    ? { kind: 'certificate', certificatePath, privateKeyPath: env['WORKER_PRIVATE_KEY_PATH'] ?? certificatePath }
    : { kind: 'secret', clientSecret: env['WORKER_CLIENT_SECRET'] as string };
  return { clientId, clientLabel, credential };
}

function registeredClient(registrations: Registrations, nameOrId: string, dataDir: string) {
  const client = registrations.clients.find((c) => sameName(c.displayName, nameOrId) || sameName(c.appId, nameOrId));
  if (!client) {
    const known = registrations.clients.map((c) => c.displayName).join(', ');
    throw new CallUsageError(`No client "${nameOrId}" in the app registrations. Known clients: ${known}.`);
  }
  const label = client.displayName;
  // The first secret even when expired: the identity service's AADSTS answer is the point of such a client.
  const secret = client.secrets?.[0]?.value;
  if (secret) return { clientId: client.appId, clientLabel: label, credential: secretCredential(secret) };
  const generated = client.certificates?.find((c) => c.generated)?.generated;
  if (generated) {
    // Where libs/identity-server (client-certificates.ts) writes a generated client certificate and its key.
    const credential: CallCredential = {
      kind: 'certificate',
      certificatePath: join(dataDir, 'clients', `${generated}.pem`),
      privateKeyPath: join(dataDir, 'clients', `${generated}.key`),
    };
    return { clientId: client.appId, clientLabel: label, credential };
  }
  throw new CallUsageError(
    `The client "${label}" has neither a secret nor a generated certificate, so the stack holds no credential for it.`,
  );
}

function secretCredential(clientSecret: string): CallCredential {
  return { kind: 'secret', clientSecret };
}

function registeredApiScope(registrations: Registrations, nameOrId: string): string {
  const api = registrations.apis.find(
    (a) =>
      sameName(a.displayName, nameOrId) ||
      sameName(a.appId, nameOrId) ||
      (a.identifierUris ?? []).some((uri) => sameName(uri, nameOrId)),
  );
  if (!api) {
    const known = registrations.apis.map((a) => a.displayName).join(', ');
    throw new CallUsageError(`No API "${nameOrId}" in the app registrations. Known APIs: ${known}.`);
  }
  return `${api.identifierUris?.[0] ?? api.appId}/.default`;
}

/** The primary key of a gateway subscription, its `{{named value}}` resolved as the gateway does (variable, else default). */
function subscriptionKey(id: string, env: NodeJS.ProcessEnv): string {
  const gatewayDir = join(repoRoot, 'config', 'gateway');
  const { subscriptions } = readJson<{ subscriptions: { id: string; primaryKey: string }[] }>(
    join(gatewayDir, 'subscriptions.json'),
  );
  const subscription = subscriptions.find((s) => sameName(s.id, id));
  if (!subscription) {
    const known = subscriptions.map((s) => s.id).join(', ');
    throw new CallUsageError(`No subscription "${id}" in config/gateway/subscriptions.json. Known: ${known}.`);
  }
  const { namedValues } = readJson<{ namedValues: Record<string, NamedValue> }>(join(gatewayDir, 'named-values.json'));
  return subscription.primaryKey.replace(/\{\{([^}]+)\}\}/g, (whole, name: string) => {
    const value = namedValues[name.trim()];
    const text = typeof value === 'string' ? value : ((value?.env && env[value.env]) ?? value?.default);
    if (text === undefined) throw new CallUsageError(`The named value ${whole} has no value (named-values.json).`);
    return text;
  });
}

function readRegistrations(env: NodeJS.ProcessEnv): Registrations {
  // Relative to the repository, as local-env.ts (which has validated the file already) reads it.
  const file = resolve(repoRoot, env['IDENTITY_REGISTRATIONS'] || join('config', 'identity', 'registrations.json'));
  return readJson<Registrations>(file);
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
