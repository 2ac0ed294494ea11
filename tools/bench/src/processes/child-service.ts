/**
 * A benchmark target in its own process: a built app (dist/apps/<name>/main.js, as tools/stack starts them) or one
 * of the peer servers (TypeScript through @swc-node/register). Output is kept (last lines) for the error when the
 * process dies or never answers its health path.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
/* eslint-disable @nx/enforce-module-boundaries -- the bench starts and stops apps exactly as npm start does */
import { repoRoot } from '../../../stack/services';
import { stopChild } from '../../../stack/stop-child';
/* eslint-enable @nx/enforce-module-boundaries */

export interface ChildService {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartChildOptions {
  readonly name: string;
  /** Script to run: a .js file, or a .ts file run with @swc-node/register. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** Base URL and a path answered with 200 once the service is up; omit for processes that serve nothing. */
  readonly url?: string;
  readonly healthPath?: string;
  readonly startTimeoutMs?: number;
  /** Receives every chunk the process writes (stdout and stderr). */
  readonly onOutput?: (chunk: string) => void;
}

/** Path of a script of this project, e.g. `benchScript('peers', 'express-auth0')`. */
export function benchScript(folder: 'peers' | 'clients', name: string): string {
  return join(__dirname, '..', folder, `${name}.ts`);
}

export async function startChild(options: StartChildOptions): Promise<ChildService> {
  const ts = options.script.endsWith('.ts');
  // The bench reads its children's JSON log lines (e.g. failed worker calls), whatever LOG_FORMAT the user has set.
  const env = { ...options.env, LOG_FORMAT: 'json' };
  const child = spawn(process.execPath, [...(ts ? ['-r', '@swc-node/register'] : []), options.script], {
    cwd: repoRoot,
    env: ts ? { SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.base.json'), ...env } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      options.onOutput?.(chunk);
      tail.push(chunk);
      if (tail.length > 20) tail.shift();
    });
  }
  const output = () => tail.join('').slice(-3000);
  const service: ChildService = {
    name: options.name,
    url: options.url ?? '',
    process: child,
    stop: () => stopChild(child),
  };
  if (options.url) {
    try {
      await waitHealthy(child, `${options.url}${options.healthPath ?? '/health'}`, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      await stopChild(child);
      throw new Error(`${options.name}: ${(error as Error).message}\nLast output:\n${output()}`);
    }
  }
  return service;
}

/** Resolves when the process exits with 0; rejects on another code, or kills it after `timeoutMs` and rejects. */
export function exited(service: ChildService, timeoutMs = 180_000): Promise<void> {
  const child = service.process;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${service.name} did not finish within ${timeoutMs / 1000} s; killed.`));
    }, timeoutMs);
    const check = (code: number | null) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${service.name} exited with code ${code}.`));
    };
    if (child.exitCode !== null) return check(child.exitCode);
    child.once('exit', (code) => check(code));
  });
}

/** VmRSS of a process in bytes (Linux /proc; no endpoint in the app needed). */
/**
 * Resident memory of `pid` in bytes: Linux's /proc, else `ps` (macOS and other Unixes). Windows has neither:
 * the message says so before any load was spent on it.
 */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  if (status !== undefined) {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line.`);
    return Number(match[1]) * 1024;
  }
  const kilobytes = await new Promise<number>((resolve, reject) =>
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (error, stdout) =>
      error ? reject(error) : resolve(Number(stdout.trim())),
    ),
  ).catch(() => Number.NaN);
  if (!Number.isFinite(kilobytes) || kilobytes <= 0) {
    throw new Error(`cannot read the memory of process ${pid}: the RSS figure needs /proc (Linux) or ps (macOS).`);
  }
  return kilobytes * 1024;
}

async function waitHealthy(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} during start-up.`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`did not answer ${url} with 200 within ${timeoutMs} ms.`);
}
