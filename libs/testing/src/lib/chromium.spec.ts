import {
  BROWSER_INSTALL_COMMAND,
  ChromiumNotInstalledError,
  launchChromium,
  skipWithoutChromium,
  skipWithoutTrustedBrowser,
} from './chromium';
import { SKIPS_DIR_ENV } from './skips';

const describeChromium = skipWithoutChromium('launchChromium tests') ? describe.skip : describe;

describeChromium('launchChromium', () => {
  it('runs a page in headless Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="p">hello</p>');
      expect(await page.textContent('#p')).toBe('hello');
    } finally {
      await browser.close();
    }
  }, 30_000);
});

describe('without Chromium (CHROMIUM_PATH pointing nowhere)', () => {
  const saved = {
    path: process.env['CHROMIUM_PATH'],
    ci: process.env['CI'],
    skips: process.env[SKIPS_DIR_ENV],
  };
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    delete process.env[SKIPS_DIR_ENV]; // these skips are deliberate: keep them out of npm test's summary
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    for (const [name, value] of [
      ['CHROMIUM_PATH', saved.path],
      ['CI', saved.ci],
      [SKIPS_DIR_ENV, saved.skips],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    stderr.mockRestore();
  });

  it('launchChromium fails with the install hint', async () => {
    const launching = launchChromium();
    await expect(launching).rejects.toThrow(ChromiumNotInstalledError);
    await expect(launching).rejects.toThrow('sudo apt-get install chromium');
    await expect(launching).rejects.toThrow('/nonexistent/chromium');
  });

  it('skips locally, with a warning naming the tests and the install hint', () => {
    delete process.env['CI'];
    expect(skipWithoutChromium('portal browser test')).toBe(true);
    expect(stderr).toHaveBeenCalledWith(
      `Skipping portal browser test: Chrome, Edge or Chromium is missing. Install it: ${BROWSER_INSTALL_COMMAND}\n`,
    );
  });

  it('tests needing a trusted profile skip too, naming the missing browser', () => {
    delete process.env['CI'];
    expect(skipWithoutTrustedBrowser('portal trust test')).toBe(true);
    expect(stderr).toHaveBeenCalledWith(
      expect.stringContaining('Skipping portal trust test: Chrome, Edge or Chromium'),
    );
  });

  it('does not skip in CI, so the launch fails there', () => {
    process.env['CI'] = 'true';
    expect(skipWithoutChromium('portal browser test')).toBe(false);
    expect(skipWithoutTrustedBrowser('portal trust test')).toBe(false);
    // skips.ts says in CI what will fail and how to install it.
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining(BROWSER_INSTALL_COMMAND));
  });
});
