import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayConfigError } from '@stack/apim-policy';
import { readGatewayConfig } from './read-gateway-config';

const defaultConfigDir = join(__dirname, '..', '..', '..', '..', '..', 'config', 'gateway');

describe('readGatewayConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
    cpSync(defaultConfigDir, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    change(json);
    writeFileSync(join(dir, file), JSON.stringify(json));
  };
  const failure = (env: NodeJS.ProcessEnv = {}): GatewayConfigError => {
    try {
      readGatewayConfig(dir, env);
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayConfigError);
      return error as GatewayConfigError;
    }
    throw new Error('expected a GatewayConfigError');
  };

  it('reads the default configuration: the Echo API and protected-api, two products, three subscriptions', () => {
    const definition = readGatewayConfig(defaultConfigDir, {});
    // The list of APIs is read from apis.json: tests must not break when an API is published.
    const listed = (JSON.parse(readFileSync(join(defaultConfigDir, 'apis.json'), 'utf8')) as { apis: { id: string }[] })
      .apis;
    expect(definition.apis.map((api) => api.id)).toEqual(listed.map((api) => api.id));
    expect(definition.apis.map((api) => [api.id, api.path, api.serviceUrl])).toEqual(
      expect.arrayContaining([
        ['echo-api', 'echo', 'http://127.0.0.1:3001/api'],
        ['protected-api', 'protected', 'http://127.0.0.1:3000'],
      ]),
    );
    expect(definition.products.map((product) => product.id)).toEqual(['starter', 'unlimited']);
    expect(definition.subscriptions.find((s) => s.id === 'worker')?.primaryKey).toBe('dev-only-worker-primary-key');
    expect([...definition.policies.operations.keys()]).toEqual(
      expect.arrayContaining([
        'echo-api/create-resource',
        'echo-api/retrieve-resource-cached',
        'echo-api/test-status',
        'protected-api/relayed-by-gateway',
      ]),
    );
    expect([...(definition.policies.fragments?.keys() ?? [])]).toEqual(['response-hardening']);
    expect(definition.policies.global?.xml).toContain('X-Request-Id');
  });

  it('takes named values from the environment', () => {
    const definition = readGatewayConfig(defaultConfigDir, {
      GATEWAY_ECHO_API_URL: 'http://echo-api:3001/api/',
      GATEWAY_WORKER_PRIMARY_KEY: 'from-env',
    });
    expect(definition.apis[0].serviceUrl).toBe('http://echo-api:3001/api');
    expect(definition.subscriptions[0].primaryKey).toBe('from-env');
    expect(definition.namedValues['echo-api-url']).toBe('http://echo-api:3001/api/');
  });

  it('names the file and JSON path of every schema problem', () => {
    edit('apis.json', (json) => {
      const [api] = json['apis'] as Array<Record<string, unknown>>;
      api['path'] = '/echo/';
      api['subscriptionRequire'] = true;
    });
    const error = failure();
    expect(error.code).toBe('CONFIG_FILE_INVALID');
    expect(error.message).toContain(`${join(dir, 'apis.json')}: invalid configuration:`);
    expect(error.message).toContain(
      'apis[0].path: must be a path suffix without leading or trailing "/", e.g. echo or team/orders',
    );
    expect(error.message).toContain('apis[0]: Unrecognized key: "subscriptionRequire"');
  });

  it('refuses a serviceUrl that is not http(s), an unknown named value and a missing environment variable', () => {
    edit('apis.json', (json) => ((json['apis'] as Array<Record<string, unknown>>)[0]['serviceUrl'] = 'ftp://x'));
    expect(failure().message).toMatch(/apis\.json apis\[0\]\.serviceUrl: "ftp:\/\/x" is not an http\(s\) URL/);

    edit('apis.json', (json) => ((json['apis'] as Array<Record<string, unknown>>)[0]['serviceUrl'] = '{{nope}}'));
    expect(failure().message).toMatch(
      /apis\[0\]\.serviceUrl: unknown named value \{\{nope\}\}; define it in config\/gateway\/named-values\.json/,
    );

    edit(
      'named-values.json',
      (json) => ((json['namedValues'] as Record<string, unknown>)['echo-api-url'] = { env: 'ECHO_URL_UNSET' }),
    );
    expect(failure().message).toMatch(
      /namedValues\.echo-api-url: named value "echo-api-url" reads the environment variable ECHO_URL_UNSET, which is not set/,
    );
  });

  it('cross-checks products, subscriptions, keys and policy files', () => {
    edit(
      'products.json',
      (json) => ((json['products'] as Array<Record<string, unknown>>)[0]['apis'] = ['echo-api', 'echo']),
    );
    expect(failure()).toMatchObject({ code: 'CONFIG_REFERENCE_UNKNOWN' });
    expect(failure().message).toMatch(
      /products\[0\]\.apis\[1\]: no API has the id "echo" \(known: "echo-api", (".+", )*"protected-api"(, "[^"]+")*\)/,
    );
  });

  it('refuses a subscription scoped to an unknown product and keys used twice', () => {
    edit(
      'subscriptions.json',
      (json) => ((json['subscriptions'] as Array<Record<string, unknown>>)[0]['scope'] = 'product:gold'),
    );
    expect(failure().message).toMatch(/subscriptions\[0\]\.scope: no product has the id "gold"/);
    edit('subscriptions.json', (json) => {
      const subscriptions = json['subscriptions'] as Array<Record<string, unknown>>;
      subscriptions[0]['scope'] = 'all';
      subscriptions[1]['primaryKey'] = '{{worker-primary-key}}';
    });
    expect(failure().message).toMatch(
      /primaryKey\/secondaryKey \(every key must be unique\) "dev-only-worker-primary-key" appears more than once/,
    );
  });

  it('refuses a policy file for an operation that does not exist', () => {
    mkdirSync(join(dir, 'policies', 'operations', 'echo-api'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'operations', 'echo-api', 'create-resorce.xml'), '<policies />');
    expect(failure().message).toMatch(
      /create-resorce\.xml: API "echo-api" has no operation "create-resorce" \(known: "retrieve-resource"/,
    );
  });

  it('says which file is missing or not JSON', () => {
    rmSync(join(dir, 'products.json'));
    expect(failure()).toMatchObject({ code: 'CONFIG_FILE_MISSING' });
    writeFileSync(join(dir, 'products.json'), '{ nope');
    expect(failure().message).toMatch(/products\.json: not valid JSON/);
  });
});
