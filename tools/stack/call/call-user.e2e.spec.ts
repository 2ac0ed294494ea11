/**
 * `npm run call -- --user <upn>` and the sign-in module it shares with the demo, against the built stack (one process
 * per app, free ports, a private data folder): the dev user is signed in on the identity service's real sign-in page
 * with the authorization code flow and PKCE, and the gateway decides on the token that comes out.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistrations, trustDevCa } from '@stack/testing';
import { decodeJwt } from 'jose';
import { runNpmCall, type SnippetTarget } from '../../readme/run-snippet';
import { freePortsEnv } from '../free-ports-env';
import { localStackEnv } from '../local-env';
import { devCaPath, startStack, type Stack } from '../stack';
import { signInDevUser, SignInError } from './sign-in-dev-user';
import { resolveUserSignIn } from './user-target';
import { readRegistrations } from './worker-defaults';

const { tenantId, apis } = defaultRegistrations;
const adele = { objectId: '94642285-d159-4d96-bac8-92ba0d8aaac5', userPrincipalName: 'adele@stack.local' };
const echoReadUser = `${apis.apiProxy.appIdUri}/Echo.Read.User`;

describe('npm run call -- --user (authorization code with PKCE, headless)', () => {
  let stack: Stack | undefined;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let target: SnippetTarget;
  let authority: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'call-user-e2e-'));
    env = localStackEnv({ ...process.env, ...(await freePortsEnv()), IDENTITY_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    stack = await startStack({ env });
    trustDevCa(await readFile(devCaPath(env), 'utf8'));
    const port = (name: string) => new URL(stack?.services.find((s) => s.spec.name === name)?.url as string).port;
    target = {
      identityPort: port('identity'),
      gatewayPort: port('gateway'),
      protectedApiPort: port('protected-api'),
      echoApiPort: port('echo-api'),
      dataDir,
    };
    authority = `https://localhost:${port('identity')}/${tenantId}`;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("Adele's token (scp only): the fixed Echo policy answers 200, the app-only one 403 with its reason", async () => {
    const [fixed, appOnly] = await Promise.all([
      runNpmCall(['--user', 'adele@stack.local', 'GET', '/echo/resource'], target),
      runNpmCall(['--user', 'adele@stack.local', 'GET', '/echo-app-only/resource'], target),
    ]);
    expect(fixed.stderr).toContain('token: Adele Vance (adele@stack.local) signed in through ago-devportal-spa-app');
    expect(fixed.stderr).toContain('claims: scp "Echo.Read.User Echo.Write.User", no roles');
    expect({ code: fixed.code, status: /-> (\d{3}) /.exec(fixed.stdout)?.[1] }).toEqual({ code: 0, status: '200' });
    expect({ code: appOnly.code, status: /-> (\d{3}) /.exec(appOnly.stdout)?.[1] }).toEqual({ code: 1, status: '403' });
    expect(appOnly.stdout).toContain('This API accepts application tokens only');
  }, 60_000);

  it("Megan's token carries her Echo.Read role too: the app-only policy lets her through", async () => {
    const result = await runNpmCall(['--user', 'megan@stack.local', 'GET', '/echo-app-only/resource'], target);
    expect(result.stderr).toContain('claims: scp "Echo.Read.User Echo.Write.User", roles ["Echo.Read"]');
    expect({ code: result.code, status: /-> (\d{3}) /.exec(result.stdout)?.[1] }).toEqual({ code: 0, status: '200' });
  }, 60_000);

  it('an unknown user is a usage error that lists the configured users; nothing is called', async () => {
    const result = await runNpmCall(['--user', 'nobody@stack.local', 'GET', '/echo/resource'], target);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No dev user "nobody@stack.local"');
    expect(result.stderr).toContain(
      'Configured users: adele@stack.local (Adele Vance), megan@stack.local (Megan Bowen).',
    );
    expect(result.stdout).toBe('');
  }, 60_000);

  it('the token is a real one from the flow: the portal client in azp, Adele in oid, the scope asked for', async () => {
    const plan = resolveUserSignIn(readRegistrations(env), 'adele@stack.local', authority, echoReadUser);
    const { accessToken, scope } = await signInDevUser(plan.request);
    expect(scope).toBe(echoReadUser);
    expect(decodeJwt(accessToken)).toMatchObject({
      aud: apis.apiProxy.appId,
      azp: plan.request.client.appId,
      oid: adele.objectId,
      scp: 'Echo.Read.User',
    });
    expect(decodeJwt(accessToken)['roles']).toBeUndefined();
  });

  it('a web client that is not pre-authorized: the consent page is answered, the secret redeems the code', async () => {
    const web = defaultWebClient();
    const consented: string[] = [];
    const { accessToken } = await signInDevUser({
      authority,
      client: { platform: 'web', ...web },
      scope: echoReadUser,
      user: adele,
      onConsent: (client) => consented.push(client),
    });
    expect(consented).toEqual(['ago-webapp-oauth-app']);
    expect(decodeJwt(accessToken)).toMatchObject({ azp: web.appId, scp: 'Echo.Read.User' });
  });

  it('nothing is bypassed: an unregistered redirect URI stops at the error page (AADSTS50011)', async () => {
    const plan = resolveUserSignIn(readRegistrations(env), 'adele@stack.local', authority, echoReadUser);
    const client = { ...plan.request.client, redirectUri: 'http://localhost:9999/not-registered' };
    await expect(signInDevUser({ ...plan.request, client })).rejects.toThrow(SignInError);
    await expect(signInDevUser({ ...plan.request, client })).rejects.toThrow(/AADSTS50011/);
  });

  it('a user the running service does not know: the sign-in page offers no form for them', async () => {
    const plan = resolveUserSignIn(readRegistrations(env), 'adele@stack.local', authority, echoReadUser);
    const stranger = { objectId: '00000000-0000-4000-8000-000000000000', userPrincipalName: 'stranger@stack.local' };
    await expect(signInDevUser({ ...plan.request, user: stranger })).rejects.toThrow(
      /offers no account for stranger@stack\.local .*it offers: adele@stack\.local, megan@stack\.local/,
    );
  });

  it('an unknown scope comes back from the authorize endpoint as the error it is (AADSTS70011)', async () => {
    const plan = resolveUserSignIn(readRegistrations(env), 'adele@stack.local', authority, echoReadUser);
    await expect(signInDevUser({ ...plan.request, scope: `${apis.apiProxy.appIdUri}/Not.A.Scope` })).rejects.toThrow(
      /AADSTS70011/,
    );
  });
});

/** ago-webapp-oauth-app's id, secret and web redirect URI from the registrations. */
function defaultWebClient(): { appId: string; secret: string; redirectUri: string } {
  const registrations = readRegistrations(process.env);
  const client = registrations.clients.find((c) => c.displayName === 'ago-webapp-oauth-app');
  return {
    appId: client?.appId as string,
    secret: client?.secrets?.[0]?.value as string,
    redirectUri: client?.redirectUris?.web?.[0] as string,
  };
}
