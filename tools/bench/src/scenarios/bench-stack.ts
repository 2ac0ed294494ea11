/**
 * The apps under test, started as npm start starts them (tools/stack: built processes, local defaults, free ports, a
 * private data folder), plus what every scenario needs: the identity service's URLs, the issuer and audiences the
 * guarded targets check, and tokens from the identity service (with the role, and without it for the sanity checks).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, defaultRegistrations, trustDevCa } from '@stack/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the bench starts apps exactly as npm start does */
import { freePortsEnv } from '../../../stack/free-ports-env';
import { localStackEnv } from '../../../stack/local-env';
import { devCaPath, startStack, type Stack } from '../../../stack/stack';
/* eslint-enable @nx/enforce-module-boundaries */
import { PEER_ENV } from '../peers/peer-config';

const { apis, clients, tenantId } = defaultRegistrations;

/** The app role `GET /resource` needs (protected-api's resource controller). */
export const RESOURCE_ROLE = 'Echo.Read';

export interface BenchStack {
  readonly stack: Stack;
  /** The environment the apps were started with (local defaults on free ports). */
  readonly env: NodeJS.ProcessEnv;
  readonly caPath: string;
  url(name: 'identity' | 'echo-api' | 'protected-api' | 'gateway'): string;
  /** A client-credentials token for protected-api with the role, from the identity service. */
  readonly token: string;
  /** The same client's kind of token without any role (403 at every guarded target). */
  readonly noRoleToken: string;
  /** The environment of a guarded peer server: the same issuer, audiences, JWKS and role as protected-api. */
  readonly peerEnv: NodeJS.ProcessEnv;
  /** Reads the identity service's token-request count for the default client and scope. */
  tokenRequests(): Promise<number>;
  dispose(): Promise<void>;
}

export async function startBenchStack(onLine: (line: string) => void): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-'));
  const env = localStackEnv({ ...process.env, ...(await freePortsEnv()), IDENTITY_DATA_DIR: dataDir });
  // "guarded + cache" is protected-api as it ships: the verified-token cache at its default size.
  delete env['AUTH_TOKEN_CACHE_MAX_ENTRIES'];
  let stack: Stack;
  try {
    stack = await startStack({ env, onLine: (service, line) => onLine(`${service.name} | ${line}`) });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The worker's own loop is not measured: the worker figures come from 4 processes started by the bench.
  await stack.kill('worker');
  const caPath = devCaPath(env);
  trustDevCa(await readFile(caPath, 'utf8'));
  const url = (name: string) => stack.services.find((s) => s.spec.name === name)?.url as string;
  const authority = { url: url('identity'), tenantId };
  const [token, noRoleToken] = await Promise.all([
    clientCredentialsToken(authority, clients.apiClient, apis.apiProxy.scope),
    clientCredentialsToken(authority, clients.noRoleClient, apis.apiProxy.scope),
  ]);
  const audiences = [env['AUTH_API_APP_ID'], ...(env['AUTH_APP_ID_URIS'] ?? '').split(',')].filter(Boolean);
  return {
    stack,
    env,
    caPath,
    url,
    token,
    noRoleToken,
    peerEnv: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: caPath,
      [PEER_ENV.issuer]: `${env['AUTH_AUTHORITY_HOST']}/${env['AUTH_TENANT_ID']}/v2.0`,
      [PEER_ENV.audiences]: audiences.join(','),
      [PEER_ENV.jwksUri]: `${env['AUTH_AUTHORITY_HOST']}/${env['AUTH_TENANT_ID']}/discovery/v2.0/keys`,
      [PEER_ENV.role]: RESOURCE_ROLE,
    },
    tokenRequests: async () => {
      const query = new URLSearchParams({ clientId: clients.apiClient.appId, scope: apis.apiProxy.scope });
      const response = await fetch(`${url('identity')}/admin/metrics?${query}`);
      if (response.status !== 200) throw new Error(`identity /admin/metrics answered ${response.status}.`);
      return ((await response.json()) as { tokenRequests: number }).tokenRequests;
    },
    dispose: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Default registrations the scenarios use (client and scope of the worker). */
export const benchRegistrations = { apis, clients, tenantId };
