import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { composeConfig, composeServicesOf, type ComposeConfig, type ComposeService } from '@stack/testing';
import { portalOptionsFor } from './app/portal-options';
import { loadGatewayEnv } from './config/gateway-env';
import { readGatewayConfig } from '@stack/gateway-adapters';

// The gateway service of docker-compose.yml gets an environment the gateway's own loaders accept, and its named
// values point the APIs at the compose services.
const repoRoot = join(__dirname, '..', '..', '..');
const tenantId = '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60';
const apiAppId = '4a41d081-77b5-4936-b87c-52b76b36dbc2';
const workDir = '/app';

/** Services added with `nx g @stack/tools:protected-service` (config/stack/services.json): compose backends too. */
const generatedServices = (
  JSON.parse(readFileSync(join(repoRoot, 'config', 'stack', 'services.json'), 'utf8')) as {
    services: { name: string; defaultPort: number }[];
  }
).services;
/** The backends of the gateway in compose: the two of the template and every generated service. */
const composeBackendUrls = [
  'http://echo-api:3001/api',
  'http://protected-api:3000',
  ...generatedServices.map((service) => `http://${service.name}:${service.defaultPort}`),
].sort();

const scratch = mkdtempSync(join(tmpdir(), 'gateway-compose-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gatewayOf(config: ComposeConfig): ComposeService {
  const services = composeServicesOf(config, 'gateway');
  expect(services.map((service) => service.name)).toEqual(['gateway']);
  return services[0] as ComposeService;
}

/** config/gateway/ as the container sees it (relative to the image's WORKDIR), found in this checkout. */
function configDirInRepo(configDir: string): string {
  const inImage = posix.resolve(workDir, configDir);
  expect(inImage.startsWith(`${workDir}/`)).toBe(true);
  return join(repoRoot, posix.relative(workDir, inImage));
}

describe.each([
  ['the compose defaults', () => composeConfig()],
  ['.env.example', () => composeConfig({ envFile: join(repoRoot, '.env.example') })],
])('docker-compose.yml gateway service with %s', (_, load: () => ComposeConfig) => {
  const config = load();
  const gateway = gatewayOf(config);
  const identity = config.services['identity'];

  it('is published on 127.0.0.1:8080, probed on APIM status path, and starts after identity and its backends', () => {
    expect(gateway.ports).toEqual(['127.0.0.1:8080:8080/tcp']);
    expect(gateway.healthcheck?.join(' ')).toContain('http://127.0.0.1:8080/status-0123456789abcdef');
    expect(gateway.dependsOn).toEqual({
      identity: 'service_healthy',
      'echo-api': 'service_healthy',
      'protected-api': 'service_healthy',
      ...Object.fromEntries(generatedServices.map((service) => [service.name, 'service_healthy'])),
    });
    expect(gateway.environment['NODE_EXTRA_CA_CERTS']).toBe('/app/.data/certs/ca.pem');
    expect(gateway.volumes).toContain('dev-ca:/app/.data/certs:ro');
  });

  it('the gateway env loader accepts its environment: every interface, Entra served by the identity service', () => {
    expect(loadGatewayEnv(gateway.environment)).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      configDir: 'config/gateway',
      entraAuthorityHost: 'https://identity:5443',
      entraIssuerMode: 'local',
      backendConnectTimeoutMs: 5000,
      backendTimeoutMs: 30000,
      portal: { tokenUrl: `https://localhost:5443/${tenantId}/oauth2/v2.0/token` },
      logLevel: 'info',
    });
  });

  it('expects the issuers the identity service puts in its tokens', () => {
    // `local` tokens carry issuers on IDENTITY_PUBLIC_URL, which must be the host the gateway fetches Entra from.
    expect(gateway.environment['GATEWAY_ENTRA_AUTHORITY_HOST']).toBe(identity?.environment['IDENTITY_PUBLIC_URL']);
    expect(gateway.environment['GATEWAY_ENTRA_ISSUER_MODE']).toBe(identity?.environment['IDENTITY_ISSUER_MODE']);
  });

  it("lets the portal get tokens from the browser: the identity service's published port, CORS for the portal", () => {
    const tokenUrl = new URL(loadGatewayEnv(gateway.environment).portal.tokenUrl ?? '');
    expect(tokenUrl.hostname).toBe('localhost');
    expect(identity?.ports).toContain(`127.0.0.1:${tokenUrl.port}:5443/tcp`);
    expect(identity?.environment['IDENTITY_CORS_ORIGINS']?.split(',')).toContain('http://localhost:8080');
  });

  it('resolves the named values to the compose services and the local registrations', () => {
    const env = loadGatewayEnv(gateway.environment);
    const definition = readGatewayConfig(configDirInRepo(env.configDir), gateway.environment);
    // Every published API points at a compose backend (apis.json decides which APIs there are).
    expect(Object.fromEntries(definition.apis.map((api) => [api.id, api.serviceUrl]))).toMatchObject({
      'echo-api': 'http://echo-api:3001/api',
      'protected-api': 'http://protected-api:3000',
    });
    expect([...new Set(definition.apis.map((api) => api.serviceUrl))].sort()).toEqual(composeBackendUrls);
    expect(config.services['echo-api']?.environment['ECHO_API_PORT']).toBe('3001');
    expect(config.services['protected-api']?.environment['PROTECTED_API_PORT']).toBe('3000');
    // validate-azure-ad-token and protected-api accept the same tenant and audience.
    const protectedApi = config.services['protected-api']?.environment ?? {};
    expect(definition.namedValues).toMatchObject({ 'tenant-id': tenantId, 'api-app-id': apiAppId });
    expect(protectedApi['AUTH_TENANT_ID']).toBe(tenantId);
    expect(protectedApi['AUTH_API_APP_ID']).toBe(apiAppId);
    expect(portalOptionsFor(definition, env)).toMatchObject({
      tokenUrl: `https://localhost:5443/${tenantId}/oauth2/v2.0/token`,
      clientId: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
      apis: expect.arrayContaining([expect.objectContaining({ scope: `api://${apiAppId}/.default` })]),
    });
  });

  it.each(['worker-1', 'worker-2'])(
    "%s calls protected-api through the gateway with the worker subscription's key",
    (name) => {
      const worker = config.services[name]?.environment ?? {};
      const definition = readGatewayConfig(
        configDirInRepo(loadGatewayEnv(gateway.environment).configDir),
        gateway.environment,
      );
      const subscription = definition.subscriptions.find((candidate) => candidate.id === 'worker');
      expect(worker['WORKER_API_BASE_URL']).toBe('http://gateway:8080');
      expect(worker['WORKER_API_PATH']).toBe('/protected/resource');
      expect(definition.apis.find((api) => api.id === 'protected-api')?.path).toBe('protected');
      expect(worker['WORKER_SUBSCRIPTION_KEY']).toBe(subscription?.primaryKey);
      expect(config.services[name]?.dependsOn['gateway']).toBe('service_healthy');
    },
  );
});

describe('docker-compose.yml gateway service with .env overrides', () => {
  it('passes every named value of config/gateway/named-values.json through from .env', () => {
    const { namedValues } = JSON.parse(
      readFileSync(join(repoRoot, 'config', 'gateway', 'named-values.json'), 'utf8'),
    ) as {
      namedValues: Record<string, string | { env: string }>;
    };
    const expected: Record<string, string> = {};
    const lines: string[] = [];
    for (const [name, spec] of Object.entries(namedValues)) {
      if (typeof spec === 'string') continue;
      // Backend URLs must stay URLs; everything else only has to arrive unchanged.
      expected[name] = name.endsWith('-url') ? `http://${name}.example:8000` : `from-env-${name}`;
      lines.push(`${spec.env}=${expected[name]}`);
    }
    const envFile = join(scratch, 'named-values.env');
    writeFileSync(envFile, `${lines.join('\n')}\n`);
    const gateway = gatewayOf(composeConfig({ envFile }));

    const definition = readGatewayConfig(
      configDirInRepo(loadGatewayEnv(gateway.environment).configDir),
      gateway.environment,
    );
    expect(definition.namedValues).toMatchObject(expected);
  });

  it('the Entra switch of .env.example, filled in, points the gateway and its portal at the real Entra tenant', () => {
    const entraTenant = '11111111-2222-4333-8444-555555555555';
    const entraApi = '66666666-7777-4888-9999-aaaaaaaaaaaa';
    const entraClient = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
    const entraPortalSpa = 'dddddddd-eeee-4fff-8000-111111111111';
    const placeholders: Record<string, string> = {
      '<your tenant id>': entraTenant,
      "<API app's application (client) id>": entraApi,
      "<client app's application (client) id>": entraClient,
      "<client app's secret>": 'entra-client-secret',
      "<portal SPA app's application (client) id>": entraPortalSpa,
      "<no-role client app's application (client) id>": 'cccccccc-dddd-4eee-8fff-000000000001',
      "<certificate client app's application (client) id>": 'cccccccc-dddd-4eee-8fff-000000000002',
      '<your APIM instance>': 'contoso-apim',
      "<your APIM subscription's primary key>": 'apim-subscription-key',
    };
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const [base, entraBlock] = example.split(/^# --- Point at a real Entra tenant.*$/m);
    expect(entraBlock).toBeDefined();
    const filledIn = (entraBlock ?? '')
      .split('\n')
      .filter((line) => /^# [A-Z][A-Z0-9_]*=/.test(line))
      .map((line) =>
        line.slice(2).replace(/<[^>]+>/g, (placeholder) => {
          const value = placeholders[placeholder];
          if (value === undefined) throw new Error(`add ${placeholder} to this test's placeholders`);
          return value;
        }),
      );
    const envFile = join(scratch, 'entra.env');
    writeFileSync(envFile, `${base}\n${filledIn.join('\n')}\n`);
    const gateway = gatewayOf(composeConfig({ envFile }));

    const env = loadGatewayEnv(gateway.environment);
    expect(env).toMatchObject({ entraIssuerMode: 'microsoft', portal: { tokenUrl: undefined } });
    expect(env.entraAuthorityHost).toBeUndefined();
    const definition = readGatewayConfig(configDirInRepo(env.configDir), gateway.environment);
    expect(definition.namedValues).toMatchObject({
      'tenant-id': entraTenant,
      'api-app-id': entraApi,
      'client-app-id': entraClient,
      'portal-client-id': entraClient,
      'portal-client-app-id': entraPortalSpa,
    });
    expect(portalOptionsFor(definition, env)).toMatchObject({
      tokenUrl: `https://login.microsoftonline.com/${entraTenant}/oauth2/v2.0/token`,
      clientId: entraClient,
      apis: expect.arrayContaining([expect.objectContaining({ scope: `api://${entraApi}/.default` })]),
    });
    // The backends stay the compose services.
    expect([...new Set(definition.apis.map((api) => api.serviceUrl))].sort()).toEqual(composeBackendUrls);
  });
});
