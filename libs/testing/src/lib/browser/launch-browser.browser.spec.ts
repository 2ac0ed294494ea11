/**
 * The per-test trusted profile in a real browser against a real HTTPS server whose certificate comes from a fresh
 * development CA: trusted, the page loads; untrusted, the browser refuses it exactly as a user's browser would.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { skipWithoutTrustedBrowser } from '../chromium';
import { startHttpsTestServer, type HttpsTestServer } from './https-test-server';
import { launchBrowser } from './launch-browser';

const describeTrust = skipWithoutTrustedBrowser('browser CA trust tests') ? describe.skip : describe;

describeTrust('launchBrowser with a trusted CA', () => {
  let server: HttpsTestServer;

  beforeAll(async () => {
    server = await startHttpsTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function withBrowser(browser: Browser, use: (browser: Browser) => Promise<void>): Promise<void> {
    try {
      await use(browser);
    } finally {
      await browser.close();
    }
  }

  it('loads a page signed by the CA it was told to trust', async () => {
    await withBrowser(await launchBrowser({ trustedCaPem: server.caPem }), async (browser) => {
      const page = await browser.newPage();
      await page.goto(server.url);
      expect(await page.textContent('#greeting')).toBe('trusted');
    });
  }, 30_000);

  it('without it (a throwaway profile trusting only public roots) refuses the page: ERR_CERT_AUTHORITY_INVALID', async () => {
    await withBrowser(await launchBrowser(), async (browser) => {
      const page = await browser.newPage();
      await expect(page.goto(server.url)).rejects.toThrow('net::ERR_CERT_AUTHORITY_INVALID');
    });
  }, 30_000);

  it("trusts only the CA it was given: another CA's page is refused", async () => {
    const other = await startHttpsTestServer(); // a CA nobody trusts, not even a user who ran npm run trust
    try {
      await withBrowser(await launchBrowser({ trustedCaPem: server.caPem }), async (browser) => {
        const page = await browser.newPage();
        await expect(page.goto(other.url)).rejects.toThrow('net::ERR_CERT_AUTHORITY_INVALID');
      });
    } finally {
      await other.close();
    }
  }, 30_000);

  it('keeps its throwaway HOME only while the browser runs', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'launch-browser-spec-'));
    const homes = async () => (await readdir(tmp)).filter((entry) => entry.startsWith('browser-home-'));
    try {
      const browser = await launchBrowser({ trustedCaPem: server.caPem, tempDir: tmp });
      expect(await homes()).toHaveLength(1);
      await browser.close();
      expect(await homes()).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 30_000);
});
