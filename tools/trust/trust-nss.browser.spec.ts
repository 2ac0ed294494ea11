/**
 * The acceptance test of `npm run trust` on Linux, for real: certutil writes the CA into the NSS database of a
 * temporary HOME (as it would into ~/.pki/nssdb), and Chromium started with that HOME loads a page signed by the
 * CA; after `npm run untrust` the same browser refuses it with ERR_CERT_AUTHORITY_INVALID. The system store is left
 * alone (--no-system): tests never change this machine's trust.
 */
import {
  caNickname,
  launchBrowser,
  skipWithoutTrustedBrowser,
  startHttpsTestServer,
  type HttpsTestServer,
} from '@stack/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevCa } from './dev-ca';
import { runTrustCommand } from './trust-command';
import { systemTrustEnv, type TrustEnv } from './trust-env';

const describeLinux =
  process.platform === 'linux' && !skipWithoutTrustedBrowser('npm run trust NSS test') ? describe : describe.skip;

describeLinux('npm run trust into a Linux NSS database', () => {
  let server: HttpsTestServer;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let lines: string[];
  let te: TrustEnv;

  beforeAll(async () => {
    server = await startHttpsTestServer();
    home = await mkdtemp(join(tmpdir(), 'trust-home-'));
    env = { ...process.env, HOME: home, IDENTITY_DATA_DIR: server.dataDir };
  });

  beforeEach(() => {
    lines = [];
    te = { ...systemTrustEnv(env), log: (line) => void lines.push(line) };
  });

  afterAll(async () => {
    await server?.close();
    await rm(home, { recursive: true, force: true });
  });

  /** What a browser started with the user's (temporary) HOME makes of the page. */
  async function visit(): Promise<string> {
    const browser = await launchBrowser({ home });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      return (await page.textContent('#greeting')) ?? '';
    } catch (error) {
      return (error as Error).message;
    } finally {
      await browser.close();
    }
  }

  it('before: the browser does not trust the dev CA', async () => {
    expect(await visit()).toContain('net::ERR_CERT_AUTHORITY_INVALID');
  }, 60_000);

  it('trust creates ~/.pki/nssdb with the CA under the nickname the test profile uses, and the browser trusts it', async () => {
    expect(await runTrustCommand('trust', ['--yes', '--no-system'], te)).toBe(0);
    expect(lines).toContain(`- DONE: Chrome, Chromium, Edge [NSS sql:${join(home, '.pki', 'nssdb')}]`);
    expect(readDevCa(server.caPath).nickname).toBe(caNickname(server.caPem));
    expect(await visit()).toBe('trusted');
  }, 60_000);

  it('trust again changes nothing that matters (idempotent)', async () => {
    expect(await runTrustCommand('trust', ['--yes', '--no-system'], te)).toBe(0);
    expect(await visit()).toBe('trusted');
  }, 60_000);

  it('untrust removes it: the browser refuses the page again', async () => {
    expect(await runTrustCommand('untrust', ['--yes', '--no-system'], te)).toBe(0);
    expect(await visit()).toContain('net::ERR_CERT_AUTHORITY_INVALID');
    lines = [];
    expect(await runTrustCommand('untrust', ['--yes', '--no-system'], te)).toBe(0);
    expect(lines).toContain('Nothing to change.');
  }, 60_000);
});
