import { join } from 'node:path';
import { defaultRegistrations } from '@stack/testing';
import { repoRoot } from '../services';
import { parseCallArgs, type CallOptions } from './call-options';
import { resolveCall } from './call-target';

const { clients, apis, tenantId } = defaultRegistrations;
const options = (...args: string[]) => parseCallArgs(args) as CallOptions;
/** Only what a user's shell might set: the defaults come from the repository's config. */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'], ...extra });

describe('resolveCall', () => {
  it("defaults to the worker's client, scope, the gateway and the worker subscription's key", () => {
    const plan = resolveCall(options('GET', '/protected/resource'), env());
    expect(plan).toEqual({
      method: 'GET',
      url: 'http://localhost:8080/protected/resource',
      body: undefined,
      token: {
        authority: `https://localhost:5443/${tenantId}`,
        clientId: clients.apiClient.appId,
        clientLabel: 'ago-apiclient-oauth-app',
        credential: { kind: 'secret', clientSecret: clients.apiClient.secret },
        scope: apis.apiProxy.scope,
      },
      subscriptionKey: 'dev-only-worker-primary-key',
      caPath: join(repoRoot, '.data', 'certs', 'ca.pem'),
    });
  });

  it('follows the ports and data folder of the environment, as npm start does', () => {
    const plan = resolveCall(
      options('GET', '/echo/resource'),
      env({ IDENTITY_PORT: '6443', GATEWAY_PORT: '9090', IDENTITY_DATA_DIR: join('tmp', 'data') }),
    );
    expect(plan.url).toBe('http://localhost:9090/echo/resource');
    expect(plan.token?.authority).toBe(`https://localhost:6443/${tenantId}`);
    // Relative data folders are the repository's, wherever the command runs (as npm start resolves them).
    expect(plan.caPath).toBe(join(repoRoot, 'tmp', 'data', 'certs', 'ca.pem'));
  });

  it('finds a client by name or appId; the certificate client uses the files the identity service generated', () => {
    const byName = resolveCall(options('--client', 'AGO-NOROLE-OAUTH-APP', 'GET', '/x'), env());
    expect(byName.token).toMatchObject({
      clientId: clients.noRoleClient.appId,
      credential: { kind: 'secret', clientSecret: clients.noRoleClient.secret },
    });
    const dataDir = join('tmp', 'd');
    const certificate = resolveCall(
      options('--client', clients.certificateClient.appId, 'GET', '/x'),
      env({ IDENTITY_DATA_DIR: dataDir }),
    );
    expect(certificate.token).toMatchObject({
      clientLabel: 'ago-certclient-oauth-app',
      credential: {
        kind: 'certificate',
        certificatePath: join(repoRoot, dataDir, 'clients', 'ago-certclient-oauth-app.pem'),
        privateKeyPath: join(repoRoot, dataDir, 'clients', 'ago-certclient-oauth-app.key'),
      },
    });
  });

  it('turns --api into <App ID URI>/.default and passes --scope as is', () => {
    expect(resolveCall(options('--api', 'ago-legacyapi-oauth-app', 'GET', '/x'), env()).token?.scope).toBe(
      'api://9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b/.default',
    );
    expect(resolveCall(options('--scope', 'anything', 'GET', '/x'), env()).token?.scope).toBe('anything');
  });

  it("sends a subscription's primary key (its GATEWAY_* variable when set), a given key, or none", () => {
    const starter = (extra?: NodeJS.ProcessEnv) =>
      resolveCall(options('--subscription', 'starter-trial', 'GET', '/x'), env(extra)).subscriptionKey;
    expect(starter()).toBe('dev-only-starter-primary-key');
    expect(starter({ GATEWAY_STARTER_PRIMARY_KEY: 'from-env' })).toBe('from-env');
    expect(resolveCall(options('--key', 'k1', 'GET', '/x'), env()).subscriptionKey).toBe('k1');
    expect(resolveCall(options('--no-key', 'GET', '/x'), env()).subscriptionKey).toBeUndefined();
  });

  it('calls --url or a full URL, and without a token when asked', () => {
    expect(resolveCall(options('--url', 'http://localhost:3000/', 'GET', '/resource'), env()).url).toBe(
      'http://localhost:3000/resource',
    );
    expect(resolveCall(options('GET', 'http://example.test/a?b=1'), env()).url).toBe('http://example.test/a?b=1');
    expect(resolveCall(options('--no-token', 'GET', '/x'), env()).token).toBeUndefined();
  });

  it('names the known clients, APIs and subscriptions when one is not found', () => {
    expect(() => resolveCall(options('--client', 'nobody', 'GET', '/x'), env())).toThrow(
      /No client "nobody" in the app registrations\. Known clients: ago-apiclient-oauth-app, /,
    );
    expect(() => resolveCall(options('--api', 'nothing', 'GET', '/x'), env())).toThrow(
      /No API "nothing" .* Known APIs: ago-apiproxy-oauth-app, ago-legacyapi-oauth-app/,
    );
    expect(() => resolveCall(options('--subscription', 'gold', 'GET', '/x'), env())).toThrow(
      /No subscription "gold" in config\/gateway\/subscriptions\.json\. Known: worker, /,
    );
  });

  it('--user: no client-credentials token; the sign-in plan for the default API, or the --api/--scope asked for', () => {
    const plan = resolveCall(options('--user', 'megan@stack.local', 'GET', '/echo/resource'), env());
    expect(plan.token).toBeUndefined();
    expect(plan.signIn).toMatchObject({
      request: { authority: `https://localhost:5443/${tenantId}`, scope: apis.apiProxy.scope },
      userLabel: 'Megan Bowen (megan@stack.local)',
    });
    const scoped = resolveCall(
      options('--user', 'megan@stack.local', '--scope', `${apis.apiProxy.appIdUri}/Echo.Read.User`, 'GET', '/x'),
      env(),
    );
    expect(scoped.signIn?.request.scope).toBe(`${apis.apiProxy.appIdUri}/Echo.Read.User`);
  });

  it('--api with a gateway API id says --api names an app registration', () => {
    expect(() => resolveCall(options('--api', 'echo-api', 'GET', '/echo/resource'), env())).toThrow(
      /a gateway API such as echo-api is reached by its path/,
    );
  });
});
