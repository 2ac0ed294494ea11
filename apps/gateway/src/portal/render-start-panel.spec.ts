import type { DeveloperPortalOptions } from './developer-portal-options';
import { escapeHtml, renderStartPanel } from './render-start-panel';
import { startGuideFor } from './start-guide';
import type { SubscriptionChoice } from './subscription-choices';

const TENANT = '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60';
const CLIENT = 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41';
const HOSTILE = `<img src=x onerror="alert('x')">&`;

const choices: SubscriptionChoice[] = [
  { id: 'worker', name: 'Worker', scopeLabel: 'all APIs', apiIds: ['echo-api', 'other-api'], state: 'active' },
  { id: 'echo-only', name: HOSTILE, scopeLabel: 'API Echo API', apiIds: ['echo-api'], state: 'active' },
  {
    id: 'revoked',
    name: 'Revoked trial',
    scopeLabel: 'product Starter (Echo API)',
    apiIds: ['echo-api'],
    state: 'suspended',
    disabledReason: 'suspended: the gateway refuses its keys',
  },
];

function options(overrides: Partial<DeveloperPortalOptions> = {}): DeveloperPortalOptions {
  const api = {
    document: { paths: {} } as never,
    subscriptionKeyHeaderName: 'Ocp-Apim-Subscription-Key',
    subscriptionRequired: true,
  };
  return {
    apis: [
      { ...api, id: 'echo-api', name: 'Echo API', path: 'echo', scope: 'api://echo/.default' },
      { ...api, id: 'other-api', name: HOSTILE, path: '/other/', scope: undefined },
    ],
    tokenUrl: `https://localhost:5443/${TENANT}/oauth2/v2.0/token`,
    clientId: CLIENT,
    subscriptions: choices,
    ...overrides,
  };
}

describe('startGuideFor', () => {
  it('says where Authorize goes, the page to open once, the client, the scopes and the subscription to pick', () => {
    expect(startGuideFor(options())).toEqual({
      identityOrigin: 'https://localhost:5443',
      discoveryUrl: `https://localhost:5443/${TENANT}/v2.0/.well-known/openid-configuration`,
      localIdentity: true,
      trustCommand: 'npm run trust',
      clientId: CLIENT,
      clientSecretHint: expect.stringContaining(`appId ${CLIENT} in config/identity/registrations.json`),
      apis: [
        { name: 'Echo API', path: '/echo', scope: 'api://echo/.default' },
        { name: HOSTILE, path: '/other', scope: undefined },
      ],
      recommendedSubscriptionId: 'worker',
    });
  });

  it('points at the app registration, not the local file, for a real Entra tenant', () => {
    const guide = startGuideFor(options({ tokenUrl: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token` }));
    expect(guide.localIdentity).toBe(false);
    expect(guide.clientSecretHint).toMatch(/App registrations, Certificates & secrets/);
    expect(guide.discoveryUrl).toBe(
      `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
    );
  });

  it('recommends the configured subscription when it is active', () => {
    expect(startGuideFor(options({ recommendedSubscriptionId: 'echo-only' })).recommendedSubscriptionId).toBe(
      'echo-only',
    );
  });
});

describe('renderStartPanel', () => {
  const guide = startGuideFor(options());
  const keys = new Map([
    ['worker', 'dev-only-worker-primary-key'],
    ['echo-only', 'key"><script>'],
  ]);

  it('escapes every configured value: names, labels, keys, API names', () => {
    const html = renderStartPanel(guide, choices, keys);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
    expect(html).toContain('data-key="key&quot;&gt;&lt;script&gt;"');
  });

  it('lists the steps: trust, authorize with the client and each API scope, pick a subscription, try it out', () => {
    const html = renderStartPanel(guide, choices, keys);
    expect(html).toContain('<code>npm run trust</code>');
    expect(html).toContain(`href="https://localhost:5443/${TENANT}/v2.0/.well-known/openid-configuration"`);
    expect(html).toContain(`client id <code>${CLIENT}</code>`);
    expect(html).toContain('Echo API (<code>/echo</code>): scope <code>api://echo/.default</code>');
    expect(html).toContain('no scope (its policies check no audience)');
    expect(html).toContain('<code>WWW-Authenticate</code>');
  });

  it('preselects the recommended subscription and disables a suspended one with its reason', () => {
    const html = renderStartPanel(guide, choices, keys);
    expect(html).toContain(
      '<option value="worker" data-key="dev-only-worker-primary-key" selected>Worker (all APIs; active)</option>',
    );
    expect(html).toContain(
      '<option value="revoked" disabled title="suspended: the gateway refuses its keys">Revoked trial (product Starter (Echo API); suspended: the gateway refuses its keys)</option>',
    );
  });

  it('puts no key in the page without keys, and says where the keys are instead', () => {
    const html = renderStartPanel(guide, choices, undefined);
    expect(html).not.toContain('data-key');
    expect(html).toContain('config/gateway/named-values.json');
  });

  it('leaves out the trust step for a real Entra tenant, and the picker without subscriptions', () => {
    const remote = startGuideFor(options({ tokenUrl: 'https://login.microsoftonline.com/t/oauth2/v2.0/token' }));
    const html = renderStartPanel(remote, [], keys);
    expect(html).not.toContain('npm run trust');
    expect(html).not.toContain('<select');
  });
});

describe('renderStartPanel with user sign-in', () => {
  const SPA = '272a7756-b7b0-4d47-9fbc-a620fd89c7aa';
  const signIn = (tokenUrl = `https://localhost:5443/${TENANT}/oauth2/v2.0/token`) =>
    renderStartPanel(
      startGuideFor(
        options({
          tokenUrl,
          userSignIn: { authorizationUrl: tokenUrl.replace(/token$/, 'authorize'), clientId: SPA },
          apis: options().apis.map((api) =>
            api.id === 'echo-api' ? { ...api, userScopes: ['api://echo/Echo.Read.User'] } : api,
          ),
        }),
      ),
      choices,
      undefined,
    );

  it('offers two ways to authorize: as an app (client credentials) and as a person (PKCE, dev users, no password)', () => {
    const html = signIn();
    expect(html).toContain('id="portal-authorize-app"');
    expect(html).toMatch(/<b>As a person<\/b>.*client id <code>272a7756-b7b0-4d47-9fbc-a620fd89c7aa<\/code>/);
    expect(html).toContain('there is no password');
    expect(html).toContain('adele@stack.local');
    expect(html).toContain('Echo API: <code>api://echo/Echo.Read.User</code>');
    expect(html).not.toContain('<img');
  });

  it('names no dev users for a real Entra tenant', () => {
    const html = signIn(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`);
    expect(html).toContain('sign in as a user of your tenant');
    expect(html).not.toContain('adele@stack.local');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
  });
});
