/** Starts the identity service in-process for a test: temp data folder, free port, trusted dev CA. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIdentityServer, type IdentityServer, type StartIdentityServerOptions } from '@stack/identity-server';
import { defaultRegistrations } from './default-registrations';
import { trustDevCa } from './trust-dev-ca';

/** Options of {@link startIdentity}: those of `startIdentityServer`, all optional. */
export interface StartIdentityOptions extends Partial<StartIdentityServerOptions> {
  /** Make this process trust the service's dev CA ({@link trustDevCa}). Default true. */
  readonly trustCa?: boolean;
}

/** A running test identity service. */
export interface TestIdentity extends IdentityServer {
  /** The temporary data folder (deleted by `dispose`), or the one given. */
  readonly dataDir: string;
  /** Stops the service and deletes the temporary data folder. */
  dispose(): Promise<void>;
}

/**
 * Starts the identity service on a free port with a temporary data folder, the default registrations (unless
 * given), silent logs (unless LOG_LEVEL is set), and the dev CA trusted in this process. Rotations keep the default
 * publish delay (at least 180 s): rotate with `{ emergency: true }` for a key that signs at once, or pass `now`
 * (a virtual clock) to run the real delay.
 */
export async function startIdentity(options: StartIdentityOptions = {}): Promise<TestIdentity> {
  const { trustCa = true, ...serverOptions } = options;
  const ownDataDir = serverOptions.dataDir === undefined;
  const dataDir = serverOptions.dataDir ?? (await mkdtemp(join(tmpdir(), 'identity-test-')));
  const usesFile = serverOptions.registrationsPath !== undefined;
  try {
    const server = await startIdentityServer({
      port: 0,
      logger: (process.env['LOG_LEVEL'] as StartIdentityServerOptions['logger']) ?? 'silent',
      ...serverOptions,
      registrations: usesFile
        ? serverOptions.registrations
        : (serverOptions.registrations ?? defaultRegistrations.input),
      dataDir,
    });
    if (trustCa) trustDevCa(server.caCertPem);
    return {
      ...server,
      dataDir,
      async dispose() {
        await server.close();
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
