/**
 * The launcher's lifecycle with small real processes (test-support/fake-service.cjs) instead of the built apps: a
 * failed start, a signal mid-start, a second start, a taken port, a bad configuration file, a deleted data folder.
 * After each, no child survives and every port is free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@stack/testing';
import { isPortTaken } from './ports';
import { repoRoot } from './services';
import { isAlive, stackStatePath, writeStackState } from './stack-state';

interface Launch {
  readonly child: ChildProcess;
  readonly ports: number[];
  readonly statePath: string;
  output(): string;
  /** Resolves once the output matches. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<number | null>;
}

let dataDir: string;
const launches: Launch[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'launcher-'));
});

afterEach(async () => {
  for (const launch of launches.splice(0)) {
    launch.child.kill('SIGKILL');
    for (const pid of childPids(launch)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function launch(modes: string[], env: NodeJS.ProcessEnv = {}, ports?: number[]): Promise<Launch> {
  const chosen = ports ?? (await Promise.all(modes.map(() => freePort())));
  const portEnv = Object.fromEntries(chosen.map((port, index) => [`FAKE_${index}_PORT`, String(port)]));
  const fullEnv = {
    ...process.env,
    LOG_FORMAT: '',
    ...portEnv,
    IDENTITY_DATA_DIR: dataDir,
    FAKE_MODES: modes.join(','),
    ...env,
  };
  const child = spawn(
    process.execPath,
    ['--require', join(repoRoot, 'tools', 'register-ts.cjs'), join(__dirname, 'test-support', 'fake-launcher.ts')],
    { cwd: repoRoot, env: fullEnv, stdio: 'pipe' },
  );
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      for (const waiter of [...waiters]) if (waiter.pattern.test(text)) waiter.resolve();
    });
  }
  const started: Launch = {
    child,
    ports: chosen,
    statePath: stackStatePath({ IDENTITY_DATA_DIR: dataDir }),
    output: () => text,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        if (pattern.test(text)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then(() =>
          pattern.test(text) ? resolve() : reject(new Error(`exited before ${pattern}:\n${text}`)),
        );
      }),
    exited,
  };
  launches.push(started);
  return started;
}

/** The pids the stand-in services printed ("fake-1 | pid 1234 ..."). */
function childPids(launch: Launch): number[] {
  return [...launch.output().matchAll(/^fake-\d+ +\| pid (\d+)/gm)].map((match) => Number(match[1]));
}

async function expectAllStopped(launch: Launch): Promise<void> {
  const pids = childPids(launch);
  expect(pids.length).toBeGreaterThan(0);
  expect(pids.filter(isAlive)).toEqual([]);
  for (const port of launch.ports) expect(await isPortTaken(port)).toBe(false);
  expect(existsSync(launch.statePath)).toBe(false);
}

describe('the launcher', () => {
  it('a service failing mid-start: its own error, then every service started before it stopped, ports free', async () => {
    const run = await launch(['ok', 'ok', 'fail']);
    expect(await run.exited).toBe(1);

    const output = run.output();
    expect(output).toContain('config/fake/policy.xml line 3: unexpected close tag');
    expect(output).toContain('fake-2 exited with code 1 during start-up.');
    expect(output).toContain('Stopping the stack (fake-0, fake-1) ...');
    expect(childPids(run)).toHaveLength(3);
    await expectAllStopped(run);
  }, 60_000);

  it('a service checked first (the gateway) failing: its error, and nothing else was started', async () => {
    const run = await launch(['ok', 'fail'], { FAKE_CHECK_FIRST: 'fake-1' });
    expect(await run.exited).toBe(1);

    const output = run.output();
    expect(output).toContain('fake-1 does not start with this configuration (checked before starting anything)');
    expect(output).toContain('fake-1 | config/fake/policy.xml line 3: unexpected close tag');
    expect(output).not.toMatch(/^fake-0 +\|/m);
    expect(childPids(run).filter(isAlive)).toEqual([]);
    for (const port of run.ports) expect(await isPortTaken(port)).toBe(false);
  }, 60_000);

  it('a service checked first that starts: stopped again, then the stack starts on the configured ports', async () => {
    const run = await launch(['ok', 'ok'], { FAKE_CHECK_FIRST: 'fake-1' });
    await run.waitFor(/The stack is up/);
    expect(run.output()).toContain(`fake-1 | listening on ${run.ports[1]}`);
    run.child.kill('SIGTERM');
    await run.exited;
    await expectAllStopped(run);
  }, 60_000);

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'killed with %s while a service is still starting: no child survives, ports free',
    async (signal) => {
      const run = await launch(['ok', 'ok', 'hang']);
      // The third is listening but not healthy: the launcher is waiting for it.
      await run.waitFor(/^fake-2 +\| listening/m);

      run.child.kill(signal);
      await run.exited;

      expect(run.output()).not.toContain('The stack is up');
      expect(childPids(run)).toHaveLength(3);
      await expectAllStopped(run);
    },
    60_000,
  );

  it('started twice: the second says the first is running, with its pid and URLs, and leaves it running', async () => {
    const first = await launch(['ok', 'ok']);
    await first.waitFor(/The stack is up/);

    const second = await launch(['ok', 'ok'], {}, first.ports);
    expect(await second.exited).toBe(1);

    expect(second.output()).toContain(`The stack is already running (pid ${first.child.pid}, since `);
    expect(second.output()).toContain(`http://localhost:${first.ports[1]}`);
    expect(second.output()).toMatch(/Stop it with Ctrl-C in its terminal \(or (kill|taskkill \/PID) \d+/);
    expect(second.output()).not.toMatch(/EADDRINUSE|fake-\d +\|/);
    expect(childPids(first).filter(isAlive)).toHaveLength(2);
    expect(existsSync(first.statePath)).toBe(true);

    first.child.kill('SIGTERM');
    await first.exited;
    await expectAllStopped(first);
  }, 60_000);

  it('a stale state file (its launcher is gone) does not block a start', async () => {
    writeStackState(stackStatePath({ IDENTITY_DATA_DIR: dataDir }), {
      launcherPid: await deadPid(),
      since: new Date().toISOString(),
      services: [],
    });
    const run = await launch(['ok']);
    await run.waitFor(/The stack is up/);
    run.child.kill('SIGTERM');
    await run.exited;
    await expectAllStopped(run);
  }, 60_000);

  it('a launcher killed outright (SIGKILL, no chance to stop them): the next start names its leftovers', async () => {
    const first = await launch(['ok', 'ok']);
    await first.waitFor(/The stack is up/);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await launch(['ok', 'ok'], {}, first.ports);
    expect(await second.exited).toBe(1);

    const [pid0] = childPids(first);
    expect(second.output()).toContain(`port ${first.ports[0]} (fake-0) is in use by`);
    if (process.platform === 'linux') {
      expect(second.output()).toContain(`port ${first.ports[0]} (fake-0) is in use by process ${pid0}`);
      expect(second.output()).toContain(
        `the fake-0 service left running by an earlier launcher (pid ${first.child.pid}) that was killed`,
      );
    }
    // afterEach stops the leftovers.
  }, 60_000);

  describe('a port in use', () => {
    let server: Server;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is reported before anything starts, with the process holding it and the variable to change', async () => {
      const ports = [await freePort(), await freePort()];
      server = createServer();
      await new Promise<void>((resolve) => server.listen(ports[1], '127.0.0.1', resolve));

      const run = await launch(['ok', 'ok'], {}, ports);
      expect(await run.exited).toBe(1);

      expect(run.output()).toContain(`port ${ports[1]} (fake-1) is in use by`);
      expect(run.output()).toContain('set FAKE_1_PORT to a free port');
      // This test's own process holds it: Linux names it from /proc (other platforms through their tools).
      if (process.platform === 'linux') expect(run.output()).toContain(`in use by process ${process.pid} (`);
      expect(childPids(run)).toEqual([]);
      expect(run.output()).not.toContain('fake-0 |');
    }, 60_000);
  });

  describe('a bad registrations file', () => {
    const start = async (content: string) => {
      const file = join(dataDir, 'registrations.json');
      await writeFile(file, content);
      const run = await launch(['ok'], { FAKE_LOCAL_ENV: '1', IDENTITY_REGISTRATIONS: file });
      expect(await run.exited).toBe(1);
      expect(run.output()).not.toMatch(/^\s+at /m); // a message, not a stack trace
      expect(childPids(run)).toEqual([]);
      return run.output();
    };

    it('JSON syntax error: the file is named, nothing starts', async () => {
      const output = await start('{ "tenant": { "id": "x" }, }');
      expect(output).toContain(`Invalid registrations in ${join(dataDir, 'registrations.json')}`);
      expect(output).toContain('Not valid JSON');
    }, 60_000);

    it('the API without identifierUris: the file and the field are named', async () => {
      const registrations = JSON.parse(
        await import('node:fs/promises').then((fs) =>
          fs.readFile(join(repoRoot, 'config', 'identity', 'registrations.json'), 'utf8'),
        ),
      ) as { apis: { displayName: string; identifierUris?: string[] }[] };
      const index = registrations.apis.findIndex((api) => api.displayName === 'ago-apiproxy-oauth-app');
      delete registrations.apis[index].identifierUris;

      const output = await start(JSON.stringify(registrations));
      expect(output).toContain(`Invalid registrations in ${join(dataDir, 'registrations.json')}`);
      expect(output).toContain(`apis[${index}].identifierUris: the local stack needs an identifier URI`);
    }, 60_000);
  });

  it('children log JSON when the launcher is not on a terminal, unless LOG_FORMAT is set', async () => {
    const piped = await launch(['ok']);
    await piped.waitFor(/The stack is up/);
    expect(piped.output()).toContain('LOG_FORMAT=json');
    piped.child.kill('SIGTERM');
    await piped.exited;

    const chosen = await launch(['ok'], { LOG_FORMAT: 'pretty' });
    await chosen.waitFor(/The stack is up/);
    expect(chosen.output()).toContain('LOG_FORMAT=pretty');
    expect(chosen.output()).not.toContain('\x1b['); // no colour codes in the prefixes when piped
    chosen.child.kill('SIGTERM');
    await chosen.exited;
  }, 60_000);

  it('warns once when the data folder is deleted while the stack runs', async () => {
    const run = await launch(['ok']);
    await run.waitFor(/The stack is up/);

    await rm(dataDir, { recursive: true, force: true });
    await run.waitFor(/was deleted while the stack is running/);
    expect(run.output()).toContain('npm run trust');

    run.child.kill('SIGTERM');
    await run.exited;
    await expectAllStopped(run);
  }, 60_000);
});

/** A pid no process has: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}
