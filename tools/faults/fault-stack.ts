/**
 * The whole stack for one fault spec: every built app as its own process on free ports (tools/stack), a private data
 * folder, every output line kept so the spec can scan it for secrets at the end, and small readers of the identity
 * service's counters and the worker's health.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSecretFindings, scanLogsForSecrets, stackSecrets, trustDevCa } from '@stack/testing';
import { freePortsEnv } from '../stack/free-ports-env';
import { localStackEnv } from '../stack/local-env';
import { baseUrlOf, services } from '../stack/services';
import { devCaPath, startStack, type Stack } from '../stack/stack';

/** What the identity service counted (`GET /admin/metrics`). */
export interface IdentityMetrics {
  readonly tokenRequests: number;
  readonly jwksRequests: number;
  readonly discoveryRequests: number;
}

/** The worker's `GET /health`. */
export interface WorkerHealth {
  readonly calls: { calls: number; ok: number; failed: number; lastStatus?: number };
  readonly tokens: {
    hits: number;
    misses: number;
    sharedCacheHits: number;
    tokenRequests: number;
    refreshes: number;
    retries: number;
    fallbacks: number;
  };
}

export interface FaultStack {
  readonly stack: Stack;
  /** The environment every app was started with. */
  readonly env: NodeJS.ProcessEnv;
  /** Every line every app wrote, `<app> | <line>`. */
  readonly logs: string[];
  readonly dataDir: string;
  url(name: string): string;
  identityMetrics(): Promise<IdentityMetrics>;
  workerHealth(): Promise<WorkerHealth>;
  /** Stops every app (idempotent) and returns the secret scan of all their output: '' when clean. */
  stopAndScanLogs(): Promise<string>;
  /** Stops every app and deletes the data folder. */
  dispose(): Promise<void>;
}

export interface StartFaultStackOptions {
  /** Variables over the local defaults (free ports, the data folder and LOG_LEVEL debug are set already). */
  readonly env?: NodeJS.ProcessEnv;
  /** A data folder prepared by the spec (e.g. with dev certificates made beforehand); default a new one. */
  readonly dataDir?: string;
}

/** Starts every app; the spec disposes it in `afterAll`. */
export async function startFaultStack(options: StartFaultStackOptions = {}): Promise<FaultStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'faults-')));
  const ports = await freePortsEnv();
  const env = localStackEnv({
    ...process.env,
    ...ports,
    IDENTITY_DATA_DIR: dataDir,
    WORKER_INTERVAL_MS: '20',
    // Every line the apps can write, for the secret scan.
    LOG_LEVEL: 'debug',
    NODE_ENV: 'development',
    ...options.env,
  });
  const logs: string[] = [];
  const stack = await startStack({
    env,
    onLine: (service, line) => logs.push(`${service.name} | ${line}`),
    // Generous: on a busy 2-core machine the identity service's first start (CA, keys) can take a while.
    startTimeoutMs: Number(process.env['FAULTS_START_TIMEOUT_MS'] ?? 90_000),
  }).catch(async (error: Error) => {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    // What the apps said before it gave up, to see why.
    throw new Error(`${error.message}\nLast output lines:\n${logs.slice(-15).join('\n')}`);
  });
  trustDevCa(await readFile(devCaPath(env), 'utf8'));

  const url = (name: string) => {
    const spec = services.find((service) => service.name === name);
    if (!spec) throw new Error(`no service named ${name}`);
    return baseUrlOf(spec, env);
  };
  const json = async <T>(target: string): Promise<T> => {
    const response = await fetch(target);
    if (!response.ok) throw new Error(`GET ${target} answered ${response.status}`);
    return (await response.json()) as T;
  };
  let stopped = false;
  const stop = async () => {
    if (!stopped) await stack.stop();
    stopped = true;
  };
  return {
    stack,
    env,
    logs,
    dataDir,
    url,
    identityMetrics: () => json<IdentityMetrics>(`${url('identity')}/admin/metrics`),
    workerHealth: () => json<WorkerHealth>(`${url('worker')}/health`),
    stopAndScanLogs: async () => {
      await stop();
      return describeSecretFindings(scanLogsForSecrets(logs, { secrets: stackSecrets(env) }));
    },
    dispose: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `read` every 100 ms until `done` holds, at most `timeoutMs`; returns the last value read. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
