import {
  clientCredentialsToken,
  defaultRegistrations,
  startIdentity,
  type StartIdentityOptions,
  type TestIdentity,
} from '@stack/testing';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startGateway, type RunningGateway } from '../app/gateway';
import { createGatewayLogger } from '../app/logger';
import { loadGatewayEnv } from '../config/gateway-env';
import { startEchoBackend, type EchoBackend } from './echo-backend';

/** The repository's config/gateway/. */
export const DEFAULT_GATEWAY_CONFIG_DIR = join(__dirname, '..', '..', '..', '..', 'config', 'gateway');

export interface GatewayTestKitOptions {
  readonly configDir?: string;
  /** Extra environment for the gateway (GATEWAY_* settings and named values). */
  readonly env?: NodeJS.ProcessEnv;
  readonly identity?: StartIdentityOptions;
  /** The gateway's clock (token lifetimes, key and discovery caches); default Date.now. */
  readonly now?: () => number;
}

/** The real identity service, two echo backends (standing in for echo-api and protected-api) and the gateway. */
export interface GatewayTestKit {
  /** The identity service now running (a new object after {@link GatewayTestKit.restartIdentity}). */
  readonly identity: TestIdentity;
  readonly echoApi: EchoBackend;
  readonly protectedApi: EchoBackend;
  readonly gateway: RunningGateway;
  /** Every log line the gateway wrote. */
  readonly logs: string[];
  /** A client-credentials token from the identity service (form POST, as a daemon would). */
  tokenFor(client: { appId: string; secret?: string }, scope?: string): Promise<string>;
  /** Stops the identity service: the gateway sees its discovery and JWKS URLs refuse connections. */
  stopIdentity(): Promise<void>;
  /** Starts it again on the same port with the same data (keys, certificates). */
  restartIdentity(): Promise<void>;
  close(): Promise<void>;
}

/** Starts everything on free loopback ports; the gateway reads `configDir` (default config/gateway/). */
export async function startGatewayTestKit(options: GatewayTestKitOptions = {}): Promise<GatewayTestKit> {
  const original = await startIdentity(options.identity);
  let identity = original;
  const echoApi = await startEchoBackend();
  const protectedApi = await startEchoBackend();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const processEnv: NodeJS.ProcessEnv = {
    GATEWAY_PORT: '0',
    GATEWAY_CONFIG_DIR: options.configDir ?? DEFAULT_GATEWAY_CONFIG_DIR,
    GATEWAY_ENTRA_AUTHORITY_HOST: identity.url,
    GATEWAY_ECHO_API_URL: `${echoApi.url}/api`,
    GATEWAY_PROTECTED_API_URL: protectedApi.url,
    ...options.env,
  };
  const env = loadGatewayEnv(processEnv);
  const gateway = await startGateway({
    env,
    processEnv,
    logger: createGatewayLogger('info', destination),
    now: options.now,
  });
  return {
    get identity() {
      return identity;
    },
    echoApi,
    protectedApi,
    gateway,
    logs,
    tokenFor: (client, scope = defaultRegistrations.apis.apiProxy.scope) =>
      clientCredentialsToken(identity, client, scope),
    stopIdentity: () => identity.close(),
    async restartIdentity() {
      await identity.close();
      identity = await startIdentity({ ...options.identity, port: original.port, dataDir: original.dataDir });
    },
    async close() {
      await gateway.close();
      await Promise.all([echoApi.close(), protectedApi.close()]);
      await identity.dispose();
      await original.dispose(); // removes the data folder (idempotent close)
    },
  };
}
