/**
 * `npm run bench`: protected-api, the gateway, the identity service and the worker measured side by side with their
 * peers in one run, on loopback. Prints the table and writes bench/results/latest.json and latest.md.
 */
import { join } from 'node:path';
/* eslint-disable @nx/enforce-module-boundaries -- the bench builds apps exactly as npm start does */
import { buildApps } from '../../stack/build';
import { repoRoot, services } from '../../stack/services';
/* eslint-enable @nx/enforce-module-boundaries */
import type { Figure } from './load/figure';
import { measureSignRate } from './load/sign-rate';
import { parseBenchOptions, WORKER_PROCESSES } from './options';
import { machineFacts } from './report/machine';
import { renderMarkdown, renderSummary, type Report } from './report/markdown';
import { checkTargets } from './report/targets';
import { updateReadmeBlock, writeReport } from './report/write-report';
import { BenchRun } from './run/bench-run';
import { startBenchStack, type BenchStack } from './scenarios/bench-stack';
import { measureGateway } from './scenarios/gateway-targets';
import { measureIdentity } from './scenarios/identity-targets';
import { measureBarePeers, measureGuardedPeers } from './scenarios/peer-targets';
import { measureProtectedApi } from './scenarios/protected-api-targets';
import { rssOf } from './processes/child-service';
import { measureRssGrowth } from './scenarios/rss-growth';
import { measureWorkerTokenRequests } from './scenarios/worker-tokens';

async function main(run: BenchRun): Promise<void> {
  const { options } = run;
  const machine = machineFacts();
  if (!options.skipBuild) {
    run.log('building the apps (nx run-many -t build; cached when unchanged) ...');
    const built = buildApps(
      services.map((s) => s.name),
      { quiet: true },
    );
    if (built !== 0) throw new Error(`the build failed (exit code ${built}).`);
  }

  // First, while none of our processes runs: the ceiling of the identity service's tokens per second.
  run.log('raw RS256 signing rate, in-process (node:crypto, RSA-2048) ...');
  await rssOf(process.pid); // fails now, not after minutes of load, where memory cannot be read (e.g. Windows)
  const signRate = measureSignRate({ rounds: options.rounds, durationSeconds: Math.min(options.durationSeconds, 3) });
  await measureBarePeers(run);

  run.log('starting the stack (identity, echo-api, protected-api, gateway) ...');
  const lastLines: string[] = [];
  const bench = await startBenchStack((line) => {
    lastLines.push(line);
    if (lastLines.length > 200) lastLines.shift();
  });
  try {
    await measureStack(run, bench, signRate);
  } catch (error) {
    console.error(`Last lines of the apps:\n${lastLines.slice(-40).join('\n')}`);
    throw error;
  } finally {
    await bench.dispose();
  }

  const report: Report = {
    machine,
    options,
    results: run.results,
    targets: checkTargets(run.results),
    elapsedSeconds: run.elapsedSeconds,
    note: options.note,
  };
  const written = await writeReport(report, join(repoRoot, options.outDir));
  const files = [written.json, written.markdown];
  if (!options.skipReadme) {
    const readme = join(repoRoot, 'README.md');
    await updateReadmeBlock(readme, renderSummary(report, '###'));
    files.push(readme);
  }
  console.log(`\n${renderMarkdown(report)}`);
  console.log(`Written: ${files.join(', ')} (${Math.round(report.elapsedSeconds)} s).`);
}

async function measureStack(run: BenchRun, bench: BenchStack, signRate: Figure): Promise<void> {
  const { options, results } = run;
  await measureProtectedApi(run, bench);
  await measureGuardedPeers(run, bench);
  await measureGateway(run, bench);
  await measureIdentity(run, bench, signRate);

  run.log(
    `worker token requests: ${options.workerCalls} calls in ${WORKER_PROCESSES} processes, then ` +
      `${options.coldCalls} cold calls ...`,
  );
  for (const figure of await measureWorkerTokenRequests(bench, bench.url('protected-api'), options)) {
    results.tokenRequests.push(figure);
    run.log(`${figure.label}: ${figure.tokenRequests} token request(s), ${figure.failedCalls} failed call(s)`);
  }

  // Last, on the process every earlier scenario has warmed up.
  run.log(`protected-api RSS over ${options.rssRequests} guarded requests ...`);
  const pid = bench.stack.services.find((s) => s.spec.name === 'protected-api')?.process.pid;
  if (pid === undefined) throw new Error('protected-api is not running.');
  results.rss = await measureRssGrowth(
    pid,
    { url: `${bench.url('protected-api')}/resource`, headers: { authorization: `Bearer ${bench.token}` } },
    { requests: options.rssRequests, connections: options.connections, warmupSeconds: options.warmupSeconds },
  );
  run.log(`RSS ${results.rss.beforeBytes} -> ${results.rss.afterBytes} bytes`);
}

let run: BenchRun;
try {
  run = new BenchRun(parseBenchOptions(process.argv.slice(2)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
main(run).then(
  // Keep-alive sockets of the global fetch agent would hold the process open.
  () => process.exit(0),
  (error: Error) => {
    console.error(`npm run bench failed: ${error.message}`);
    process.exit(1);
  },
);
