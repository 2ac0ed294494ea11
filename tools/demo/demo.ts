/**
 * `npm run demo`: builds the apps, starts the stack on free ports with a throw-away data folder, plays the scenarios
 * against it, prints expected versus actual, and exits non-zero on any mismatch.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trustDevCa } from '@stack/testing';
import { buildApps } from '../stack/build';
import { freePortsEnv } from '../stack/free-ports-env';
import { localStackEnv } from '../stack/local-env';
import { services } from '../stack/services';
import { devCaPath, startStack } from '../stack/stack';
import { playDemo } from './play-demo';

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
    const rows = (await playDemo(stack, env, dataDir)).map((row) => [
      row.name,
      row.expected,
      row.actual,
      row.ok ? 'ok' : 'MISMATCH',
    ]);
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
