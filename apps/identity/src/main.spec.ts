/**
 * The app as a process, as `npm start` runs it: environment validation, banner (log lines), trust through
 * NODE_EXTRA_CA_CERTS in another Node process (global fetch, which msal-node uses), clean stop on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
// Each spawn compiles the app with SWC first: a generous limit, not a speed assertion.
jest.setTimeout(60_000);

function startMain(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', '@swc-node/register', join('apps', 'identity', 'src', 'main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', LOG_LEVEL: 'warn', ...env },
  });
}

function collect(child: ChildProcessWithoutNullStreams) {
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { output, exited };
}

function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk;
      const match = pattern.exec(text);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

function runNode(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'identity-main-spec-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

it('starts, logs the banner, is trusted by another Node process via NODE_EXTRA_CA_CERTS, and stops on SIGTERM', async () => {
  // The banner is info lines; stdout is a pipe, so they are JSON.
  const child = startMain({ IDENTITY_PORT: '0', IDENTITY_DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: '' });
  const { output, exited } = collect(child);
  const [, authority] = await waitFor(child, /"authority":"(https:\/\/localhost:\d+\/[0-9a-f-]+)"/);
  const caPath = join(dataDir, 'certs', 'ca.pem');

  const probe = `fetch(${JSON.stringify(`${authority}/v2.0/.well-known/openid-configuration`)}).then(r => r.json()).then(d => console.log(d.issuer), e => { console.error(e.cause ?? e); process.exit(2); })`;
  const trusted = await runNode(probe, { NODE_EXTRA_CA_CERTS: caPath });
  expect(trusted).toEqual({ code: 0, stdout: `${authority}/v2.0\n` });
  const untrusted = await runNode(probe, { NODE_EXTRA_CA_CERTS: '' });
  expect(untrusted.code).toBe(2);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  const lines = output.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const banner = lines.find((line) => (line['details'] as { authority?: string } | undefined)?.authority === authority);
  expect(banner).toMatchObject({ service: 'identity', level: 'info', msg: expect.stringContaining('Authority') });
  expect(lines.every((line) => line['service'] === 'identity' && typeof line['time'] === 'string')).toBe(true);
  expect(lines.at(-1)).toMatchObject({ msg: 'Identity service stopped' });
});

it('refuses a bad environment with a message naming the variable', async () => {
  const child = startMain({ IDENTITY_PORT: 'https', IDENTITY_DATA_DIR: dataDir });
  const { output, exited } = collect(child);
  expect(await exited).toBe(1);
  expect(output.stderr).toContain('IDENTITY_PORT="https": must be a port number');
});

it('refuses invalid registrations with the file and the bad field', async () => {
  const child = startMain({
    IDENTITY_PORT: '0',
    IDENTITY_DATA_DIR: dataDir,
    IDENTITY_REGISTRATIONS: join(dataDir, 'missing.json'),
  });
  const { output, exited } = collect(child);
  expect(await exited).toBe(1);
  expect(output.stderr).toContain(`Invalid registrations in ${join(dataDir, 'missing.json')}`);
  expect(output.stderr).toContain('the file does not exist');
});
