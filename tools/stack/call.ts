/**
 * `npm run call -- GET /protected/resource`: one call through the gateway with the worker's client (client credentials, token cache), printed.
 * Uses the running stack's defaults (see local-env.ts); start the stack first with `npm start`.
 */
import { spawnSync } from 'node:child_process';
import { buildApps } from './build';
import { localStackEnv } from './local-env';
import { entryPoint, repoRoot, services } from './services';
import { devCaPath } from './stack';

const worker = services.find((s) => s.name === 'worker');
if (!worker) throw new Error('tools/stack/services.ts lists no worker.');
const built = buildApps(['worker'], { quiet: true });
if (built !== 0) process.exit(built);
const env = localStackEnv(process.env);
const result = spawnSync(process.execPath, [entryPoint(worker), 'call', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...env, NODE_EXTRA_CA_CERTS: devCaPath(env) },
});
process.exit(result.status ?? 1);
