/**
 * `npm run azure`: the printed script for the default registrations and config/gateway (exact commands), run to the
 * end against a fake `az` that records its arguments (so quoting is checked by bash itself), hostile display names,
 * and the refusal without az.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistrations } from '@stack/testing';
import { gatewayUrlEnvOf, readProtectedServices } from '../stack/protected-services';
import { repoRoot } from '../stack/services';
import { docEnvLines } from './doc-env';
import { fakeAz } from './test-support/fake-az';

const registrationsFile = join(repoRoot, 'config', 'identity', 'registrations.json');
const input = JSON.parse(readFileSync(registrationsFile, 'utf8')) as {
  apis: { displayName: string; appId: string; appRoles: { value: string; id: string }[] }[];
  clients: { displayName: string; appId: string; secrets?: { value: string }[] }[];
  roleAssignments: { client: string; api: string; roles: string[] }[];
};
const GRAPH = 'https://graph.microsoft.com/v1.0';

function azure(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const run = spawnSync(process.execPath, ['--require', './tools/register-ts.cjs', 'tools/azure/azure.ts', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Runs a printed script with bash against the fake az, in a temporary folder for its output files. */
function runScript(script: string) {
  const az = fakeAz();
  const work = mkdtempSync(join(tmpdir(), 'azure-script-'));
  const run = spawnSync('bash', ['-c', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      PATH: `${az.binDir}:${process.env['PATH']}`,
      HOME: work,
      APIM_RESOURCE_GROUP: 'rg-stack',
      APIM_SERVICE_NAME: 'apim-stack',
      GATEWAY_ECHO_API_URL: 'https://echo.example.net/api',
      GATEWAY_PROTECTED_API_URL: 'https://protected.example.net',
      // Services added with nx g @stack/tools:protected-service (config/stack/services.json) are published too.
      ...Object.fromEntries(readProtectedServices().map((s) => [gatewayUrlEnvOf(s), `https://${s.name}.example.net`])),
      SECRETS_FILE: join(work, 'secrets.env'),
      ENV_FILE: join(work, 'azure.env'),
    },
  });
  const read = (name: string) => (existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8') : '');
  const result = { ...run, calls: az.calls(), secrets: read('secrets.env'), envFile: read('azure.env'), work };
  rmSync(az.binDir, { recursive: true, force: true });
  return result;
}

describe('npm run azure -- --print (default registrations and config/gateway)', () => {
  let script: string;
  let run: ReturnType<typeof runScript>;
  const lines = () => script.split('\n');

  beforeAll(() => {
    const printed = azure(['--print']);
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    script = printed.out;
    run = runScript(script);
  });
  afterAll(() => rmSync(run.work, { recursive: true, force: true }));

  it('is a bash script that stops on the first error and runs to the end against az', () => {
    expect(lines()[0]).toBe('#!/usr/bin/env bash');
    expect(lines()).toContain('set -euo pipefail');
    expect(run.stderr).toContain('Done.');
    expect(run.status).toBe(0);
  });

  it('creates each API app with its roles (ids kept), App ID URI on the new appId, token version and assignment rule', () => {
    const apiProxy = input.apis[0];
    expect(lines()).toContain(
      `API_1_APP_ID=$(az ad app create --display-name 'ago-apiproxy-oauth-app' --sign-in-audience AzureADMyOrg --app-roles '${JSON.stringify(
        apiProxy.appRoles.map((role) => ({
          allowedMemberTypes: ['Application'],
          description: (role as { description?: string }).description,
          displayName: (role as { displayName?: string }).displayName,
          id: role.id,
          isEnabled: true,
          value: role.value,
        })),
      ).replace(/'/g, `'\\''`)}' --query appId -o tsv)`,
    );
    expect(lines()).toContain(`az ad app update --id "$API_1_APP_ID" --identifier-uris 'api://'"$API_1_APP_ID"`);
    expect(lines()).toContain(`API_1_SP_ID=$(az ad sp create --id "$API_1_APP_ID" --query id -o tsv)`);
    // What az received, after bash: the roles as JSON, the version by Graph, assignment required on the v1 API.
    const created = run.calls.filter((call) => call[0] === 'ad' && call[1] === 'app' && call[2] === 'create');
    expect(created.map((call) => call[call.indexOf('--display-name') + 1])).toEqual([
      ...input.apis.map((a) => a.displayName),
      ...input.clients.map((c) => c.displayName),
    ]);
    const roles = JSON.parse(created[0][created[0].indexOf('--app-roles') + 1]) as { id: string; value: string }[];
    expect(roles.map((r) => [r.value, r.id])).toEqual(apiProxy.appRoles.map((r) => [r.value, r.id]));
    const patches = run.calls.filter((call) => call[0] === 'rest' && call.includes('PATCH'));
    const bodies = patches.map((call) => [
      call[call.indexOf('--uri') + 1],
      JSON.parse(call[call.indexOf('--body') + 1]),
    ]);
    expect(bodies).toContainEqual([
      `${GRAPH}/applications/fake-object-${indexOfCall(run.calls, ['ad', 'app', 'show']) + 1}`,
      expect.objectContaining({ api: expect.objectContaining({ requestedAccessTokenVersion: 2 }) }),
    ]);
    // One patch per API app: the template's v2 and v1 APIs first, then any generated one (config/stack/services.json).
    const versions = bodies
      .filter(([, body]) => body.api && 'requestedAccessTokenVersion' in body.api)
      .map(([, b]) => b.api.requestedAccessTokenVersion);
    expect(versions.slice(0, 2)).toEqual([2, null]);
    expect(versions).toHaveLength(input.apis.length);
    const assignmentRequired = bodies
      .filter(([, body]) => 'appRoleAssignmentRequired' in body)
      .map(([, b]) => b.appRoleAssignmentRequired);
    expect(assignmentRequired.slice(0, 2)).toEqual([false, true]);
    expect(assignmentRequired).toHaveLength(input.apis.length);
  });

  it('grants every role assignment of the file, client SP to API SP, with the role id', () => {
    const grants = run.calls
      .filter((call) => call[0] === 'rest' && call.some((arg) => arg.endsWith('/appRoleAssignedTo')))
      .map((call) => JSON.parse(call[call.indexOf('--body') + 1]) as Record<string, string>);
    const expected = input.roleAssignments.flatMap((assignment) => {
      const roles = input.apis.find((a) => a.appId === assignment.api)?.appRoles ?? [];
      return assignment.roles.map((role) => roles.find((r) => r.value === role)?.id);
    });
    expect(grants.map((grant) => grant['appRoleId'])).toEqual(expected);
    for (const grant of grants) {
      expect(grant['principalId']).toMatch(/^fake-object-\d+$/);
      expect(grant['resourceId']).toMatch(/^fake-object-\d+$/);
    }
    expect(script).toContain(
      `retry az rest --method POST --uri "${GRAPH}/servicePrincipals/$API_1_SP_ID/appRoleAssignedTo" --headers Content-Type=application/json --body '{"principalId":"'"$CLIENT_1_SP_ID"'","resourceId":"'"$API_1_SP_ID"'","appRoleId":"0b5c7d9e-2f4a-4c6e-8a1b-3d5f7a9c2e4b"}'`,
    );
  });

  it('makes new secrets and certificates in Entra, never the DEV ONLY values, and skips the expired one', () => {
    for (const client of input.clients) {
      for (const secret of client.secrets ?? []) expect(script).not.toContain(secret.value);
    }
    expect(script).not.toMatch(/dev-only/);
    const resets = run.calls.filter((call) => call.join(' ').startsWith('ad app credential reset'));
    expect(resets.filter((call) => call.includes('--create-cert'))).toHaveLength(1);
    const expired = input.clients.findIndex((c) => c.displayName === 'ago-expired-oauth-app') + 1;
    expect(script).not.toContain(`CLIENT_${expired}_SECRET_1=`);
    expect(run.secrets).toMatch(/^CLIENT_1_SECRET_1=fake-secret-\d+$/m);
    expect(run.secrets).toMatch(/^WORKER_SUBSCRIPTION_KEY=fake-subscription-key$/m);
  });

  it('imports the APIs from the OpenAPI documents and sends the policy XML unchanged, {{named values}} kept', () => {
    expect(script).toContain(
      `az apim api import --resource-group "$APIM_RG" --service-name "$APIM_NAME" --api-id echo-api --path 'echo' --display-name 'Echo API' --specification-format OpenApiJson --specification-path 'config/gateway/openapi/echo-api.json' --service-url "$GATEWAY_ECHO_API_URL" --subscription-required true`,
    );
    const nv = run.calls.filter((call) => call.join(' ').startsWith('apim nv create'));
    const values = Object.fromEntries(
      nv.map((call) => [call[call.indexOf('--named-value-id') + 1], call[call.indexOf('--value') + 1]]),
    );
    expect(values['tenant-id']).toBe('fake-tenant');
    expect(values['echo-api-url']).toBe('https://echo.example.net/api');
    expect(values['api-app-id']).toMatch(/^fake-app-\d+$/);
    expect(Object.keys(values).some((name) => name.endsWith('-key'))).toBe(false);
    const policyFiles: Record<string, string> = {
      'policies/policy': 'policies/global.xml',
      'apis/echo-api/policies/policy': 'policies/apis/echo-api.xml',
      'apis/echo-api/operations/create-resource/policies/policy': 'policies/operations/echo-api/create-resource.xml',
      'products/starter/policies/policy': 'policies/products/starter.xml',
      'policyFragments/response-hardening': 'fragments/response-hardening.xml',
    };
    const puts = run.calls.filter((call) => call[0] === 'rest' && call.includes('PUT'));
    for (const [path, file] of Object.entries(policyFiles)) {
      const call = puts.find((c) => c[c.indexOf('--uri') + 1].includes(`/apim/${path}?api-version=`)) ?? [];
      const body = JSON.parse(call[call.indexOf('--body') + 1] ?? 'null');
      expect(body).toEqual({
        properties: { format: 'rawxml', value: readFileSync(join(repoRoot, 'config', 'gateway', file), 'utf8') },
      });
    }
    expect(readFileSync(join(repoRoot, 'config/gateway/policies/apis/echo-api.xml'), 'utf8')).toContain(
      '{{tenant-id}}',
    );
  });

  it('writes the environment switches of docs/azure.md with the new ids', () => {
    const env = Object.fromEntries(
      run.envFile
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    expect(env).toMatchObject({
      AUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
      AUTH_TENANT_ID: 'fake-tenant',
      WORKER_AUTHORITY: 'https://login.microsoftonline.com/fake-tenant',
      GATEWAY_ENTRA_AUTHORITY_HOST: '',
      GATEWAY_ENTRA_ISSUER_MODE: 'microsoft',
      GATEWAY_TENANT_ID: 'fake-tenant',
    });
    expect(env['AUTH_APP_ID_URIS']).toBe(`api://${env['AUTH_API_APP_ID']}`);
    expect(env['WORKER_SCOPE']).toBe(`api://${env['AUTH_API_APP_ID']}/.default`);
    expect(env['GATEWAY_API_APP_ID']).toBe(env['AUTH_API_APP_ID']);
    expect(env['WORKER_CLIENT_SECRET']).toMatch(/^fake-secret-\d+$/);
    // Every switch docs/azure.md documents is in the file the script writes.
    for (const [name] of docEnvLines()) expect(Object.keys(env)).toContain(name);
  });
});

describe('npm run azure: hostile names and refusals', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'azure-hostile-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes display names with quotes, $(...), backticks and newlines: az gets them as text, nothing runs', () => {
    const marker = join(dir, 'PWNED');
    const hostile = `it's "quoted" $(touch ${marker}) \`touch ${marker}\` $HOME\nnext line; touch ${marker}`;
    const registrations = structuredClone(defaultRegistrations.input) as typeof defaultRegistrations.input & {
      apis: { displayName: string }[];
      clients: { displayName: string }[];
    };
    registrations.apis[0].displayName = hostile;
    registrations.clients[0].displayName = `${hostile} client`;
    const file = join(dir, 'registrations.json');
    writeFileSync(file, JSON.stringify(registrations));
    const printed = azure(['--print', '--skip-apim', '--registrations', file]);
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.out).toContain(`--display-name 'it'\\''s "quoted" $(touch ${marker})`);
    const run = runScript(printed.out);
    try {
      expect(run.status).toBe(0);
      const names = run.calls
        .filter((call) => call.join(' ').startsWith('ad app create'))
        .map((call) => call[call.indexOf('--display-name') + 1]);
      expect(names.slice(0, 1)).toEqual([hostile]);
      expect(names).toContain(`${hostile} client`);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(run.work, { recursive: true, force: true });
    }
  });

  it('without --print refuses when az is not installed, and creates nothing', () => {
    const result = azure([], { ...process.env, PATH: dir });
    expect(result.code).toBe(1);
    expect(result.err).toContain('az (the Azure CLI) is not on the PATH, so nothing was created');
    expect(result.out).toBe('');
  });

  it('without --print runs the script with bash when az is on the PATH (here a recording fake)', () => {
    const az = fakeAz();
    try {
      const result = azure(['--skip-apim'], {
        ...process.env,
        PATH: `${az.binDir}:${process.env['PATH']}`,
        SECRETS_FILE: join(dir, 'run-secrets.env'),
        ENV_FILE: join(dir, 'run.env'),
      });
      expect(result.err).toContain('Done.');
      expect(result.code).toBe(0);
      expect(az.calls()[0]).toEqual(['account', 'show', '--query', 'tenantId', '-o', 'tsv']);
      expect(az.calls().some((call) => call[0] === 'apim')).toBe(false);
      expect(readFileSync(join(dir, 'run.env'), 'utf8')).toContain('AUTH_TENANT_ID=fake-tenant');
    } finally {
      rmSync(az.binDir, { recursive: true, force: true });
    }
  });

  it('without --print and without bash (Windows without Git Bash or WSL) says so and creates nothing', () => {
    const az = fakeAz();
    try {
      const result = azure(['--skip-apim'], { ...process.env, PATH: az.binDir });
      expect(result.code).toBe(1);
      expect(result.err).toContain('cannot start bash');
      expect(result.err).toContain('--print');
      expect(az.calls()).toEqual([]);
    } finally {
      rmSync(az.binDir, { recursive: true, force: true });
    }
  });

  it('--tenant stops the script before any change when az is signed in elsewhere', () => {
    const printed = azure(['--print', '--skip-apim', '--tenant', '0f5a3e9c-1b2d-4c3e-8f70-9a1b2c3d4e5f']);
    const run = runScript(printed.out);
    try {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('az is signed in to tenant fake-tenant, not 0f5a3e9c-1b2d-4c3e-8f70-9a1b2c3d4e5f');
      expect(run.calls).toEqual([['account', 'show', '--query', 'tenantId', '-o', 'tsv']]);
    } finally {
      rmSync(run.work, { recursive: true, force: true });
    }
  });

  it('names a bad option or tenant and shows the usage (exit 2)', () => {
    expect(azure(['--tenant', '$(id)'])).toMatchObject({ code: 2, err: expect.stringContaining('--tenant must be') });
    expect(azure(['--frobnicate'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown option --frobnicate'),
    });
  });

  it('names the bad field of an invalid registrations file (exit 1)', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ tenant: { id: 'nope' }, apis: [], clients: [] }));
    const result = azure(['--print', '--registrations', file]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('tenant.id');
  });
});

function indexOfCall(calls: string[][], prefix: string[]): number {
  return calls.findIndex((call) => prefix.every((part, i) => call[i] === part));
}
