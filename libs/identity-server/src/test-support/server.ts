/**
 * Spec-only helpers for this library's own tests (the library may not import @stack/testing, which depends on it):
 * start a server in a temp folder, trust its CA in-process, and post forms.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch, setGlobalDispatcher } from 'undici';
import { startIdentityServer } from '../lib/server/start-identity-server';
import type { IdentityServer, StartIdentityServerOptions } from '../lib/server/identity-server';
import type { RegistrationsInput } from '../lib/registrations/registrations.schema';

/** The repository's default registrations file. */
export const REGISTRATIONS_PATH = join(__dirname, '..', '..', '..', '..', 'config', 'identity', 'registrations.json');

/** Ids from the default registrations file. */
export const ids = {
  tenantId: '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
  tenantDomain: 'stack.local',
  apiProxy: '4a41d081-77b5-4936-b87c-52b76b36dbc2',
  apiProxyUri: 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2',
  legacyApi: '9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b',
  legacyApiUri: 'api://9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b',
  apiClient: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
  apiClientObjectId: '5b7d9f1a-3c5e-4a7b-9d1f-2e4a6c8e0b3d',
  apiClientSecret: 'dev-only~ago-apiclient~local-secret-not-for-production',
  noRoleClient: '6c8e0a2b-4d6f-4b8c-ae2f-3f5b7d9f1c4e',
  noRoleSecret: 'dev-only~ago-norole~local-secret-not-for-production',
  certClient: '0e2a4c6d-8f1b-4d3e-9a5c-6b8d0f2a4c7e',
  certClientObjectId: '1f3b5d7e-9a2c-4e4f-8b6d-7c9e1a3b5d8f',
  certName: 'ago-certclient-oauth-app',
  expiredClient: '2b4d6f8a-0c3e-4f5a-8d7b-9e1f3a5c7e0a',
  expiredSecret: 'dev-only~ago-expired~local-secret-not-for-production',
  spaClient: '272a7756-b7b0-4d47-9fbc-a620fd89c7aa',
  spaRedirectUri: 'http://localhost:8080/docs/oauth2-redirect.html',
  webClient: 'fe777c39-1548-463a-8b4c-f91501655abc',
  webClientSecret: 'dev-only~ago-webapp~local-secret-not-for-production',
  webRedirectUri: 'http://localhost:3500/auth/callback',
  echoReadUser: 'Echo.Read.User',
  echoWriteUser: 'Echo.Write.User',
  adele: '94642285-d159-4d96-bac8-92ba0d8aaac5',
  megan: 'f61504a2-2263-4c74-87b7-37a72dbf058d',
  /** A public (native) client only the user-flow specs register, redirect URI on loopback (any port matches). */
  nativeClient: '5d0c2b7e-8a41-4f63-9e2d-1c7b3a9f6e10',
  nativeRedirectUri: 'http://localhost/native-callback',
} as const;

/** The default registrations plus {@link ids.nativeClient}, a publicClient-platform app. */
export function registrationsWithNativeClient(): RegistrationsInput {
  const registrations = JSON.parse(readFileSync(REGISTRATIONS_PATH, 'utf8'));
  registrations.clients.push({
    displayName: 'spec-native-app',
    appId: ids.nativeClient,
    objectId: '6e1d3c8f-9b52-4a74-8f3e-2d8c4b0a7f21',
    redirectUris: { publicClient: [ids.nativeRedirectUri] },
  });
  return registrations;
}

/** A server in a temp data folder. */
export interface TestServer {
  readonly server: IdentityServer;
  readonly dataDir: string;
  dispose(): Promise<void>;
}

/**
 * Starts a server on a free port with the default registrations and silent logs. Its first key signs at once; a
 * rotation publishes the next key for the default delay (rotate with `{ emergency: true }` or pass `now` to skip it).
 */
export async function startTestServer(options: Partial<StartIdentityServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'identity-server-spec-')));
  const server = await startIdentityServer({
    port: 0,
    logger: 'silent',
    ...(options.registrations ? {} : { registrationsPath: REGISTRATIONS_PATH }),
    ...options,
    dataDir,
  });
  trustCa(server.caCertPem);
  return {
    server,
    dataDir,
    async dispose() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const trusted = new Set<string>();

/**
 * Makes global fetch (and so msal-node and jose) trust the given CAs in this process. Jest gives test files the
 * host realm's native fetch, which reads the host realm's dispatcher, so undici's own fetch is installed as well.
 */
export function trustCa(caPem: string): void {
  trusted.add(caPem);
  setGlobalDispatcher(new Agent({ connect: { ca: [...rootCertificates, ...trusted] } }));
  globalThis.fetch = undiciFetch as unknown as typeof fetch;
}

/** A response read as JSON. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** POSTs a form; returns status, headers and the JSON body. */
export async function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** GETs JSON. */
export async function getJson(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Decodes a JWT's header and payload without verifying it. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

/** Returns the value, failing the test with a clear message when it is missing. */
export function required<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`Expected a ${what}, got ${value}`);
  return value;
}
