/**
 * The developer portal in a real browser, on the real gateway with its default configuration: Swagger UI at /docs
 * gets a client-credentials token from the real identity service (a cross-origin POST from the page, so the token
 * endpoint's CORS is what makes it work), takes a subscription key, and runs GET /echo/resource through "Try it out":
 * the gateway checks the key and the token (validate-jwt) and forwards to an echo backend.
 */
import { freePort, launchChromium, skipWithoutChromium } from '@stack/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';

const SCREENSHOT = join(__dirname, '..', '..', 'test-output', 'portal.png');
const CLIENT_ID = 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41';
const CLIENT_SECRET = 'dev-only~ago-apiclient~local-secret-not-for-production';
const SCOPE = 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default';
/** The Starter product's DEV ONLY key (config/gateway/named-values.json). */
const SUBSCRIPTION_KEY = 'dev-only-starter-primary-key';

interface PortalUnderTest {
  /** e.g. `http://127.0.0.1:40123`: the portal is at `${url}/docs`. */
  readonly url: string;
  readonly kit: GatewayTestKit;
  close(): Promise<void>;
}

/**
 * The identity service (allowing the portal's origin by CORS) and the gateway serving the portal. The gateway's port
 * is chosen first: the identity service must know the portal's origin before it starts.
 */
async function startPortalUnderTest(): Promise<PortalUnderTest> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const kit = await startGatewayTestKit({
    identity: { corsOrigins: [url] },
    env: { GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' },
  });
  return { url, kit, close: () => kit.close() };
}

const describeBrowser = skipWithoutChromium('developer portal browser test') ? describe.skip : describe;

describeBrowser('developer portal in Chromium', () => {
  let portal: PortalUnderTest;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortalUnderTest();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('authorizes with client credentials, takes a subscription key and calls GET /resource', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const tokenResponse = page.waitForResponse((response) => response.url().endsWith('/oauth2/v2.0/token'));
    try {
      const dialog = await openAuthorizeDialog(page, `${portal.url}/docs`);
      await dialog.locator('button[aria-label="Apply given OAuth2 credentials"]').click();
      // Swagger UI swaps Authorize for Logout once the token endpoint answered with a token.
      await dialog.locator('button[aria-label="Remove authorization"]').first().waitFor();
      // The browser let the page read the token because the identity service named this origin.
      const token = await tokenResponse;
      expect(token.request().method()).toBe('POST');
      expect(token.status()).toBe(200);
      expect(await token.headerValue('access-control-allow-origin')).toBe(portal.url);

      const keySection = dialog.locator('.auth-container', { hasText: 'subscriptionKey' });
      await keySection.locator('input[type="text"]').fill(SUBSCRIPTION_KEY);
      await keySection.locator('button[aria-label="Apply credentials"]').click();
      await dialog.locator('button.btn-done').first().click();

      const operation = page.locator('#operations-Echo_API-retrieve-resource');
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table .response .response-col_status');
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      // The echo backend shows what the gateway forwarded: the path below the API and the portal's token.
      const body = await operation.locator('.live-responses-table .response-col_description pre').first().textContent();
      const forwarded = JSON.parse(body ?? '') as { url: string; headers: Record<string, string> };
      expect(forwarded.url).toMatch(/^\/api\/resource\?param1=sample/);
      const claims = JSON.parse(Buffer.from(forwarded.headers['authorization'].split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ azp: CLIENT_ID, roles: expect.arrayContaining(['Echo.Read']) });
    } finally {
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await context.close();
    }
  }, 60_000);

  it('gets no token from a page whose origin the identity service does not allow', async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      // Same portal, another origin: localhost instead of 127.0.0.1.
      const dialog = await openAuthorizeDialog(page, `${portal.url.replace('127.0.0.1', 'localhost')}/docs`);
      await dialog.locator('button[aria-label="Apply given OAuth2 credentials"]').click();
      await expect(dialog.locator('.errors').first().textContent()).resolves.toMatch(/Failed to fetch/);
      expect(await dialog.locator('button[aria-label="Remove authorization"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  function newContext(): Promise<BrowserContext> {
    // The identity service's certificate comes from its dev CA, which Chromium does not know. Playwright can
    // add client certificates but not trusted CAs, so certificate errors are ignored for this context only.
    return browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 1400 } });
  }

  /** Opens the portal, then Authorize, and fills the client credentials and the scope. */
  async function openAuthorizeDialog(page: Page, docsUrl: string): Promise<Locator> {
    await page.goto(docsUrl);
    await page.locator('.swagger-ui .info .title', { hasText: 'Echo API' }).waitFor();
    await page.locator('.swagger-ui .auth-wrapper button.authorize').click();
    const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux');
    await dialog.waitFor();
    await dialog.locator('input[data-name="clientId"]').fill(CLIENT_ID);
    await dialog.locator('input[data-name="clientSecret"]').fill(CLIENT_SECRET);
    // Swagger UI hides the checkbox behind a styled label.
    await dialog.locator(`input[type="checkbox"][data-value="${SCOPE}"]`).setChecked(true, { force: true });
    return dialog;
  }
});
