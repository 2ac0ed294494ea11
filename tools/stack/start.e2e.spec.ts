/**
 * `npm start` itself (tools/stack/start.ts, built apps, no build step) on free ports with a throw-away data folder:
 * a bad gateway policy stops everything before it starts, a second start is told the first runs, and Ctrl-C leaves
 * no process and no taken port behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortsEnv } from './free-ports-env';
import { isPortTaken } from './ports';
import { portOf, repoRoot, services } from './services';
import { isAlive, stackStatePath, type StackState } from './stack-state';

interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
  waitFor(pattern: RegExp): Promise<void>;
}

function npmStart(env: NodeJS.ProcessEnv): Run {
  const child = spawn(
    process.execPath,
    ['--require', join(repoRoot, 'tools', 'register-ts.cjs'), join(__dirname, 'start.ts'), '--skip-build'],
    { cwd: repoRoot, env: { ...process.env, LOG_FORMAT: '', ...env }, stdio: 'pipe' },
  );
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const waiters: (() => void)[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      for (const waiter of [...waiters]) waiter();
    });
  }
  return {
    child,
    exited,
    output: () => text,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => pattern.test(text) && resolve();
        waiters.push(check);
        check();
        void exited.then(() =>
          pattern.test(text) ? resolve() : reject(new Error(`exited before ${pattern}:\n${text}`)),
        );
      }),
  };
}

describe('npm start', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const runs: Run[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'npm-start-'));
    env = { ...(await freePortsEnv()), IDENTITY_DATA_DIR: join(dir, 'data') };
  });

  afterEach(async () => {
    for (const run of runs.splice(0)) run.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  const portsFree = async () => {
    for (const service of services) expect(await isPortTaken(portOf(service, env))).toBe(false);
  };

  it('a bad policy in config/gateway/: the gateway names file and line, nothing else starts', async () => {
    const configDir = join(dir, 'gateway');
    await cp(join(repoRoot, 'config', 'gateway'), configDir, { recursive: true });
    await writeFile(join(configDir, 'policies', 'global.xml'), '<policies><inbound><base /></outbound></policies>');

    const run = npmStart({ ...env, GATEWAY_CONFIG_DIR: configDir });
    runs.push(run);
    expect(await run.exited).toBe(1);

    expect(run.output()).toContain('gateway does not start with this configuration (checked before starting anything)');
    expect(run.output()).toMatch(/global\.xml:1: The policy is not well-formed XML/);
    expect(run.output()).not.toMatch(/^identity +\|/m);
    await portsFree();
  }, 90_000);

  it('started twice: "already running" with pid and URLs; Ctrl-C then stops every service and frees every port', async () => {
    const first = npmStart(env);
    runs.push(first);
    await first.waitFor(/The stack is up/);
    expect(first.output()).toContain('No development CA at');
    expect(first.output()).toContain('npm run trust');
    const state = JSON.parse(await readFile(stackStatePath(env), 'utf8')) as StackState;
    const pids = state.services.map((s) => s.pid as number);
    expect(pids).toHaveLength(services.length);

    const second = npmStart(env);
    runs.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The stack is already running (pid ${first.child.pid}, since `);
    expect(second.output()).toContain(`http://localhost:${env['GATEWAY_PORT']}`);
    expect(second.output()).not.toContain('EADDRINUSE');
    expect(pids.filter(isAlive)).toHaveLength(services.length);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
    await portsFree();
  }, 150_000);
});
