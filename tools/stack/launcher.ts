/**
 * The `npm start` lifecycle, in the order a newcomer meets its failures: a stack already running, a bad
 * configuration file, a port in use, then the build, then the services one by one. Every child is recorded the moment
 * it exists, so any failure, signal (SIGINT, SIGTERM, SIGHUP; Ctrl-C / Ctrl-Break on Windows) or uncaught error stops
 * all of them and frees their ports; nothing outlives the launcher.
 */
import { devCaPath, startStack, type RunningService } from './stack';
import { dataDirOf, newCaNotice, watchDataDir } from './data-dir';
import { dryRun } from './dry-run';
import { describeTakenPorts, findTakenPorts, stopCommand } from './ports';
import { baseUrlOf, type ServiceSpec } from './services';
import {
  readLiveStackState,
  readStackState,
  removeStackState,
  stackStatePath,
  type StackState,
  writeStackState,
} from './stack-state';
import { stopChild } from './stop-child';

export interface LauncherOptions {
  /** The user's environment (process.env). */
  readonly env: NodeJS.ProcessEnv;
  /** The services, in start order. */
  readonly services: readonly ServiceSpec[];
  /** Checks the configuration and adds the local defaults; throws an error naming the file and field. */
  readonly prepareEnv?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  /** Builds the services; returns the exit code. */
  readonly build?: () => number;
  /** Whether the launcher's stdout is a terminal (colours, LOG_FORMAT=pretty). */
  readonly isTTY: boolean;
  readonly startTimeoutMs?: number;
  /**
   * Services started once on a free port after the build and stopped again, before the stack starts: their own
   * configuration check (the gateway's config/gateway/), so a bad file stops nothing but itself.
   */
  readonly checkFirst?: readonly string[];
}

const colors = [36, 35, 33, 32, 34, 31];
const stopSignals: NodeJS.Signals[] = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  ...(process.platform === 'win32' ? ['SIGBREAK' as const] : []),
];

/** Runs the stack until a signal or a failure, then exits the process (0 on a requested stop, 1 on a failure). */
export async function runLauncher(options: LauncherOptions): Promise<void> {
  const { services } = options;
  const width = Math.max(...services.map((s) => s.name.length));
  const prefix = (name: string) => {
    const label = name.padEnd(width);
    const color = colors[services.findIndex((s) => s.name === name) % colors.length];
    return options.isTTY ? `\x1b[${color}m${label}\x1b[0m |` : `${label} |`;
  };

  const statePath = stackStatePath(options.env);
  const running = readLiveStackState(statePath);
  if (running) return fail(alreadyRunning(running));

  let env: NodeJS.ProcessEnv;
  try {
    env = options.prepareEnv ? options.prepareEnv(options.env) : { ...options.env };
  } catch (error) {
    return fail((error as Error).message); // the message names the file and field; a stack trace would not help
  }
  // The services log as the launcher prints: readable in a terminal, one JSON object per line when piped.
  env = { ...env, LOG_FORMAT: options.env['LOG_FORMAT'] || (options.isTTY ? 'pretty' : 'json') };

  const taken = await findTakenPorts(services, env);
  if (taken.length > 0) return fail(describeTakenPorts(taken, readStackState(statePath)));

  const since = new Date().toISOString();
  const children: RunningService[] = [];
  /** Children that exited on their own (a crash, a failed start). */
  const exited = new Set<RunningService>();
  const saveState = () =>
    writeStackState(statePath, {
      launcherPid: process.pid,
      since,
      services: services.map((spec) => ({
        name: spec.name,
        pid: children.find((c) => c.spec.name === spec.name)?.process.pid,
        url: baseUrlOf(spec, env),
      })),
    } satisfies StackState);
  // Claimed before the build, so a second `npm start` during the build is told this one is starting.
  saveState();

  const abort = new AbortController();
  let starting = true;
  let stopping = false;
  const stop = async (code: number, reason?: string) => {
    if (stopping) return;
    stopping = true;
    abort.abort();
    if (reason) console.error(reason);
    // Named so a failed start says what it cleaned up (the start itself may have stopped them already).
    const started = children.filter((c) => !exited.has(c));
    if (started.length > 0) console.log(`\nStopping the stack (${started.map((c) => c.spec.name).join(', ')}) ...`);
    await Promise.all([...children].reverse().map((c) => stopChild(c.process)));
    removeStackState(statePath);
    await exitFlushed(code);
  };
  const forceStop = () => {
    // A second Ctrl-C while stopping: no more grace period.
    for (const child of children) child.process.kill('SIGKILL');
    removeStackState(statePath);
    process.exit(1);
  };
  for (const signal of stopSignals) process.on(signal, () => (stopping ? forceStop() : void stop(0)));
  process.on('uncaughtException', (error) => void stop(1, `The launcher failed: ${error.stack ?? error}`));
  process.on('unhandledRejection', (error) => void stop(1, `The launcher failed: ${String(error)}`));

  const projects = services.map((s) => s.name);
  if (options.build) {
    console.log(`Building ${projects.join(', ')} ...`);
    const built = options.build();
    if (built !== 0) return stop(built, 'The build failed (its output is above); nothing was started.');
    if (stopping) return;
  }

  for (const spec of services.filter((s) => options.checkFirst?.includes(s.name))) {
    console.log(`Checking the ${spec.name} configuration ...`);
    const record = (service: RunningService) => children.push(service);
    const problem = await dryRun(spec, {
      env,
      signal: abort.signal,
      onSpawn: record,
      startTimeoutMs: options.startTimeoutMs,
    });
    children.splice(0); // stopped by the dry run itself
    if (stopping) return;
    if (problem) return stop(1, problem);
  }

  const caPath = devCaPath(env);
  const notice = newCaNotice(caPath);
  if (notice && services.some((s) => s.name === 'identity')) console.log(notice);

  const stack = await startStack({
    env,
    services,
    signal: abort.signal,
    startTimeoutMs: options.startTimeoutMs,
    onSpawn: (service) => {
      children.push(service);
      saveState();
    },
    onLine: (service, line) => console.log(`${prefix(service.name)} ${line}`),
    onExit: (service, code) => {
      for (const child of children)
        if (child.spec === service && (child.process.exitCode ?? child.process.signalCode) !== null) exited.add(child);
      // During start-up the start itself fails with this exit, below.
      if (stopping || starting) return;
      void stop(1, `${prefix(service.name)} exited with code ${code}; stopping the others.`);
    },
  }).catch((error: Error) => {
    if (!stopping) void stop(1, `\n${error.message}`);
    return undefined;
  });
  starting = false;
  if (!stack || stopping) return;

  console.log('\nThe stack is up:');
  for (const { spec, url } of stack.services) console.log(`  ${spec.name.padEnd(width)}  ${url}`);
  console.log(`\nDev CA (Node clients: NODE_EXTRA_CA_CERTS): ${caPath}`);
  console.log(
    'Browsers: run "npm run trust" once (again after deleting .data/) so the developer portal can reach the identity service.',
  );
  console.log('Press Ctrl-C to stop.\n');
  watchDataDir(dataDirOf(env), (message) => console.error(`\n${message}\n`));
}

function alreadyRunning(state: StackState): string {
  const since = new Date(state.since).toLocaleString();
  const urls = state.services.map((s) => `  ${s.name.padEnd(14)} ${s.url}`).join('\n');
  return (
    `The stack is already running (pid ${state.launcherPid}, since ${since}):\n${urls}\n` +
    `Stop it with Ctrl-C in its terminal (or ${stopCommand(state.launcherPid)}), or start a second one with ` +
    'other ports (the *_PORT variables) and another IDENTITY_DATA_DIR.'
  );
}

async function fail(message: string): Promise<void> {
  console.error(message);
  await exitFlushed(1);
}

/** Exits once stdout and stderr have written what they hold (pipes are asynchronous on some platforms). */
async function exitFlushed(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
  );
  process.exit(code);
}
