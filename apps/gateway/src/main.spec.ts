/**
 * The gateway as a process, as `npm start` runs it: a bad environment or a bad policy stops it with one clear
 * message (exit code 1, no stack trace), a good configuration starts and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GATEWAY_CONFIG_DIR } from './testing/gateway-test-kit';

const repoRoot = join(__dirname, '..', '..', '..');
// Each spawn compiles the app with SWC first: a generous limit, not a speed assertion.
jest.setTimeout(60_000);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs main.ts; `untilListening` sends SIGTERM once the gateway says it listens. */
function runMain(env: Record<string, string>, untilListening = false): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', 'gateway', 'src', 'main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', GATEWAY_PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (untilListening && !stopping && stdout.includes('gateway listening on')) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('gateway main', () => {
  let configDir: string;
  beforeEach(() => {
    configDir = mkdtempSync(join(tmpdir(), 'gateway-main-'));
    cpSync(DEFAULT_GATEWAY_CONFIG_DIR, configDir, { recursive: true });
  });
  afterEach(() => rmSync(configDir, { recursive: true, force: true }));

  it('starts on the default configuration, says where, and stops on SIGTERM', async () => {
    const run = await runMain({ GATEWAY_CONFIG_DIR: configDir, LOG_LEVEL: 'info' }, true);
    expect(run.stdout).toMatch(
      /gateway listening on http:\/\/127\.0\.0\.1:\d+ \(developer portal http:\/\/127\.0\.0\.1:\d+\/docs\)/,
    );
    expect(run.stdout).toContain('"msg":"gateway stopped"');
    expect(run.code).toBe(0);
  });

  it('refuses a bad environment variable, naming it', async () => {
    const run = await runMain({ GATEWAY_CONFIG_DIR: configDir, GATEWAY_BACKEND_TIMEOUT_MS: 'soon' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Invalid gateway configuration (see .env.example):\n  - GATEWAY_BACKEND_TIMEOUT_MS must be a number of milliseconds',
    );
  });

  it('refuses a policy outside the supported subset, naming the file, line and expression', async () => {
    const file = join(configDir, 'policies', 'global.xml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('context.RequestId', 'Environment.GetEnvironmentVariable("HOME")'),
    );
    const run = await runMain({ GATEWAY_CONFIG_DIR: configDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:9 <value> expression @(Environment.GetEnvironmentVariable("HOME")): `);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
