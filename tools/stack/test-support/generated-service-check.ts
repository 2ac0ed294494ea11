/**
 * Starts the whole stack (as `npm start` does, on free ports) and calls one generated protected service through the
 * gateway: the default client (which holds its roles) and the client without roles, each with the worker's
 * subscription key. Prints one `RESULT {...}` line and exits 0 when the calls could be made.
 * Run in a workspace: `node --require ./tools/register-ts.cjs tools/stack/test-support/generated-service-check.ts <name>`.
 * The generator's end-to-end spec runs it in a temporary copy of the workspace after generating a service.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCredentialsToken, defaultRegistrations, trustDevCa } from '@stack/testing';
import { freePortsEnv } from '../free-ports-env';
import { localStackEnv } from '../local-env';
import { readProtectedServices } from '../protected-services';
import { devCaPath, startStack, type Stack } from '../stack';

async function main(name: string): Promise<void> {
  const service = readProtectedServices().find((s) => s.name === name);
  if (!service) throw new Error(`config/stack/services.json lists no service "${name}"`);
  const api = defaultRegistrations.input.apis.find((a) => a.displayName === service.registration);
  if (!api) throw new Error(`config/identity/registrations.json has no API "${service.registration}"`);
  const scope = `${api.identifierUris?.[0] ?? api.appId}/.default`;
  const dataDir = await mkdtemp(join(tmpdir(), 'generated-service-check-'));
  const env = localStackEnv({
    ...process.env,
    ...(await freePortsEnv()),
    IDENTITY_DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
  });
  const logs: string[] = [];
  let stack: Stack | undefined;
  try {
    stack = await startStack({ env, onLine: (s, line) => logs.push(`${s.name} | ${line}`) });
    trustDevCa(await readFile(devCaPath(env), 'utf8'));
    const url = (n: string) => stack?.services.find((s) => s.spec.name === n)?.url as string;
    const authority = { url: url('identity'), tenantId: defaultRegistrations.tenantId };
    const { apiClient, noRoleClient } = defaultRegistrations.clients;
    const call = async (method: string, token: string) => {
      const response = await fetch(`${url('gateway')}/${service.gatewayPath}/resource`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'ocp-apim-subscription-key': env['WORKER_SUBSCRIPTION_KEY'] as string,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'POST' ? JSON.stringify({ title: 'through the gateway' }) : undefined,
      });
      return { status: response.status, body: await response.text() };
    };
    const withRole = await clientCredentialsToken(authority, apiClient, scope);
    const withoutRole = await clientCredentialsToken(authority, noRoleClient, scope);
    const result = {
      services: stack.services.map((s) => s.spec.name),
      readWithRole: await call('GET', withRole),
      writeWithRole: await call('POST', withRole),
      readWithoutRole: await call('GET', withoutRole),
      writeWithoutRole: await call('POST', withoutRole),
      direct: (await fetch(`${url(name)}/resource`)).status,
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } catch (error) {
    console.error(`${(error as Error).message}\n${logs.slice(-30).join('\n')}`);
    process.exitCode = 1;
  } finally {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main(process.argv[2] ?? '').catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
