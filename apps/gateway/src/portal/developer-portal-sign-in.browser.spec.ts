/**
 * Issue 15's acceptance test, in a real browser that trusts the dev CA (as `npm run trust` makes the user's): a person
 * opens the developer portal, authorizes with the user scheme (authorization code with PKCE through the portal's SPA
 * client), signs in as Adele on the identity service's sign-in page (no password), and tries the Echo API, whose
 * policy takes roles OR scp: 200. The same signed-in user on the Echo API with the original app-only policy
 * (echo-api-app-only) gets 403, and the portal shows the gateway's reason above the refused call.
 *
 * The portal listens on a free port: the identity service matches the SPA client's loopback redirect URIs
 * (`http://127.0.0.1:8080/docs/oauth2-redirect.html`) and their CORS origins on any port, as Entra does.
 */
import { freePort, launchBrowser, skipWithoutTrustedBrowser } from '@stack/testing';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';

const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output');
/** ago-devportal-spa-app (config/identity/registrations.json): a public SPA client, no secret. */
const PORTAL_SPA_CLIENT_ID = '272a7756-b7b0-4d47-9fbc-a620fd89c7aa';
const ECHO_APP = '4a41d081-77b5-4936-b87c-52b76b36dbc2';
const ADELE = 'adele@stack.local';

const describeBrowser = skipWithoutTrustedBrowser('developer portal sign-in browser test') ? describe.skip : describe;

describeBrowser('developer portal: a person signs in (authorization code with PKCE) and tries the APIs', () => {
  let kit: GatewayTestKit;
  let portalUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    portalUrl = `http://127.0.0.1:${port}`;
    kit = await startGatewayTestKit({ env: { GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' } });
    browser = await launchBrowser({ trustedCaPem: readFileSync(kit.identity.caCertPath, 'utf8') });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  it('signs Adele in, gets 200 from the Echo API (roles or scp) and an explained 403 from the app-only policy', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    try {
      await page.goto(`${portalUrl}/docs`);
      const start = page.locator('#portal-start');
      await start.waitFor();
      const asUser = (await page.locator('#portal-authorize-user').textContent()) ?? '';
      expect(asUser).toContain(`client id ${PORTAL_SPA_CLIENT_ID}`);
      expect(asUser).toMatch(/no password/);
      expect(asUser).toContain(ADELE);
      expect(asUser).toContain(`api://${ECHO_APP}/Echo.Read.User`);
      await page.locator('#portal-subscription-status', { hasText: 'Using the key of' }).waitFor();

      await selectDefinition(page, 'Echo API', '/echo');
      const echoClaims = await signIn(page, context, 'echo-api', 'sign-in');
      expect(echoClaims['scp']).toEqual(expect.stringContaining('Echo.Read.User'));
      expect(echoClaims['roles']).toBeUndefined();
      expect(echoClaims['azp']).toBe(PORTAL_SPA_CLIENT_ID);
      expect(echoClaims['upn'] ?? echoClaims['preferred_username']).toBe(ADELE);

      const forwarded = JSON.parse(await tryItOut(page, '#operations-Echo_API-retrieve-resource', '200')) as {
        headers: Record<string, string>;
      };
      const sent = claimsOf(forwarded.headers['authorization']);
      expect(sent['scp']).toEqual(expect.stringContaining('Echo.Read.User'));
      expect(sent['azp']).toBe(PORTAL_SPA_CLIENT_ID);
      await screenshot(page, 'portal-user-echo-200.png');

      // The same person, on the API that kept the app-only policy: refused, and told why.
      await selectDefinition(page, 'Echo API (app-only policy)', '/echo-app-only');
      const appOnlyClaims = await signIn(page, context, 'echo-api-app-only', 'sign-in-app-only');
      expect(appOnlyClaims['oid']).toBe(echoClaims['oid']);
      await tryItOut(page, '#operations-Echo_API-retrieve-resource', '403');
      const reason = page.locator('#operations-Echo_API-retrieve-resource .portal-failure-reason');
      await expect(reason.textContent()).resolves.toMatch(
        /The gateway answered 403: This API accepts application tokens only: the token carries delegated scopes \(scp\)/,
      );
      await screenshot(page, 'portal-user-app-only-403.png');
    } finally {
      await context.close();
    }
  }, 180_000);

  /**
   * Authorizes with `oauth2-user-<api id>`: the client id and scopes are already filled in; the sign-in opens in a
   * pop-up, where Adele is picked (consent if the page asks). Returns the access token's claims.
   */
  async function signIn(
    page: Page,
    context: BrowserContext,
    apiId: string,
    shot: string,
  ): Promise<Record<string, unknown>> {
    await page.locator('.swagger-ui .auth-wrapper button.authorize').click();
    const dialog = page.locator('.swagger-ui .dialog-ux .modal-ux');
    await dialog.waitFor();
    const user = dialog.locator('.auth-container', { hasText: `oauth2-user-${apiId}` });
    await expect(user.textContent()).resolves.toContain('authorizationCode with PKCE');
    await expect(user.locator('input[data-name="clientId"]').inputValue()).resolves.toBe(PORTAL_SPA_CLIENT_ID);
    // Swagger UI shows a secret field for every authorization code flow; a SPA client has none: it stays empty.
    await expect(user.locator('input[data-name="clientSecret"]').inputValue()).resolves.toBe('');
    const ticked = await user
      .locator('input[type="checkbox"][data-value]:checked')
      .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-value')));
    expect(ticked).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access']));

    const tokenResponse = page.waitForResponse(
      (response) => response.url().endsWith('/oauth2/v2.0/token') && response.request().method() === 'POST',
    );
    const authorizeRequest = context.waitForEvent('request', (request) =>
      request.url().includes('/oauth2/v2.0/authorize'),
    );
    const popupOpened = context.waitForEvent('page');
    await user.locator('button[aria-label="Apply given OAuth2 credentials"]').click();
    const popup = await popupOpened;
    const authorizeUrl = new URL((await authorizeRequest).url());
    expect(authorizeUrl.origin).toBe(kit.identity.url);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(PORTAL_SPA_CLIENT_ID);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${portalUrl}/docs/oauth2-redirect.html`);
    await pickAdele(popup, shot);

    const token = await tokenResponse;
    expect(token.status()).toBe(200);
    expect(await token.headerValue('access-control-allow-origin')).toBe(portalUrl);
    const body = (await token.json()) as { access_token: string };
    await user.locator('button[aria-label="Remove authorization"]').waitFor();
    await dialog.locator('button.btn-done').first().click();
    return claimsOf(body.access_token);
  }

  /**
   * On the identity's sign-in page: Adele's button (no password); a consent page, if any, is accepted. A pop-up that
   * closes by itself had a session already: the code went straight back to the portal.
   */
  async function pickAdele(popup: Page, shot: string): Promise<void> {
    const closed = popup.waitForEvent('close').then(() => true);
    const adele = popup.locator('form.user button', { hasText: ADELE });
    const shown = await Promise.race([adele.waitFor().then(() => true), closed]).catch(() => false);
    if (!shown || popup.isClosed()) return;
    await screenshot(popup, `portal-user-${shot}.png`);
    await adele.click();
    const accept = popup.locator('button[value="accept"]');
    const consent = await Promise.race([accept.waitFor().then(() => true), closed]).catch(() => false);
    if (consent && !popup.isClosed()) await accept.click();
    await closed;
  }

  /** Both Echo APIs share the backend's document (same title): wait for this API's server, the gateway path. */
  async function selectDefinition(page: Page, name: string, path: string): Promise<void> {
    await page.locator('.topbar select').selectOption({ label: name });
    await page.locator('.swagger-ui .servers select option', { hasText: new RegExp(`^${path} `) }).waitFor({
      state: 'attached',
    });
  }

  async function tryItOut(page: Page, operationId: string, status: string): Promise<string> {
    const operation: Locator = page.locator(operationId);
    // Both Echo APIs have the same operation ids: Swagger UI keeps the first one's operation open (and in "Try it out").
    if (!(await operation.evaluate((element) => element.classList.contains('is-open')))) {
      await operation.locator('.opblock-summary').click();
    }
    const tryOut = operation.locator('button.try-out__btn');
    if ((await tryOut.textContent())?.trim() === 'Try it out') await tryOut.click();
    await operation.locator('button.execute').click();
    const cell = operation.locator('.live-responses-table .response .response-col_status');
    await cell.waitFor();
    // "403 Undocumented" when the backend's document does not list the status.
    expect((await cell.textContent())?.trim()).toMatch(new RegExp(`^${status}\\b`));
    return (await operation.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '';
  }

  function claimsOf(authorization: string): Record<string, unknown> {
    const token = authorization.replace(/^Bearer\s+/i, '');
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
  }
});
