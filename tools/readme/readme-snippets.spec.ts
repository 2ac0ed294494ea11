/**
 * Every snippet of README.md marked `<!-- snippet: name -->` runs for real against the built stack (every app its
 * own process, free ports, a private data folder; see tools/faults/fault-stack.ts): curl through bash, `npm run call`
 * as package.json runs it, JS/TS with the installed @azure/msal-node, @azure/identity and openid-client. The README's
 * ports and `.data/` are rewritten to this stack's; nothing else is added (no CA trust a snippet does not ask for).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegistrations } from '@stack/testing';
import { startFaultStack, type FaultStack } from '../faults/fault-stack';
import { repoRoot } from '../stack/services';
import { npmRunCallLines, readmeBlocks, type Snippet } from './readme-snippets';
import {
  hasBashAndCurl,
  runBashSnippet,
  runModuleSnippet,
  runEsm,
  runNpmCall,
  type RunResult,
  type SnippetTarget,
} from './run-snippet';

const readme = readmeBlocks(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
const tenantId = defaultRegistrations.tenantId;

/** What each snippet must print; `identity` is the stack's identity URL. */
const expectations: Record<string, (result: RunResult, identity: string) => void> = {
  'curl-token': ({ stdout }) => {
    const body = JSON.parse(stdout) as { token_type: string; access_token: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token.split('.')).toHaveLength(3);
  },
  'curl-gateway': ({ stdout }) => {
    expect(stdout).toMatch(/^HTTP\/1\.1 200 /);
    expect(stdout).toContain(`"clientId":"${defaultRegistrations.clients.apiClient.appId}"`);
  },
  'msal-node': ({ stdout }) => expect(stdout).toMatch(/^Bearer \S+/),
  'azure-identity': ({ stdout }) => {
    expect(stdout).toMatch(/^200 /);
    expect(stdout).toContain(defaultRegistrations.clients.apiClient.appId);
  },
  'azure-identity-environment': ({ stdout }) => expect(stdout).toMatch(/^token valid until \d{4}-\d\d-\d\dT/),
  'openid-client': ({ stdout }, identity) =>
    expect(stdout.split('\n')).toEqual([`${identity}/${tenantId}/v2.0`, '200', '']),
};

describe('README.md snippets', () => {
  let stack: FaultStack;
  let target: SnippetTarget;
  const curl = hasBashAndCurl();

  beforeAll(async () => {
    // The worker's own calls are not what this test is about: slow it down to leave the CPU to the snippets.
    stack = await startFaultStack({ env: { WORKER_INTERVAL_MS: '5000', LOG_LEVEL: 'info' } });
    const port = (name: string) => new URL(stack.url(name)).port;
    target = {
      identityPort: port('identity'),
      gatewayPort: port('gateway'),
      protectedApiPort: port('protected-api'),
      echoApiPort: port('echo-api'),
      dataDir: stack.dataDir,
    };
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  it('marks every runnable block: a snippet this test runs, or snippet-skip with the reason', () => {
    const howTo =
      'Put <!-- snippet: <name> --> before it (and its expectation in tools/readme/readme-snippets.spec.ts), ' +
      'or <!-- snippet-skip: <why it is not run> -->.';
    expect(readme.problems).toEqual([]);
    expect(readme.unmarked.map((block) => `README.md: ${block} has no marker. ${howTo}`)).toEqual([]);
    const known = [...Object.keys(expectations), 'npm-run-call', 'npm-run-call-user'];
    const names = readme.snippets.map((s) => s.name);
    expect(names.filter((name) => !known.includes(name)).map((name) => `no expectation for "${name}"`)).toEqual([]);
    expect(known.filter((name) => !names.includes(name)).map((name) => `README.md lost "${name}"`)).toEqual([]);
  });

  const snippet = (name: string): Snippet => {
    const found = readme.snippets.find((s) => s.name === name);
    if (!found) throw new Error(`README.md has no <!-- snippet: ${name} --> block.`);
    return found;
  };

  it.each(Object.keys(expectations))(
    '%s',
    async (name) => {
      const block = snippet(name);
      if (block.lang === 'bash' && !curl) {
        if (process.env['CI'] === 'true') throw new Error(`${name} needs bash and curl on the PATH: install curl.`);
        console.warn(`README snippet "${name}" skipped: bash or curl is not on the PATH.`);
        return;
      }
      const result = await (block.lang === 'bash' ? runBashSnippet(block, target) : runModuleSnippet(block, target));
      const context = `README line ${block.line}, exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
      try {
        expect(result.code).toBe(0);
        expectations[name](result, stack.url('identity'));
      } catch (error) {
        throw new Error(`${(error as Error).message}\n${context}`);
      }
    },
    60_000,
  );

  it.each(['npm-run-call', 'npm-run-call-user'])(
    '%s: each line answers what its comment says',
    async (name) => {
      const lines = npmRunCallLines(snippet(name).code);
      expect(lines.length).toBeGreaterThan(0);
      // Independent calls, each mostly compiling TypeScript at start-up: three at a time.
      const results = await inBatches(lines, 3, (line) => runNpmCall(line.args, target));
      lines.forEach((line, index) => {
        const result = results[index];
        const context = `${line.text}\nexit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        const actual =
          'status' in line.expect
            ? { status: Number(/-> (\d{3}) /.exec(result.stdout)?.[1]), code: result.code }
            : { aadsts: result.stderr.includes(line.expect.aadsts), code: result.code };
        const expected =
          'status' in line.expect
            ? { status: line.expect.status, code: line.expect.status < 300 ? 0 : 1 }
            : { aadsts: true, code: 1 };
        expect({ context, ...actual }).toEqual({ context, ...expected });
      });
    },
    240_000,
  );

  it("openid-client and the issuer: what the README's prose under that heading says", async () => {
    const identity = stack.url('identity');
    const clientSecret = defaultRegistrations.clients.apiClient.secret as string;
    // Each line: what discovery (then a client-credentials grant) gives for one URL form.
    const source = `
      import * as client from 'openid-client';
      const tries = ${JSON.stringify([
        `${identity}/${tenantId}/v2.0`,
        `${identity}/stack.local/v2.0`,
        `${identity}/common/v2.0`,
        `${identity}/common/v2.0/.well-known/openid-configuration`,
      ])};
      for (const url of tries) {
        try {
          const config = await client.discovery(new URL(url), ${JSON.stringify(defaultRegistrations.clients.apiClient.appId)}, ${JSON.stringify(clientSecret)});
          await client.clientCredentialsGrant(config, { scope: ${JSON.stringify(defaultRegistrations.apis.apiProxy.scope)} });
          console.log('token');
        } catch (error) {
          console.log(error.error_description?.split(':')[0] ?? error.message);
        }
      }`;
    const result = await runEsm(source, { NODE_EXTRA_CA_CERTS: join(stack.dataDir, 'certs', 'ca.pem') });
    expect({ stderr: result.stderr, lines: result.stdout.trim().split('\n') }).toEqual({
      stderr: '',
      lines: [
        'token',
        'discovered metadata issuer does not match the expected issuer',
        'discovered metadata issuer does not match the expected issuer',
        'AADSTS9001023',
      ],
    });
  }, 60_000);

  // Last: the snippets sent secrets and tokens in every way the README shows; no service may have logged one.
  it('no service logged a secret, key or token while the snippets ran', async () => {
    expect(await stack.stopAndScanLogs()).toBe('');
  });
});

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  }
  return results;
}
