/**
 * Starts the built apps as separate processes, as a user would: identity first (it creates the dev CA on
 * first start), then every other service with NODE_EXTRA_CA_CERTS naming that CA so Node clients trust it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { baseUrlOf, entryPoint, repoRoot, services, type ServiceSpec } from './services';
import { dataDirOf } from './data-dir';
import { stopChild } from './stop-child';

export interface RunningService {
  readonly spec: ServiceSpec;
  readonly url: string;
  readonly process: ChildProcess;
  /** Set when the stack itself stopped it (no onExit report). */
  stopping?: boolean;
}

export interface Stack {
  readonly services: readonly RunningService[];
  /** Stops every process (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Kills one service at once (SIGKILL: a crash, not a shutdown). */
  kill(name: string): Promise<void>;
  /** Starts a stopped service again with the same environment and waits until it is healthy. */
  restart(name: string): Promise<void>;
}

export interface StartStackOptions {
  /** Environment for every service (ports, data dir, ...). Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Receives each output line of each service. */
  readonly onLine?: (service: ServiceSpec, line: string) => void;
  /** Called when a service exits on its own (after its last output line). */
  readonly onExit?: (service: ServiceSpec, code: number | null) => void;
  /**
   * Called as soon as a service's process exists, before it is healthy: a launcher records it here so it can stop it
   * on any failure or signal even while the stack is still starting.
   */
  readonly onSpawn?: (service: RunningService) => void;
  /** Aborting stops every process started so far and rejects the start. */
  readonly signal?: AbortSignal;
  readonly startTimeoutMs?: number;
  /** The services, in start order; default the whole stack (services.ts). */
  readonly services?: readonly ServiceSpec[];
}

/** Where the identity service writes its development CA (see libs/identity-server). */
export function devCaPath(env: NodeJS.ProcessEnv): string {
  return join(dataDirOf(env), 'certs', 'ca.pem');
}

export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  const env = { ...(options.env ?? process.env) };
  const running: RunningService[] = [];
  const caPath = devCaPath(env);
  const launch = async (spec: ServiceSpec): Promise<RunningService> => {
    options.signal?.throwIfAborted();
    const main = entryPoint(spec);
    if (!spec.command && !existsSync(main)) {
      throw new Error(`${main} is missing: build first with "npx nx run-many -t build".`);
    }
    // The identity service creates the CA before anything else starts; a check run before it (dry-run.ts) has none.
    const trustCa = spec.name !== 'identity' && existsSync(caPath);
    const childEnv = trustCa ? { ...env, NODE_EXTRA_CA_CERTS: caPath } : env;
    const child = spawn(process.execPath, [...(spec.command ?? [main])], {
      cwd: repoRoot,
      env: childEnv,
      stdio: 'pipe',
    });
    pipeLines(child, spec, options.onLine);
    const service: RunningService = { spec, url: baseUrlOf(spec, env), process: child };
    // 'close', not 'exit': the report comes after the service's last output line (its own error message).
    child.once('close', (code) => {
      if (!service.stopping) options.onExit?.(spec, code);
    });
    options.onSpawn?.(service);
    try {
      await waitHealthy(spec, service.url, child, caPath, options.startTimeoutMs ?? 30_000, options.signal);
    } catch (error) {
      await stopAll([service]);
      throw error;
    }
    return service;
  };
  const find = (name: string) => {
    const index = running.findIndex((service) => service.spec.name === name);
    if (index === -1) throw new Error(`no service named ${name}`);
    return index;
  };
  const stack: Stack = {
    services: running,
    stop: () => stopAll(running),
    kill: async (name) => {
      const service = running[find(name)];
      service.stopping = true;
      await new Promise<void>((resolve) => {
        if (service.process.exitCode !== null || service.process.signalCode !== null) return resolve();
        service.process.once('exit', () => resolve());
        service.process.kill('SIGKILL');
      });
    },
    restart: async (name) => {
      const index = find(name);
      running[index] = await launch(running[index].spec);
    },
  };
  try {
    for (const spec of options.services ?? services) running.push(await launch(spec));
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

function pipeLines(child: ChildProcess, spec: ServiceSpec, onLine?: (s: ServiceSpec, l: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine?.(spec, line);
    });
    stream?.on('end', () => rest && onLine?.(spec, rest));
  }
}

async function waitHealthy(
  spec: ServiceSpec,
  url: string,
  child: ChildProcess,
  caPath: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (child.exitCode !== null || child.signalCode !== null) {
      await closed; // its last output lines first, then this message
      throw new Error(`${spec.name} exited with code ${child.exitCode ?? child.signalCode} during start-up.`);
    }
    if (await probe(`${url}${spec.healthPath}`, caPath)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${spec.name} did not answer ${url}${spec.healthPath} within ${timeoutMs} ms.`);
}

function probe(url: string, caPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const https = url.startsWith('https:');
    if (https && !existsSync(caPath)) return resolve(false);
    // Own connection (agent: false): a global agent's options win over a request's, and a test process may have set
    // https.globalAgent.options.ca to an earlier stack's CA (trustDevCa), which would fail every probe of this one.
    const options = https ? { ca: readFileSync(caPath), timeout: 2000, agent: false } : { timeout: 2000 };
    const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function stopAll(running: readonly RunningService[]): Promise<void> {
  // Stopped by the stack: not an exit "on its own" (no onExit report).
  for (const service of running) service.stopping = true;
  await Promise.all([...running].reverse().map(({ process: child }) => stopChild(child)));
}
