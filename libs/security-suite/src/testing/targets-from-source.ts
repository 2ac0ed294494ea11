/**
 * The attacked pieces of the stack for the suite's own tests: the identity service in-process (@stack/testing), and
 * protected-api and the gateway as their own processes run from source (`node -r @swc-node/register
 * apps/<app>/src/main.ts`), so the tests attack the code as it is now, without a build. Free ports, a temporary
 * data folder, and config/gateway as it ships (it has a suspended subscription and one scoped to the Echo API
 * only, for the subscription cases).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistrations, freePort, startIdentity, type TestIdentity } from '@stack/testing';
import { findUp } from '../lib/config/repo-files';

/** Keys of config/gateway's suspended subscription and of its Echo-only one (named-values.json). */
export const SUSPENDED_KEY = 'dev-only-revoked-trial-primary-key';
export const OTHER_API_KEY = 'dev-only-echo-only-primary-key';

export interface RunningApp {
  readonly name: string;
  readonly url: string;
  readonly healthUrl: string;
  readonly output: string[];
  readonly process: ChildProcess;
}

export interface Targets {
  readonly identity: TestIdentity;
  readonly protectedApi: RunningApp;
  readonly gateway: RunningApp;
  readonly gatewayConfigDir: string;
  stop(): Promise<void>;
}

const repoRoot = (() => {
  const found = findUp('nx.json', __dirname);
  if (!found) throw new Error(`no nx.json above ${__dirname}`);
  return join(found, '..');
})();

/** @param extraEnv added to both apps' environment, e.g. to turn their verified-token caches off. */
export async function startTargets(extraEnv: NodeJS.ProcessEnv = {}): Promise<Targets> {
  const workDir = await mkdtemp(join(tmpdir(), 'security-suite-'));
  const identity = await startIdentity();
  const caPath = join(workDir, 'ca.pem');
  await writeFile(caPath, identity.caCertPem);
  const gatewayConfigDir = join(repoRoot, 'config', 'gateway');
  const apps: RunningApp[] = [];
  const stop = async () => {
    await Promise.all(apps.map(stopApp));
    await identity.dispose();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const [apiPort, gatewayPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.base.json'),
      NODE_EXTRA_CA_CERTS: caPath,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      AUTH_TENANT_ID: defaultRegistrations.tenantId,
      AUTH_AUTHORITY_HOST: identity.url,
      AUTH_API_APP_ID: defaultRegistrations.apis.apiProxy.appId,
      AUTH_APP_ID_URIS: defaultRegistrations.apis.apiProxy.appIdUri,
      PROTECTED_API_PORT: String(apiPort),
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_CONFIG_DIR: gatewayConfigDir,
      GATEWAY_ENTRA_AUTHORITY_HOST: identity.url,
      GATEWAY_PROTECTED_API_URL: `http://127.0.0.1:${apiPort}`,
      ...extraEnv,
    };
    const protectedApi = await startApp('protected-api', `http://127.0.0.1:${apiPort}`, '/health/live', env);
    apps.push(protectedApi);
    const gateway = await startApp('gateway', `http://127.0.0.1:${gatewayPort}`, '/status-0123456789abcdef', env);
    apps.push(gateway);
    return { identity, protectedApi, gateway, gatewayConfigDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startApp(name: string, url: string, healthPath: string, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', name, 'src', 'main.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > 2000) output.splice(0, output.length - 2000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const app: RunningApp = { name, url, healthUrl: `${url}${healthPath}`, output, process: child };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('\n')}`);
    if (await healthy(app)) return app;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopApp(app);
  throw new Error(`${name} did not answer ${app.healthUrl} within 120 s:\n${output.join('\n')}`);
}

/** True when the app answers its health endpoint with 200. */
export async function healthy(app: RunningApp): Promise<boolean> {
  try {
    const response = await fetch(app.healthUrl, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopApp(app: RunningApp): Promise<void> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return;
  const exited = new Promise((resolve) => app.process.once('exit', resolve));
  app.process.kill('SIGTERM');
  const timer = setTimeout(() => app.process.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
