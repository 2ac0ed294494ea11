/**
 * Checks a service's configuration the only way that uses exactly its own readers and compilers: starts its built
 * entry point once on a free port, waits until it is healthy, and stops it. The gateway reads and compiles every
 * file of config/gateway/ (JSON, policy XML, expressions) before it listens, so a bad policy is reported here,
 * before any other service has started (decision 015).
 */
import { createServer } from 'node:net';
import type { ServiceSpec } from './services';
import { startStack, type RunningService } from './stack';

export interface DryRunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Receives the process as soon as it exists, so a signal to the launcher stops it too. */
  readonly onSpawn?: (service: RunningService) => void;
  readonly startTimeoutMs?: number;
}

/** `undefined` when the service starts; else its output and why it did not. */
export async function dryRun(spec: ServiceSpec, options: DryRunOptions): Promise<string | undefined> {
  const lines: string[] = [];
  const port = await freeLocalPort();
  try {
    const stack = await startStack({
      env: { ...options.env, [spec.portEnv]: String(port) },
      services: [spec],
      signal: options.signal,
      onSpawn: options.onSpawn,
      onLine: (_service, line) => lines.push(line),
      startTimeoutMs: options.startTimeoutMs,
    });
    await stack.stop();
    return undefined;
  } catch (error) {
    if (options.signal?.aborted) return undefined; // the launcher is stopping; it says so itself
    const output = lines.map((line) => `  ${spec.name} | ${line}`).join('\n');
    return `${spec.name} does not start with this configuration (checked before starting anything):\n${output}\n${(error as Error).message}`;
  }
}

function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
