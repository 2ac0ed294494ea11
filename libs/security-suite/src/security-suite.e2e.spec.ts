/**
 * The whole catalogue against protected-api (RFC 6750) and the gateway in front of it (APIM), both run from source
 * against the real identity service, with the identity service's own signing key so the claims family runs too.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { readGatewayKeys } from './lib/config/gateway-keys';
import { runSuite, type SuiteOptions, type SuiteReport } from './lib/run/run-suite';
import { commonSuiteOptions, expectCleanReport } from './testing/suite-expectations';
import { formatTable } from './lib/run/table';
import { healthy, OTHER_API_KEY, startTargets, SUSPENDED_KEY, type Targets } from './testing/targets-from-source';

describe('npm run security against the stack', () => {
  let targets: Targets;
  let common: Omit<SuiteOptions, 'target' | 'kind' | 'path'>;

  beforeAll(async () => {
    targets = await startTargets();
    common = await commonSuiteOptions(targets);
  }, 180_000);

  afterAll(async () => {
    await targets?.stop();
  }, 30_000);

  /** Runs `npm run security -- <args>` as a user would (the script's command), with the exit code. */
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const repoRoot = join(__dirname, '..', '..', '..');
      execFile(
        process.execPath,
        ['-r', '@swc-node/register', 'libs/security-suite/src/cli.ts', ...args],
        {
          cwd: repoRoot,
          env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', ...env },
          maxBuffer: 16 * 1024 * 1024,
          timeout: 240_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('protected-api (bearer): >= 100 cases, none accepted, no 5xx, no mismatch, no canary hit', async () => {
    const report = await runSuite({ ...common, target: targets.protectedApi.url, kind: 'bearer', path: '/resource' });
    console.log(formatTable(report));

    expectCleanReport(report);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);

  it('the gateway (apim, Unlimited key): >= 100 cases, none accepted, no 5xx, no mismatch, no canary hit', async () => {
    const keys = readGatewayKeys(targets.gatewayConfigDir, '/protected/resource');
    expect(keys).toEqual({ valid: expect.any(String), suspended: SUSPENDED_KEY, otherProduct: OTHER_API_KEY });
    const report = await runSuite({
      ...common,
      target: targets.gateway.url,
      kind: 'apim',
      path: '/protected/resource',
      subscriptionKey: keys.valid,
      suspendedKey: keys.suspended,
      otherProductKey: keys.otherProduct,
    });
    console.log(formatTable(report));

    expectCleanReport(report);
    expect(await healthy(targets.gateway)).toBe(true);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);

  it('the CLI with --identity-data: exit 0 against protected-api, table and summary printed', async () => {
    const result = await cli([
      '--target',
      targets.protectedApi.url,
      '--identity-data',
      targets.identity.dataDir,
      '--identity-url',
      targets.identity.url,
    ]);
    expect(result.stdout).toMatch(/^case +\| expected +\| got +\| verdict$/m);
    expect(result.stdout).toMatch(
      /summary \(bearer\): cases \d+, passed \d+, failed 0, skipped 0, 2xx accepted 0, 5xx 0, canary hits 0/,
    );
    expect(result.code).toBe(0);
  }, 300_000);

  it('the CLI against the local gateway finds its subscription keys in the gateway configuration; exit 0', async () => {
    const result = await cli(
      [
        '--target',
        targets.gateway.url,
        '--kind',
        'apim',
        '--identity-data',
        targets.identity.dataDir,
        '--identity-url',
        targets.identity.url,
      ],
      { GATEWAY_CONFIG_DIR: targets.gatewayConfigDir },
    );
    expect(result.stdout).toMatch(
      /summary \(apim\): cases \d+, passed \d+, failed 0, skipped 0, 2xx accepted 0, 5xx 0, canary hits 0/,
    );
    expect(result.code).toBe(0);
  }, 300_000);

  it('the CLI without a key skips the claims family and says so; bad options exit 2', async () => {
    const result = await cli(['--target', targets.protectedApi.url, '--json']);
    const report = JSON.parse(result.stdout) as SuiteReport;
    expect(report.results.filter((r) => r.family === 'claims').every((r) => r.verdict === 'skipped')).toBe(true);
    expect(report.notes[0]).toMatch(/claims family skipped/);
    expect(report.summary.failed).toBe(0);
    expect(result.code).toBe(0);

    const bad = await cli(['--target', 'not a url']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--target not a url is not a URL');
  }, 300_000);
});
