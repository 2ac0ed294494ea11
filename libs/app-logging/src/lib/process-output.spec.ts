/**
 * The logger in a real process whose stdout is a pipe (as under `npm start | tee`, compose or CI): JSON lines, no
 * ANSI codes even when LOG_FORMAT=pretty, and no line lost when the process exits right after logging.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');
// The child compiles the fixture with SWC first: a generous limit, not a speed assertion.
jest.setTimeout(60_000);

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join('libs', 'app-logging', 'src', 'lib', 'testing', 'log-and-exit.fixture.ts')],
      { cwd: repoRoot, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', LOG_FORMAT: '', ...env } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

it('writes JSON to a pipe, every line before process.exit included', async () => {
  const { code, stdout } = await run({ LINES: '2000' });
  expect(code).toBe(3);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(2001);
  expect(lines[1999]).toMatchObject({ service: 'fixture', level: 'info', index: 2000 });
  expect(lines[2000]).toMatchObject({ level: 'error', msg: 'exiting', err: { message: 'last words' } });
});

it('writes pretty text without colour codes to a pipe when LOG_FORMAT=pretty', async () => {
  const { code, stdout } = await run({ LINES: '3', LOG_FORMAT: 'pretty' });
  expect(code).toBe(3);
  expect(stdout).toMatch(/INFO: \[fixture\] line/);
  expect(stdout).toContain('ERROR: [fixture] exiting');
  expect(stdout).not.toContain('\u001b[');
});
