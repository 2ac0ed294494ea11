/**
 * `npm run demo`: builds the apps, starts the stack on free ports with a throw-away data folder, plays the scenarios
 * against it, prints expected versus actual, and exits non-zero on any mismatch.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistrations, trustDevCa } from '@stack/testing';
import { buildApps } from '../stack/build';
import { freePortsEnv } from '../stack/free-ports-env';
import { localStackEnv } from '../stack/local-env';
import { services } from '../stack/services';
import { devCaPath, startStack } from '../stack/stack';
import { gatewayScenarios } from './gateway-scenarios';
import { apiScenarios, type DemoContext } from './scenarios';
import { gatewayNamedValueDefault } from '../stack/local-env';

const scenarios = [...apiScenarios, ...gatewayScenarios];

async function main(): Promise<number> {
  const built = buildApps(
    services.map((s) => s.name),
    { quiet: true },
  );
  if (built !== 0) return built;

  const dataDir = await mkdtemp(join(tmpdir(), 'stack-demo-'));
  const env = localStackEnv({
    ...process.env,
    ...(await freePortsEnv()),
    IDENTITY_DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
  });
  const logs: string[] = [];
  console.log('Starting the stack on free ports ...');
  const stack = await startStack({ env, onLine: (service, line) => logs.push(`${service.name} | ${line}`) });
  try {
    trustDevCa(await readFile(devCaPath(env), 'utf8'));
    const url = (name: string) => stack.services.find((s) => s.spec.name === name)?.url as string;
    const { apis, clients, tenantId } = defaultRegistrations;
    const ctx: DemoContext = {
      identityUrl: url('identity'),
      apiUrl: url('protected-api'),
      gatewayUrl: url('gateway'),
      keys: {
        worker: env['WORKER_SUBSCRIPTION_KEY'] as string,
        starter: env['GATEWAY_STARTER_PRIMARY_KEY'] ?? gatewayNamedValueDefault('starter-primary-key'),
      },
      dataDir,
      tenantId,
      api: apis.apiProxy,
      legacyApi: apis.legacyApi,
      client: { appId: clients.apiClient.appId, secret: clients.apiClient.secret as string },
      noRoleClient: { appId: clients.noRoleClient.appId, secret: clients.noRoleClient.secret as string },
      certificateClient: {
        appId: clients.certificateClient.appId,
        certificateName: clients.certificateClient.certificateName as string,
      },
      tokenRequests: async (clientId, scope) => {
        const query = new URLSearchParams({ clientId, scope });
        const metrics = (await (await fetch(`${url('identity')}/admin/metrics?${query}`)).json()) as {
          tokenRequests: number;
        };
        return metrics.tokenRequests;
      },
    };
    const rows: string[][] = [];
    for (const scenario of scenarios) {
      const actual = await scenario.run(ctx).catch((error: Error) => `error: ${error.message}`);
      rows.push([scenario.name, scenario.expected, actual, actual === scenario.expected ? 'ok' : 'MISMATCH']);
    }
    printTable(['scenario', 'expected', 'actual', ''], rows);
    const mismatches = rows.filter((row) => row[3] !== 'ok').length;
    console.log(
      mismatches === 0 ? `\nAll ${rows.length} scenarios behaved as expected.` : `\n${mismatches} scenario(s) did not.`,
    );
    if (mismatches > 0) console.log(`\nService logs:\n${logs.slice(-40).join('\n')}`);
    return mismatches === 0 ? 0 : 1;
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
