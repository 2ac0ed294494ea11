/**
 * `npm run bench`: protected-api, the gateway, the identity service and the worker measured side by side with their
 * peers in one run, on loopback. Prints the table and writes bench/results/latest.json and latest.md.
 */
import { join } from 'node:path';
import { freePort } from '@stack/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the bench builds and starts apps exactly as npm start does */
import { buildApps } from '../../stack/build';
import { entryPoint, repoRoot, services } from '../../stack/services';
/* eslint-enable @nx/enforce-module-boundaries */
import type { Figure } from './load/figure';
import { measureRounds, type LoadRequest } from './load/autocannon-rounds';
import { measureSequentialLatency } from './load/sequential-latency';
import { measureSignRate } from './load/sign-rate';
import { parseBenchOptions } from './options';
import { benchScript, startChild, type ChildService } from './processes/child-service';
import { machineFacts } from './report/machine';
import { renderMarkdown, type Report } from './report/markdown';
import type { BenchResults, RowId } from './report/results';
import { checkTargets } from './report/targets';
import { writeReport } from './report/write-report';
import { benchRegistrations, startBenchStack, type BenchStack } from './scenarios/bench-stack';
import { checkGuard } from './scenarios/guard-check';
import { measureRssGrowth } from './scenarios/rss-growth';
import { measureWorkerTokenRequests } from './scenarios/worker-tokens';

const options = parseBenchOptions(process.argv.slice(2));
const load = {
  rounds: options.rounds,
  durationSeconds: options.durationSeconds,
  warmupSeconds: options.warmupSeconds,
  connections: options.connections,
};
const results: BenchResults = { rows: [], tokenRequests: [] };
const startedAt = performance.now();
const log = (message: string) =>
  console.log(`[bench ${Math.round((performance.now() - startedAt) / 1000)}s] ${message}`);

function record(id: RowId, label: string, figure: Figure, reference?: RowId, connections = options.connections): void {
  results.rows.push({ id, label, figure, reference, connections });
  const p50 = figure.p50Ms === undefined ? '' : `, p50 ${figure.p50Ms.toFixed(2)} ms`;
  log(`${label}: ${Math.round(figure.perSecond)}/s${p50} (rounds ${figure.rounds.map(Math.round).join(', ')})`);
}

async function measure(id: RowId, label: string, request: LoadRequest, reference?: RowId): Promise<void> {
  record(id, label, await measureRounds(request, load), reference);
}

/** Starts a peer server, measures it, stops it: only the target under load runs. */
async function withPeer(
  bench: BenchStack | undefined,
  script: string,
  run: (peer: ChildService) => Promise<void>,
): Promise<void> {
  const port = await freePort();
  const peer = await startChild({
    name: script,
    script: benchScript('peers', script),
    env: bench ? bench.peerEnv(port) : { ...process.env, BENCH_PEER_PORT: String(port) },
    url: `http://127.0.0.1:${port}`,
  });
  try {
    await run(peer);
  } finally {
    await peer.stop();
  }
}

async function main(): Promise<void> {
  const machine = machineFacts();
  if (!options.skipBuild) {
    log('building the apps (nx run-many -t build; cached when unchanged) ...');
    const built = buildApps(
      services.map((s) => s.name),
      { quiet: true },
    );
    if (built !== 0) throw new Error(`the build failed (exit code ${built}).`);
  }

  log('raw RS256 signing rate, in-process (node:crypto, RSA-2048) ...');
  const signRate = measureSignRate({ rounds: options.rounds, durationSeconds: Math.min(options.durationSeconds, 3) });

  await withPeer(undefined, 'fastify-hello', (peer) =>
    measure('fastify-hello', 'bare Fastify hello', { url: `${peer.url}/hello` }),
  );
  await withPeer(undefined, 'express-hello', (peer) =>
    measure('express-hello', 'bare Express hello', { url: `${peer.url}/hello` }, 'fastify-hello'),
  );

  log('starting the stack (identity, echo-api, protected-api, gateway) ...');
  const serviceLines: string[] = [];
  const bench = await startBenchStack((line) => {
    serviceLines.push(line);
    if (serviceLines.length > 200) serviceLines.shift();
  });
  try {
    await runStackTargets(bench);
  } catch (error) {
    console.error(`Last lines of the apps:\n${serviceLines.slice(-40).join('\n')}`);
    throw error;
  } finally {
    await bench.dispose();
  }
  record('raw-sign', 'raw RS256 sign, in-process (RSA-2048)', signRate);
  // The raw signing rate was measured first; list it next to the identity row it is the reference of.
  const sign = results.rows.pop();
  const identityIndex = results.rows.findIndex((row) => row.id === 'identity-tokens');
  if (sign) results.rows.splice(identityIndex + 1, 0, sign);

  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const report: Report = {
    machine,
    options,
    results,
    targets: checkTargets(results),
    elapsedSeconds,
    note: options.note,
  };
  const written = await writeReport(report, join(repoRoot, options.outDir));
  console.log(`\n${renderMarkdown(report)}`);
  console.log(`Written: ${written.json}, ${written.markdown} (${Math.round(elapsedSeconds)} s).`);
}

async function runStackTargets(bench: BenchStack): Promise<void> {
  const bearer = { authorization: `Bearer ${bench.token}` };
  const subscription = { 'ocp-apim-subscription-key': bench.env['WORKER_SUBSCRIPTION_KEY'] as string };
  const protectedApi = bench.url('protected-api');
  const resource = { url: `${protectedApi}/resource`, headers: bearer };

  await measure(
    'unguarded',
    'protected-api unguarded (`/health/live`)',
    { url: `${protectedApi}/health/live` },
    'fastify-hello',
  );

  // Cache off: a second protected-api, the same build, AUTH_TOKEN_CACHE_MAX_ENTRIES=0.
  const protectedSpec = services.find((s) => s.name === 'protected-api');
  if (!protectedSpec) throw new Error('tools/stack/services.ts lists no protected-api.');
  const port = await freePort();
  const noCache = await startChild({
    name: 'protected-api (cache off)',
    script: entryPoint(protectedSpec),
    env: {
      ...bench.env,
      PROTECTED_API_PORT: String(port),
      AUTH_TOKEN_CACHE_MAX_ENTRIES: '0',
      NODE_EXTRA_CA_CERTS: bench.caPath,
    },
    url: `http://localhost:${port}`,
    healthPath: protectedSpec.healthPath,
  });
  try {
    await checkGuard('protected-api (cache off)', `${noCache.url}/resource`, bench);
    await measure(
      'guarded',
      'protected-api guarded `GET /resource`, cache off',
      { ...resource, url: `${noCache.url}/resource` },
      'unguarded',
    );
  } finally {
    await noCache.stop();
  }
  await checkGuard('protected-api', resource.url, bench);
  await measure('guarded-cache', 'protected-api guarded + verified-token cache (as shipped)', resource, 'unguarded');

  await withPeer(bench, 'express-auth0', async (peer) => {
    await checkGuard('express-oauth2-jwt-bearer', `${peer.url}/resource`, bench);
    await measure(
      'auth0-express',
      '`express-oauth2-jwt-bearer` (auth0) on Express',
      { url: `${peer.url}/resource`, headers: bearer },
      'express-hello',
    );
  });
  await withPeer(bench, 'express-passport', async (peer) => {
    await checkGuard('passport-jwt + jwks-rsa', `${peer.url}/resource`, bench);
    await measure(
      'passport-express',
      'passport-jwt + jwks-rsa on Express (naive setup)',
      { url: `${peer.url}/resource`, headers: bearer },
      'express-hello',
    );
  });

  const echoDirect = { url: `${bench.url('echo-api')}/api/resource` };
  const echoGateway = { url: `${bench.url('gateway')}/echo/resource`, headers: { ...bearer, ...subscription } };
  await checkGuard('gateway (echo-api, validate-jwt)', echoGateway.url, { token: bench.token }, subscription);
  await measure('echo-direct', 'Echo API direct', echoDirect);
  await measure('echo-gateway', 'Echo API through the gateway (validate-jwt)', echoGateway, 'echo-direct');
  await measure(
    'protected-gateway',
    'protected-api through the gateway',
    {
      url: `${bench.url('gateway')}/protected/resource`,
      headers: { ...bearer, ...subscription },
    },
    'guarded-cache',
  );
  record('echo-direct-c1', 'Echo API direct, c=1', await measureSequentialLatency(echoDirect, load), undefined, 1);
  record(
    'echo-gateway-c1',
    'Echo API through the gateway, c=1',
    await measureSequentialLatency(echoGateway, load),
    'echo-direct-c1',
    1,
  );

  const { tenantId, clients, apis } = benchRegistrations;
  await measure(
    'identity-tokens',
    'identity: tokens issued (client credentials)',
    {
      url: `${bench.url('identity')}/${tenantId}/oauth2/v2.0/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clients.apiClient.appId,
        client_secret: clients.apiClient.secret ?? '',
        scope: apis.apiProxy.scope,
      }).toString(),
    },
    'raw-sign',
  );

  log(`worker token requests: ${options.workerCalls} calls in 4 processes, then ${options.coldCalls} cold calls ...`);
  for (const figure of await measureWorkerTokenRequests(bench, protectedApi, options)) {
    results.tokenRequests.push(figure);
    log(`${figure.label}: ${figure.tokenRequests} token request(s), ${figure.failedCalls} failed call(s)`);
  }

  log(`protected-api RSS over ${options.rssRequests} guarded requests ...`);
  const pid = bench.stack.services.find((s) => s.spec.name === 'protected-api')?.process.pid;
  if (pid === undefined) throw new Error('protected-api is not running.');
  results.rss = await measureRssGrowth(pid, resource, {
    requests: options.rssRequests,
    connections: options.connections,
    warmupSeconds: options.warmupSeconds,
  });
  log(`RSS ${results.rss.beforeBytes} -> ${results.rss.afterBytes} bytes`);
}

main().then(
  // Keep-alive sockets of the global fetch agent would hold the process open.
  () => process.exit(0),
  (error: Error) => {
    console.error(`npm run bench failed: ${error.message}`);
    process.exit(1);
  },
);
