/**
 * The developer portal in a real browser, on the real gateway and the real identity service, with certificate errors
 * NOT ignored: a browser whose (throwaway) profile trusts the dev CA, as `npm run trust` makes the user's browser,
 * gets a token per API with that API's own scope (a cross-origin POST from the page: the token endpoint's CORS makes
 * it work), takes the subscription key from the picker, and runs "Try it out" on each API through the gateway. A
 * browser that does not trust the dev CA gets the portal's instructions instead of a bare "Failed to fetch".
 *
 * To show that scopes really are per API, protected-api's policy here accepts the second registration
 * (ago-legacyapi-oauth-app, v1.0 tokens) instead of the one echo-api accepts.
 */
import { freePort, launchBrowser, skipWithoutTrustedBrowser } from '@stack/testing';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEFAULT_GATEWAY_CONFIG_DIR, startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';

const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output');
const CLIENT_ID = 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41';
/** DEV ONLY secret of ago-apiclient-oauth-app (config/identity/registrations.json). */
const CLIENT_SECRET = 'dev-only~ago-apiclient~local-secret-not-for-production';
const ECHO_APP = '4a41d081-77b5-4936-b87c-52b76b36dbc2';
const LEGACY_APP = '9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b';
/**
 * A host name the browser resolves to 127.0.0.1 (Chromium's host resolver rules, no DNS): the same portal on an origin
 * the identity service does not allow by CORS (it allows loopback origins of registered SPA clients, on any port).
 */
const UNLISTED_HOST = 'portal.test';

interface ApiUnderTest {
  readonly name: string;
  readonly scope: string;
  /** Swagger UI's element id of GET /resource. */
  readonly operation: string;
  /** The `aud` the token carries (v2.0: the app id; v1.0: the App ID URI as asked). */
  readonly audience: string;
}

const APIS: readonly ApiUnderTest[] = [
  {
    name: 'Echo API',
    scope: `api://${ECHO_APP}/.default`,
    operation: '#operations-Echo_API-retrieve-resource',
    audience: ECHO_APP,
  },
  {
    name: 'Protected API',
    scope: `api://${LEGACY_APP}/.default`,
    operation: '#operations-Protected_API-retrieve-resource',
    audience: `api://${LEGACY_APP}`,
  },
];

interface PortalUnderTest {
  /** e.g. `http://127.0.0.1:40123`: the portal is at `${url}/docs`. */
  readonly url: string;
  readonly kit: GatewayTestKit;
  close(): Promise<void>;
}

/**
 * The identity service (allowing the portal's origin by CORS) and the gateway serving the portal, on a copy of the
 * default configuration whose protected-api accepts the legacy registration. The gateway's port is chosen first: the
 * identity service must know the portal's origin before it starts.
 */
async function startPortalUnderTest(): Promise<PortalUnderTest> {
  const configDir = mkdtempSync(join(tmpdir(), 'portal-config-'));
  cpSync(DEFAULT_GATEWAY_CONFIG_DIR, configDir, { recursive: true });
  const policy = join(configDir, 'policies', 'apis', 'protected-api.xml');
  writeFileSync(
    policy,
    readFileSync(policy, 'utf8').replace(
      /<audiences>[\s\S]*?<\/audiences>/,
      `<audiences><audience>api://${LEGACY_APP}</audience></audiences>`,
    ),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const kit = await startGatewayTestKit({
    configDir,
    identity: { corsOrigins: [url] },
    env: { GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' },
  });
  return {
    url,
    kit,
    close: async () => {
      await kit.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

const describeBrowser = skipWithoutTrustedBrowser('developer portal browser test') ? describe.skip : describe;

describeBrowser('developer portal in a browser (certificate errors not ignored)', () => {
  let portal: PortalUnderTest;
  let trusting: Browser;
  let untrusting: Browser;

  beforeAll(async () => {
    portal = await startPortalUnderTest();
    trusting = await launchBrowser({
      trustedCaPem: readFileSync(portal.kit.identity.caCertPath, 'utf8'),
      extraArgs: [`--host-resolver-rules=MAP ${UNLISTED_HOST} 127.0.0.1`],
    });
    untrusting = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await trusting?.close();
    await untrusting?.close();
    await portal?.close();
  });

  it('gets a token per API with its own scope and calls GET /resource on each, key from the picker', async () => {
    const { context, page } = await openPortal(trusting, `${portal.url}/docs`);
    try {
      // The start panel: where to start, and the recommended subscription already applied.
      const start = page.locator('#portal-start');
      await expect(start.textContent()).resolves.toContain(`client id ${CLIENT_ID}`);
      await expect(start.textContent()).resolves.toContain('npm run trust');
      await expect(page.locator('#portal-subscription').inputValue()).resolves.toBe('worker');
      expect(await page.locator('#portal-subscription option[value="revoked-trial"]').isDisabled()).toBe(true);
      await page.locator('#portal-subscription-status', { hasText: 'Using the key of "worker"' }).waitFor();

      for (const api of APIS) {
        await selectDefinition(page, api.name);
        const tokenRequest = page.waitForRequest((request) => request.url().endsWith('/oauth2/v2.0/token'));
        const tokenResponse = page.waitForResponse((response) => response.url().endsWith('/oauth2/v2.0/token'));
        const dialog = await openAuthorizeDialog(page, api.scope);
        await oauthSection(dialog).locator('button[aria-label="Apply given OAuth2 credentials"]').click();
        // The token request asked for this API's scope only, and the browser let the page read the answer.
        expect(new URLSearchParams((await tokenRequest).postData() ?? '').get('scope')).toBe(api.scope);
        const token = await tokenResponse;
        expect(token.status()).toBe(200);
        expect(await token.headerValue('access-control-allow-origin')).toBe(portal.url);
        // Swagger UI swaps Authorize for Logout once it has the token; the picker's key is already in place.
        await oauthSection(dialog).locator('button[aria-label="Remove authorization"]').waitFor();
        await expect(
          dialog.locator('.auth-container', { hasText: 'subscriptionKey' }).textContent(),
        ).resolves.toContain('Authorized');
        await dialog.locator('button.btn-done').first().click();

        const forwarded = JSON.parse(await tryItOut(page, api.operation, '200')) as {
          headers: Record<string, string>;
        };
        const claims = JSON.parse(
          Buffer.from(forwarded.headers['authorization'].split('.')[1], 'base64url').toString(),
        ) as Record<string, unknown>;
        expect(claims['aud']).toBe(api.audience);
        // The picker's key went in the header (the gateway forwards it, as APIM does).
        expect(forwarded.headers['ocp-apim-subscription-key']).toBe('dev-only-worker-primary-key');
      }
      await screenshot(page, 'portal.png');
    } finally {
      await context.close();
    }
  }, 120_000);

  it("shows the gateway's reason above a refused call", async () => {
    const { context, page } = await openPortal(trusting, `${portal.url}/docs`);
    try {
      await selectDefinition(page, 'Protected API');
      // A key scoped to the Echo API only: the gateway refuses it on protected-api before any token check.
      await page.locator('#portal-subscription').selectOption('echo-only');
      await page.locator('#portal-subscription-status', { hasText: '"echo-only"' }).waitFor();
      await tryItOut(page, '#operations-Protected_API-retrieve-resource', '401');
      const reason = page.locator('#operations-Protected_API-retrieve-resource .portal-failure-reason');
      await expect(reason.textContent()).resolves.toMatch(
        /The gateway answered 401: Access denied due to invalid subscription key[\s\S]*"statusCode":\s*401/,
      );
      await screenshot(page, 'portal-refused.png');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('tells a user whose browser does not trust the dev CA what to do', async () => {
    const { context, page } = await openPortal(untrusting, `${portal.url}/docs`);
    try {
      await selectDefinition(page, 'Echo API');
      const dialog = await openAuthorizeDialog(page, APIS[0].scope);
      await oauthSection(dialog).locator('button[aria-label="Apply given OAuth2 credentials"]').click();
      const error = dialog.locator('.errors', { hasText: 'npm run trust' });
      await expect(error.textContent()).resolves.toMatch(
        /does not trust the dev CA.*Run npm run trust, then restart the browser.*open https:\/\/localhost:\d+\/[^ ]+\/v2\.0\/\.well-known\/openid-configuration once/,
      );
      await expect(page.locator('.portal-auth-help').textContent()).resolves.toContain('npm run trust');
      expect(await oauthSection(dialog).locator('button[aria-label="Remove authorization"]').count()).toBe(0);
      await screenshot(page, 'portal-untrusted.png');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says the origin is not allowed when the identity service answers but refuses it by CORS', async () => {
    // Same portal, another origin: a host name that is not loopback to the identity service, in the browser that
    // trusts the dev CA. (localhost and 127.0.0.1 on any port are allowed: the portal's SPA client registers them.)
    const { context, page } = await openPortal(trusting, `${portal.url.replace('127.0.0.1', UNLISTED_HOST)}/docs`);
    try {
      await selectDefinition(page, 'Echo API');
      const dialog = await openAuthorizeDialog(page, APIS[0].scope);
      await oauthSection(dialog).locator('button[aria-label="Apply given OAuth2 credentials"]').click();
      await expect(dialog.locator('.errors', { hasText: 'IDENTITY_CORS_ORIGINS' }).textContent()).resolves.toMatch(
        /does not allow the origin http:\/\/portal\.test:\d+ by CORS/,
      );
      expect(await oauthSection(dialog).locator('button[aria-label="Remove authorization"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  async function openPortal(browser: Browser, docsUrl: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.goto(docsUrl);
    await page.locator('#portal-start').waitFor();
    return { context, page };
  }

  /**
   * The Authorize dialog's client credentials part (the user sign-in part, oauth2-user-…, has its own client id and
   * scopes; the subscription key part has its own Logout once the picker filled it).
   */
  function oauthSection(dialog: Locator): Locator {
    return dialog.locator('.auth-container', { hasText: 'clientCredentials' });
  }

  async function selectDefinition(page: Page, name: string): Promise<void> {
    await page.locator('.topbar select').selectOption({ label: name });
    await page.locator('.swagger-ui .info .title', { hasText: name }).waitFor();
  }

  /** Opens Authorize, fills the client secret (the id is prefilled) and ticks the scope. */
  async function openAuthorizeDialog(page: Page, scope: string): Promise<Locator> {
    await page.locator('.swagger-ui .auth-wrapper button.authorize').click();
    const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux');
    await dialog.waitFor();
    const app = oauthSection(dialog);
    await expect(app.locator('input[data-name="clientId"]').inputValue()).resolves.toBe(CLIENT_ID);
    await app.locator('input[data-name="clientSecret"]').fill(CLIENT_SECRET);
    // Each API's dialog offers only its own scope. Swagger UI hides the checkbox behind a styled label.
    expect(await app.locator('input[type="checkbox"][data-value]').count()).toBe(1);
    const checkbox = `input[type="checkbox"][data-value="${scope}"]`;
    await app
      .locator('.checkbox', { has: page.locator(checkbox) })
      .locator('label')
      .click();
    expect(await app.locator(checkbox).isChecked()).toBe(true);
    return dialog;
  }

  /** Runs an operation's "Try it out" and returns the response body once its status is `status`. */
  async function tryItOut(page: Page, operationId: string, status: string): Promise<string> {
    const operation = page.locator(operationId);
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const cell = operation.locator('.live-responses-table .response .response-col_status');
    await cell.waitFor();
    expect((await cell.textContent())?.trim()).toBe(status);
    return (await operation.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '';
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
  }
});
