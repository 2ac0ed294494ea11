import {
  CHROMIUM_INSTALL_HINT,
  ChromiumNotInstalledError,
  launchChromium,
  skipWithoutChromium,
  skipWithoutTrustedBrowser,
} from './chromium';

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
  const saved = { path: process.env['CHROMIUM_PATH'], ci: process.env['CI'] };
  let warn: jest.SpyInstance;

  beforeEach(() => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    for (const [name, value] of [
      ['CHROMIUM_PATH', saved.path],
      ['CI', saved.ci],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    warn.mockRestore();
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
    expect(warn).toHaveBeenCalledWith(`SKIPPED portal browser test: ${CHROMIUM_INSTALL_HINT}`);
  });

  it('tests needing a trusted profile skip too, naming the missing browser', () => {
    delete process.env['CI'];
    expect(skipWithoutTrustedBrowser('portal trust test')).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`SKIPPED portal trust test: ${CHROMIUM_INSTALL_HINT}`));
  });

  it('does not skip in CI, so the launch fails there', () => {
    process.env['CI'] = 'true';
    expect(skipWithoutChromium('portal browser test')).toBe(false);
    expect(skipWithoutTrustedBrowser('portal trust test')).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });
});
