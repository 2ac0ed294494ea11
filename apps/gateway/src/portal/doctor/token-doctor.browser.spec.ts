/**
 * The token doctor page in a real browser, on the real gateway and identity service, with certificate errors NOT
 * ignored (a throwaway profile that trusts the dev CA, as `npm run trust` makes the user's browser). From the portal's
 * start panel to the page; a pasted token for another API fails its audience check with the hint; a token got from
 * the page (client credentials from the browser) passes; hostile claims show as text. Screenshots go to
 * apps/gateway/test-output/ with the other portal screenshots.
 */
import { defaultRegistrations, freePort, launchBrowser, mintToken, skipWithoutTrustedBrowser } from '@stack/testing';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startGatewayTestKit, type GatewayTestKit } from '../../testing/gateway-test-kit';

const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-output');
const { apis, clients } = defaultRegistrations;

const describeBrowser = skipWithoutTrustedBrowser('token doctor browser test') ? describe.skip : describe;

describeBrowser('token doctor page in a browser (certificate errors not ignored)', () => {
  let kit: GatewayTestKit;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // The identity service must allow the page's origin (CORS) before it starts: pick the gateway's port first.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    kit = await startGatewayTestKit({
      identity: { corsOrigins: [url] },
      env: { GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' },
    });
    browser = await launchBrowser({ trustedCaPem: readFileSync(kit.identity.caCertPath, 'utf8') });
  }, 90_000);

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.log('PAGEERROR', error.message));
  });

  afterEach(() => context?.close());

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  const apiSection = (id: string): Locator => page.locator(`section.doctor-api[data-api="${id}"]`);
  /** The checks of the policy every call to the API meets (not a <choose> branch). */
  const alwaysRun = (id: string): Locator => apiSection(id).locator('.doctor-target:not(.doctor-conditional)').first();
  const row = (target: Locator, check: string): Locator => target.locator(`tr[data-check="${check}"]`);

  async function screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: true });
  }

  it('is linked from the portal; a pasted token for another API fails the audience check with the hint', async () => {
    await page.goto(`${url}/docs`);
    await page.locator('#portal-doctor-link').click();
    await page.waitForURL(`${url}/docs/doctor`);

    const otherApi = await kit.tokenFor(clients.apiClient, apis.legacyApi.scope);
    await page.locator('#doctor-token').fill(otherApi);
    await page.locator('#doctor-diagnose').click();
    await page.locator('#doctor-status.doctor-fail', { hasText: 'some checks failed' }).waitFor();

    await expect(apiSection('echo-api').locator('h2').textContent()).resolves.toMatch(/^FAIL {2}Echo API \(\/echo\)/);
    const audience = row(alwaysRun('echo-api'), 'audience');
    await expect(audience.locator('.doctor-status').textContent()).resolves.toBe('FAIL');
    await expect(audience.locator('.doctor-hint').textContent()).resolves.toContain(
      `The token was issued for another audience (${apis.legacyApi.appIdUri})`,
    );
    await expect(alwaysRun('echo-api').locator('.doctor-answer').textContent()).resolves.toContain(
      'the gateway answers 401 "Unauthorized. Access token is missing or invalid."',
    );
    await screenshot('doctor-wrong-api.png');
  }, 60_000);

  it('gets a good token from the identity service in the browser, and every check of each API passes', async () => {
    await page.goto(`${url}/docs/doctor`);
    await expect(page.locator('#doctor-client-id').inputValue()).resolves.toBe(clients.apiClient.appId);
    await page.locator('#doctor-api').selectOption('echo-api');
    await page.locator('#doctor-client-secret').fill(clients.apiClient.secret ?? '');
    const tokenResponse = page.waitForResponse((response) => response.url().endsWith('/oauth2/v2.0/token'));
    await page.locator('#doctor-obtain').click();
    expect((await tokenResponse).status()).toBe(200);
    await page.locator('#doctor-status.doctor-pass, #doctor-status.doctor-fail').waitFor();

    for (const id of ['echo-api', 'protected-api']) {
      await expect(apiSection(id).locator('h2').textContent()).resolves.toMatch(/^PASS {2}/);
      const statuses = await alwaysRun(id).locator('td.doctor-status').allTextContents();
      expect(statuses.length).toBeGreaterThan(5);
      expect(statuses.filter((status) => status !== 'PASS')).toEqual([]);
    }
    await expect(row(alwaysRun('echo-api'), 'signature').locator('.doctor-detail').textContent()).resolves.toMatch(
      /^RS256 signature verified with kid /,
    );
    // The token is in the box, decoded in the table, and the secret went nowhere else.
    await expect(page.locator('.doctor-facts').textContent()).resolves.toContain(`${clients.apiClient.appId} (azp)`);
    await screenshot('doctor-all-pass.png');
  }, 60_000);

  it('links the doctor under a call the gateway refused in the portal', async () => {
    await page.goto(`${url}/docs`);
    await page.locator('#portal-start').waitFor();
    await page.locator('.topbar select').selectOption({ label: 'Protected API' });
    await page.locator('.swagger-ui .info .title', { hasText: 'Protected API' }).waitFor();
    // A key scoped to the Echo API only: the gateway refuses it with 401 before any token check.
    await page.locator('#portal-subscription').selectOption('echo-only');
    const operation = page.locator('#operations-Protected_API-retrieve-resource');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const link = operation.locator('.portal-failure-reason a', { hasText: 'token doctor' });
    await expect(link.getAttribute('href')).resolves.toBe('/docs/doctor');
  }, 60_000);

  it('shows hostile claims as text: no markup runs', async () => {
    await page.goto(`${url}/docs/doctor`);
    const hostile = mintToken(
      { aud: '<img src=x onerror="window.__doctorXss=1">', azp: '<script>window.__doctorXss=2</script>' },
      { key: kit.identity.signingKey() },
    );
    await page.locator('#doctor-token').fill(hostile);
    await page.locator('#doctor-diagnose').click();
    await page.locator('#doctor-status.doctor-fail').waitFor();
    await expect(page.locator('.doctor-facts').textContent()).resolves.toContain(
      '<img src=x onerror="window.__doctorXss=1">',
    );
    expect(await page.locator('#doctor-results img, #doctor-results script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __doctorXss?: number }).__doctorXss)).toBeUndefined();
  }, 60_000);
});
