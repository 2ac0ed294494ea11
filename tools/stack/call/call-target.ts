/**
 * What `npm run call` does, resolved from its options and the stack's own configuration: the defaults are the
 * worker's (WORKER_* variables you set win), names are looked up in config/identity/registrations.json and
 * config/gateway/, and client certificates are the ones the identity service generated in its data folder.
 */
import { join } from 'node:path';
import { dataDirOf } from '../data-dir';
import { devCaPath } from '../stack';
import { CallUsageError, type CallOptions } from './call-options';
import {
  readRegistrations,
  subscriptionPrimaryKey,
  SubscriptionNotFound,
  workerDefaults,
  type CallCredential,
  type Registrations,
} from './worker-defaults';
import { resolveUserSignIn, type UserSignInPlan } from './user-target';

export type { CallCredential } from './worker-defaults';

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
  /** Instead of `token`: a dev user signed in through the authorization code flow (`--user`). */
  readonly signIn?: UserSignInPlan;
  readonly subscriptionKey?: string;
  /** The identity service's development CA, to trust for its HTTPS. */
  readonly caPath: string;
}

/** Resolves the options against the stack's configuration; throws {@link CallUsageError} naming what to fix. */
export function resolveCall(options: CallOptions, env: NodeJS.ProcessEnv = process.env): CallPlan {
  const registrations = readRegistrations(env);
  const defaults = workerDefaults(registrations, env);
  const baseUrl = (options.url ?? defaults.baseUrl).replace(/\/+$/, '');
  const url = /^https?:\/\//i.test(options.target) ? options.target : `${baseUrl}${options.target}`;
  const client = options.client
    ? registeredClient(registrations, options.client, dataDirOf(env))
    : {
        clientId: defaults.clientId,
        clientLabel:
          registrations.clients.find((c) => same(c.appId, defaults.clientId))?.displayName ?? defaults.clientId,
        credential: defaults.credential,
      };
  const scope = options.scope ?? (options.api ? registeredApiScope(registrations, options.api) : defaults.scope);
  return {
    method: options.method,
    url,
    body: options.body,
    token: options.noToken || options.user ? undefined : { authority: defaults.authority, ...client, scope },
    signIn: options.user ? resolveUserSignIn(registrations, options.user, defaults.authority, scope) : undefined,
    subscriptionKey: options.noKey
      ? undefined
      : (options.key ?? (options.subscription ? subscriptionKey(options.subscription, env) : defaults.subscriptionKey)),
    caPath: devCaPath(env),
  };
}

function registeredClient(registrations: Registrations, nameOrId: string, dataDir: string) {
  const client = registrations.clients.find((c) => same(c.displayName, nameOrId) || same(c.appId, nameOrId));
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
      same(a.displayName, nameOrId) ||
      same(a.appId, nameOrId) ||
      (a.identifierUris ?? []).some((uri) => same(uri, nameOrId)),
  );
  if (!api) {
    const known = registrations.apis.map((a) => a.displayName).join(', ');
    throw new CallUsageError(
      `No API "${nameOrId}" in the app registrations. Known APIs: ${known}. (--api names the app registration the ` +
        'token is for; a gateway API such as echo-api is reached by its path, e.g. GET /echo/resource.)',
    );
  }
  return `${api.identifierUris?.[0] ?? api.appId}/.default`;
}

function subscriptionKey(id: string, env: NodeJS.ProcessEnv): string {
  try {
    return subscriptionPrimaryKey(id, env);
  } catch (error) {
    throw error instanceof SubscriptionNotFound ? new CallUsageError(error.message) : error;
  }
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
