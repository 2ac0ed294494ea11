/**
 * The generator on a virtual tree that holds the workspace's real configuration (registrations, gateway, stack list,
 * docker-compose.yml, .env.example, tools/project.json), so what it adds is checked against what is there today.
 */
import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parseRegistrations } from '@stack/identity-server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { protectedServiceGenerator } from './generator';
import { openApiDocument } from './openapi-document';
import { normalizeOptions } from './options';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');
const CONFIG_FILES = [
  'config/identity/registrations.json',
  'config/gateway/apis.json',
  'config/gateway/named-values.json',
  'config/gateway/products.json',
  'config/stack/services.json',
  'tools/project.json',
  'tools/bench/project.json',
  'tools/generators/project.json',
  'docker-compose.yml',
  '.env.example',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of CONFIG_FILES) tree.write(file, readFileSync(join(workspaceRoot, file), 'utf8'));
  return tree;
}

interface Registrations {
  apis: {
    displayName: string;
    appId: string;
    identifierUris: string[];
    accessTokenAcceptedVersion: number | null;
    appRoles: { value: string; id: string }[];
  }[];
  clients: { displayName: string; appId: string }[];
  roleAssignments: { client: string; api: string; roles: string[] }[];
}

/** Files createTreeWithEmptyWorkspace() starts with. */
const emptyWorkspace = new Set(
  createTreeWithEmptyWorkspace()
    .listChanges()
    .map((c) => c.path),
);
const isEmptyWorkspaceFile = (path: string) => emptyWorkspace.has(path);

// Jest cannot load Prettier as Nx's formatFiles does (a dynamic import); the e2e spec runs the formatted command.
const reports = { name: 'reports-api', roles: 'Reports.Read,Reports.Write', skipFormat: true };

describe('nx g @stack/tools:protected-service', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = workspaceTree();
  });

  it('lists the files it creates and updates (what --dry-run prints), and writes nothing else', async () => {
    const before = new Map(CONFIG_FILES.map((file) => [file, tree.read(file, 'utf-8')]));
    await protectedServiceGenerator(tree, reports);
    // The config files were written into the virtual tree too: a change to one of them is an update.
    const changed = tree.listChanges().filter((c) => c.type !== 'DELETE' && !c.path.startsWith('.nx'));
    const updated = changed
      .filter((c) => before.has(c.path) && tree.read(c.path, 'utf-8') !== before.get(c.path))
      .map((c) => c.path);
    const created = changed.filter((c) => !before.has(c.path) && !isEmptyWorkspaceFile(c.path)).map((c) => c.path);
    expect(updated.sort()).toEqual([...CONFIG_FILES].sort());
    expect(created.filter((file) => !file.startsWith('apps/reports-api/')).sort()).toEqual([
      'config/gateway/openapi/reports-api.json',
      'config/gateway/policies/apis/reports-api.xml',
      'config/gateway/policies/operations/reports-api/create-resource.xml',
      'config/gateway/policies/operations/reports-api/retrieve-resource.xml',
    ]);
    expect(created).toEqual(
      expect.arrayContaining([
        'apps/reports-api/project.json',
        'apps/reports-api/src/main.ts',
        'apps/reports-api/src/reports-api.spec.ts',
        'apps/reports-api/src/resource/resource.controller.ts',
        'apps/reports-api/src/config/reports-api-config.ts',
        'apps/reports-api/jest.config.cts',
        'apps/reports-api/webpack.config.js',
      ]),
    );
    expect(created.some((file) => file.includes('__') || file.endsWith('tmpl__'))).toBe(false);
    expect(readJson(tree, 'apps/reports-api/project.json')).toMatchObject({ name: 'reports-api', tags: ['type:app'] });
  });

  it('registers the API app with new ids and its roles, valid for the identity service, granted to the default client', async () => {
    const before = readJson<Registrations>(tree, 'config/identity/registrations.json');
    await protectedServiceGenerator(tree, reports);
    const after = readJson<Registrations>(tree, 'config/identity/registrations.json');
    expect(() => parseRegistrations(after)).not.toThrow();
    expect(after.apis).toHaveLength(before.apis.length + 1);
    const api = after.apis.find((a) => a.displayName === 'reports-api');
    expect(api?.appId).toMatch(GUID);
    expect(before.apis.some((a) => a.appId === api?.appId)).toBe(false);
    expect(api).toMatchObject({ identifierUris: [`api://${api?.appId}`], accessTokenAcceptedVersion: 2 });
    expect(api?.appRoles.map((role) => role.value)).toEqual(['Reports.Read', 'Reports.Write']);
    for (const role of api?.appRoles ?? []) expect(role.id).toMatch(GUID);
    const client = after.clients.find((c) => c.displayName === 'ago-apiclient-oauth-app');
    expect(after.roleAssignments).toContainEqual({
      client: client?.appId,
      api: api?.appId,
      roles: ['Reports.Read', 'Reports.Write'],
    });
  });

  it('publishes it on the gateway: API, operations, policies with its own audience, named values, products, OpenAPI', async () => {
    await protectedServiceGenerator(tree, reports);
    const appId = readJson<Registrations>(tree, 'config/identity/registrations.json').apis.find(
      (a) => a.displayName === 'reports-api',
    )?.appId;
    const { apis } = readJson<{
      apis: { id: string; path: string; serviceUrl: string; operations: { method: string }[] }[];
    }>(tree, 'config/gateway/apis.json');
    const api = apis.find((a) => a.id === 'reports-api');
    expect(api).toMatchObject({ path: 'reports', serviceUrl: '{{reports-api-url}}' });
    expect(api?.operations.map((o) => o.method)).toEqual(['GET', 'POST']);
    const { namedValues } = readJson(tree, 'config/gateway/named-values.json');
    expect(namedValues['reports-api-app-id']).toEqual({ env: 'GATEWAY_REPORTS_API_APP_ID', default: appId });
    expect(namedValues['reports-api-url']).toEqual({
      env: 'GATEWAY_REPORTS_API_URL',
      default: 'http://127.0.0.1:3010',
    });
    for (const product of readJson<{ products: { apis: string[] }[] }>(tree, 'config/gateway/products.json').products) {
      if (product.apis.includes('protected-api')) expect(product.apis).toContain('reports-api');
    }
    const policy = tree.read('config/gateway/policies/apis/reports-api.xml', 'utf-8');
    expect(policy).toContain('<value>{{reports-api-app-id}}</value>');
    expect(policy).toContain('<claim name="azp" match="any">');
    expect(policy).toContain('/v2.0/.well-known/openid-configuration');
    const read = tree.read('config/gateway/policies/operations/reports-api/retrieve-resource.xml', 'utf-8');
    expect(read).toContain('failed-validation-httpcode="403"');
    expect(read).toContain('<value>Reports.Read</value>');
    expect(tree.read('config/gateway/policies/operations/reports-api/create-resource.xml', 'utf-8')).toContain(
      '<value>Reports.Write</value>',
    );
    expect(readJson(tree, 'config/gateway/openapi/reports-api.json')).toEqual(
      openApiDocument(normalizeOptions(workspaceTree(), reports)),
    );
  });

  it('adds it to npm start, docker-compose.yml and .env.example with its own AUTH settings', async () => {
    await protectedServiceGenerator(tree, reports);
    const appId = readJson<Registrations>(tree, 'config/identity/registrations.json').apis.find(
      (a) => a.displayName === 'reports-api',
    )?.appId;
    expect(readJson(tree, 'config/stack/services.json').services).toContainEqual({
      name: 'reports-api',
      envPrefix: 'REPORTS_API',
      defaultPort: 3010,
      registration: 'reports-api',
      gatewayPath: 'reports',
      roles: ['Reports.Read', 'Reports.Write'],
    });
    for (const project of ['tools/project.json', 'tools/bench/project.json', 'tools/generators/project.json']) {
      expect(readJson(tree, project).implicitDependencies).toContain('reports-api');
    }
    const compose = parseYaml(tree.read('docker-compose.yml', 'utf-8') ?? '', { merge: true }) as {
      services: Record<string, { environment: Record<string, string>; depends_on?: Record<string, unknown> }>;
    };
    expect(compose.services['reports-api'].environment).toMatchObject({
      REPORTS_API_PORT: '3010',
      REPORTS_API_AUTH_API_APP_ID: `\${REPORTS_API_AUTH_API_APP_ID:-${appId}}`,
      REPORTS_API_AUTH_APP_ID_URIS: `\${REPORTS_API_AUTH_APP_ID_URIS:-api://${appId}}`,
    });
    expect(compose.services['gateway'].depends_on).toHaveProperty('reports-api');
    expect(compose.services['gateway'].environment['GATEWAY_REPORTS_API_URL']).toBe(
      '${GATEWAY_REPORTS_API_URL:-http://reports-api:3010}',
    );
    const envExample = tree.read('.env.example', 'utf-8') ?? '';
    expect(envExample).toContain(`REPORTS_API_AUTH_API_APP_ID=${appId}\n`);
    expect(envExample).toContain(`REPORTS_API_AUTH_APP_ID_URIS=api://${appId}\n`);
  });

  it('refuses to run twice, naming what already exists', async () => {
    await protectedServiceGenerator(tree, reports);
    await expect(protectedServiceGenerator(tree, reports)).rejects.toThrow(
      /Cannot generate reports-api: it already exists \(apps\/reports-api\/ exists; config\/stack\/services.json lists reports-api; config\/identity\/registrations.json has an API app "reports-api"; config\/gateway\/apis.json has the API "reports-api"/,
    );
  });

  it('refuses a gateway path another API already has', async () => {
    await expect(
      protectedServiceGenerator(tree, { name: 'echo', roles: 'Echo.Read', skipFormat: true }),
    ).rejects.toThrow(/already publishes "echo-api" at \/echo/);
  });

  it('takes --port, refusing one another service has, and picks the next free port for the next service', async () => {
    await expect(protectedServiceGenerator(tree, { ...reports, port: 3000 })).rejects.toThrow(
      /--port 3000 is already the port of protected-api/,
    );
    await protectedServiceGenerator(tree, { ...reports, port: 3020 });
    expect(readJson(tree, 'config/gateway/named-values.json').namedValues['reports-api-url'].default).toBe(
      'http://127.0.0.1:3020',
    );
    expect(tree.read('apps/reports-api/src/config/reports-api-config.ts', 'utf-8')).toContain('.default(3020)');
    expect(tree.read('docker-compose.yml', 'utf-8')).toContain("'127.0.0.1:3020:3020'");
    await expect(
      protectedServiceGenerator(tree, { name: 'audit-api', roles: 'Audit.Read', port: 3020, skipFormat: true }),
    ).rejects.toThrow(/already the port of reports-api/);
    await protectedServiceGenerator(tree, { name: 'audit-api', roles: 'Audit.Read', skipFormat: true });
    const audit = readJson<{ services: { name: string; defaultPort: number }[] }>(
      tree,
      'config/stack/services.json',
    ).services.find((s) => s.name === 'audit-api');
    expect(audit?.defaultPort).toBe(3010);
  });

  it('--token-version 1 registers a v1 API and checks aud as the App ID URI and appid at the gateway', async () => {
    await protectedServiceGenerator(tree, { ...reports, tokenVersion: 1 });
    const api = readJson<Registrations>(tree, 'config/identity/registrations.json').apis.find(
      (a) => a.displayName === 'reports-api',
    );
    expect(api?.accessTokenAcceptedVersion).toBe(1);
    const policy = tree.read('config/gateway/policies/apis/reports-api.xml', 'utf-8');
    expect(policy).toContain('<value>api://{{reports-api-app-id}}</value>');
    expect(policy).toContain('<claim name="appid" match="any">');
    expect(policy).toContain('{{tenant-id}}/.well-known/openid-configuration');
  });

  it('one role guards both routes; bad names and roles are refused with what to do', async () => {
    await protectedServiceGenerator(tree, { name: 'audit-api', roles: 'Audit.Read', skipFormat: true });
    const controller = tree.read('apps/audit-api/src/resource/resource.controller.ts', 'utf-8');
    expect(controller).toContain("READ_ROLE = 'Audit.Read'");
    expect(controller).toContain("WRITE_ROLE = 'Audit.Read'");
    await expect(
      protectedServiceGenerator(tree, { name: 'Reports API', roles: 'A.Read', skipFormat: true }),
    ).rejects.toThrow(/not a valid service name: use kebab-case/);
    await expect(
      protectedServiceGenerator(tree, { name: 'x-api', roles: 'Read All', skipFormat: true }),
    ).rejects.toThrow(/Invalid app role\(s\) Read All/);
    await expect(protectedServiceGenerator(tree, { name: 'x-api', roles: ' , ', skipFormat: true })).rejects.toThrow(
      /--roles is required/,
    );
  });
});
