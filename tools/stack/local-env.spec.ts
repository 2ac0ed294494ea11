import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistrationsError } from '@stack/identity-server';
import { gatewayNamedValueDefault, localStackEnv } from './local-env';
import { repoRoot } from './services';

const defaultFile = join(repoRoot, 'config', 'identity', 'registrations.json');
const defaults = () =>
  JSON.parse(readFileSync(defaultFile, 'utf8')) as {
    apis: { displayName: string; identifierUris?: string[] }[];
    clients: { displayName: string; secrets?: unknown[] }[];
  };

describe('localStackEnv: the registrations file, validated as the identity service validates it', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-env-'));
    file = join(dir, 'registrations.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const errorFor = async (content: string): Promise<RegistrationsError> => {
    await writeFile(file, content);
    try {
      localStackEnv({ IDENTITY_REGISTRATIONS: file });
    } catch (error) {
      expect(error).toBeInstanceOf(RegistrationsError);
      return error as RegistrationsError;
    }
    throw new Error('localStackEnv accepted it');
  };

  it('the default file wires the API, the client and the worker scope', () => {
    const env = localStackEnv({});
    expect(env['AUTH_APP_ID_URIS']).toMatch(/^api:\/\//);
    expect(env['WORKER_SCOPE']).toMatch(/\/\.default$/);
    expect(env['WORKER_CLIENT_SECRET']).toBeTruthy();
  });

  it('a JSON syntax error: the file is named', async () => {
    const error = await errorFor('{ "tenant": { "id": "x" }, }');
    expect(error.message).toMatch(
      new RegExp(`^Invalid registrations in .*registrations\\.json:\\n  - \\(root\\): Not valid JSON`),
    );
  });

  it('a missing file: named, with the variable that chooses it', () => {
    expect(() => localStackEnv({ IDENTITY_REGISTRATIONS: join(dir, 'nope.json') })).toThrow(
      /nope\.json:\n {2}- \(root\): Cannot read the registrations file: the file does not exist \(IDENTITY_REGISTRATIONS/,
    );
  });

  it("the identity service's own field checks apply (the same schema)", async () => {
    const registrations = defaults();
    (registrations.clients[0] as { appId?: string }).appId = 'not-a-guid';
    const error = await errorFor(JSON.stringify(registrations));
    expect(error.issues.map((issue) => issue.path)).toContain('clients[0].appId');
  });

  it('the API without identifierUris: the file and the field are named', async () => {
    const registrations = defaults();
    const index = registrations.apis.findIndex((api) => api.displayName === 'ago-apiproxy-oauth-app');
    delete registrations.apis[index].identifierUris;
    const error = await errorFor(JSON.stringify(registrations));
    expect(error.issues).toEqual([
      { path: `apis[${index}].identifierUris`, message: expect.stringContaining('needs an identifier URI') },
    ]);
  });

  it('the client without a secret: named', async () => {
    const registrations = defaults();
    const client = registrations.clients.find((c) => c.displayName === 'ago-apiclient-oauth-app');
    if (client) client.secrets = [];
    const error = await errorFor(JSON.stringify(registrations));
    expect(error.message).toContain('must register the API "ago-apiproxy-oauth-app" and the client');
  });
});

describe('gatewayNamedValueDefault', () => {
  it('reads a default from config/gateway/named-values.json', () => {
    expect(gatewayNamedValueDefault('worker-primary-key')).toBeTruthy();
  });

  it('a named value without a default: the file and the name', () => {
    expect(() => gatewayNamedValueDefault('no-such-value')).toThrow(
      /named-values\.json: namedValues\.no-such-value needs a default/,
    );
  });
});
