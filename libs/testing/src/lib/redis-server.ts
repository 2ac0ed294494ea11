/**
 * A private redis-server for one test file: its own port on 127.0.0.1, no persistence, killed and restarted at will
 * to test what happens when Redis goes away. Never the machine's Redis on 6379.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipUnlessAvailable } from './skips';

/** A running redis-server started by {@link startRedisServer}. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Kills the server with SIGKILL (a crash, not a shutdown) and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (empty: nothing is persisted) and waits until it answers PING. */
  restart(): Promise<void>;
  /** Stops the server and removes its working directory. */
  stop(): Promise<void>;
}

/** How to install redis-server, for the error and for skipped tests. */
export const REDIS_INSTALL_HINT =
  'redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server, macOS: brew install redis) and run the tests again.';

/** Thrown by {@link startRedisServer} when the `redis-server` binary is missing. */
export class RedisServerNotInstalledError extends Error {
  constructor() {
    super(REDIS_INSTALL_HINT);
    this.name = 'RedisServerNotInstalledError';
  }
}

/** Whether `redis-server` can be run on this machine. */
export function isRedisServerInstalled(): boolean {
  const result = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * Whether tests that need redis-server should be skipped: only on a developer machine without it, with a warning
 * naming `what` and how to install it. In CI (`CI=true`) never: there `startRedisServer` fails with the install hint.
 */
export function skipWithoutRedisServer(what: string): boolean {
  return skipUnlessAvailable({
    what,
    tool: 'redis-server',
    available: isRedisServerInstalled(),
    install: 'sudo apt-get install -y redis-server (macOS: brew install redis)',
  });
}

const READY_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 3;

/**
 * Spawns `redis-server --port <free port> --save "" --appendonly no` in a temporary directory and waits until it
 * answers PING.
 * @throws {RedisServerNotInstalledError} when redis-server is not installed (the message says how to install it)
 */
export async function startRedisServer(): Promise<RedisServer> {
  if (!isRedisServerInstalled()) throw new RedisServerNotInstalledError();
  const dir = await mkdtemp(join(tmpdir(), 'redis-server-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the free port before redis-server binds it; try another one then.
  for (let attempt = 1; !child; attempt += 1) {
    port = await freeLoopbackPort();
    try {
      child = await spawnReady(port, dir);
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  let current: ChildProcess | undefined = child;
  const killOnExit = () => current?.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: async () => {
      await terminate(current, 'SIGKILL');
      current = undefined;
    },
    restart: async () => {
      await terminate(current, 'SIGKILL');
      current = await spawnReady(port, dir);
    },
    stop: async () => {
      await terminate(current, 'SIGTERM');
      current = undefined;
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function spawnReady(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `redis-server on port ${port} exited (${signal ?? `code ${code}`}) before answering PING:\n${output}`,
        ),
      ),
    );
    child.once('error', reject);
  });
  exited.catch(() => undefined); // observed below; avoid an unhandled rejection once the server is ready

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await Promise.race([ping(port), exited]))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return child;
}

/** Sends one inline PING; resolves true on +PONG, false on anything else (not listening yet, loading ...). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function terminate(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
