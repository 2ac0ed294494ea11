/**
 * `npm run demo`'s scenarios against the built stack, one process per app on free ports: the demo must keep saying
 * what the stack really does.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trustDevCa } from '@stack/testing';
import { freePortsEnv } from '../stack/free-ports-env';
import { localStackEnv } from '../stack/local-env';
import { devCaPath, startStack, type Stack } from '../stack/stack';
import { demoScenarios, playDemo } from './play-demo';

describe('npm run demo', () => {
  let stack: Stack | undefined;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
    env = localStackEnv({ ...process.env, ...(await freePortsEnv()), IDENTITY_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    stack = await startStack({ env, onLine: (service, line) => logs.push(`${service.name} | ${line}`) });
    trustDevCa(await readFile(devCaPath(env), 'utf8'));
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every scenario behaves as it says, the learner examples of the gateway and the signed-in users included', async () => {
    const rows = await playDemo(stack as Stack, env, dataDir);
    expect(rows.map((row) => row.name)).toEqual(demoScenarios.map((scenario) => scenario.name));
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/cached operation/),
        expect.stringMatching(/fragment included by both APIs/),
        expect.stringMatching(/managed identity/),
        // Issue 15: a user token through the app-only policy (denied with the reason), then the fixed one (200).
        expect.stringMatching(/Adele signed in .*app-only Echo policy/),
        expect.stringMatching(/Adele's same token, fixed Echo policy/),
      ]),
    );
    const mismatches = rows.filter((row) => !row.ok).map(({ name, expected, actual }) => ({ name, expected, actual }));
    if (mismatches.length > 0) console.log(logs.slice(-40).join('\n'));
    expect(mismatches).toEqual([]);
  }, 120_000);
});
