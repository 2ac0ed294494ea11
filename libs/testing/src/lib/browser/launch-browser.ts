/**
 * Launches the machine's own Chrome, Edge or Chromium ({@link findBrowser}) through playwright-core, optionally in
 * a throwaway profile that trusts one CA (the dev CA) the way `npm run trust` makes the user's browser trust it.
 * Certificate errors are never ignored: a page on a CA the browser does not trust fails as it would for a user.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { browserCandidates, findBrowser } from './find-browser';
import { createBrowserHome } from './trusted-home';

/** How to install a browser, for the error and for skipped tests. */
export const CHROMIUM_INSTALL_HINT =
  'No Chrome, Edge or Chromium found. Install one (Debian/Ubuntu: sudo apt-get install chromium; or Google Chrome / Microsoft Edge) or set CHROMIUM_PATH to its binary, and run the tests again.';

/** Flags for a quiet, reproducible headless run: no sandbox (containers, root), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Thrown by {@link launchBrowser} when no browser is found. */
export class ChromiumNotInstalledError extends Error {
  constructor(lookedAt: readonly string[]) {
    super(`${CHROMIUM_INSTALL_HINT} (looked for ${lookedAt.join(', ')})`);
    this.name = 'ChromiumNotInstalledError';
  }
}

/** Thrown when a per-test trusted CA cannot work with this platform or browser. */
export class BrowserTrustUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserTrustUnsupportedError';
  }
}

/** Why a per-test trusted CA cannot work here, or undefined when it can. */
export function trustedProfileUnsupportedReason(
  platform: NodeJS.Platform = process.platform,
  executablePath = findBrowser()?.path,
): string | undefined {
  if (platform !== 'linux') {
    return `a per-test trusted CA uses the browser's NSS database, which only Linux browsers read; on ${platform} run "npm run trust" once and launch without trustedCaPem`;
  }
  if (executablePath?.startsWith('/snap/')) {
    return `the snap Chromium (${executablePath}) ignores HOME, so it cannot get a per-test trusted CA; install a non-snap Chrome/Chromium or set CHROMIUM_PATH to one`;
  }
  return undefined;
}

export interface LaunchBrowserOptions extends Omit<LaunchOptions, 'executablePath' | 'args'> {
  /** Appended to {@link CHROMIUM_ARGS}. */
  readonly extraArgs?: readonly string[];
  /**
   * A CA (PEM) the browser trusts, through the NSS database of its throwaway HOME (Linux; needs certutil).
   */
  readonly trustedCaPem?: string;
  /**
   * Linux: the HOME the browser runs with (it reads trust from `<home>/.pki/nssdb`), e.g. one `npm run trust` wrote
   * to. Default: a throwaway HOME, removed when the browser closes, trusting only the public roots and
   * `trustedCaPem`, so a test never depends on what the developer's own browser trusts. Not with `trustedCaPem`.
   */
  readonly home?: string;
  /** Where the throwaway HOME goes; default the OS temp folder. */
  readonly tempDir?: string;
}

/**
 * Launches headless Chrome/Edge/Chromium with {@link CHROMIUM_ARGS}. Close the browser in `afterAll`.
 * @throws {ChromiumNotInstalledError} when no browser is found (the message says how to install one)
 * @throws {BrowserTrustUnsupportedError} or `CertutilError` when `trustedCaPem` cannot be honoured
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const { extraArgs = [], trustedCaPem, home: givenHome, tempDir, env, ...launchOptions } = options;
  const found = findBrowser();
  if (!found) throw new ChromiumNotInstalledError(browserCandidates(process.platform, process.env).map((c) => c.path));

  if (trustedCaPem !== undefined) {
    if (givenHome !== undefined) throw new Error('launchBrowser: give trustedCaPem or home, not both.');
    const unsupported = trustedProfileUnsupportedReason(process.platform, found.path);
    if (unsupported) throw new BrowserTrustUnsupportedError(`Cannot launch a browser trusting the CA: ${unsupported}.`);
  }
  // HOME decides trust only on Linux (NSS); macOS and Windows browsers use the user's keychain / certificate store.
  const throwaway =
    process.platform === 'linux' && givenHome === undefined ? createBrowserHome(trustedCaPem, tempDir) : undefined;
  const home = throwaway?.home ?? givenHome;
  const baseEnv = env ?? process.env;
  try {
    const browser = await chromium.launch({
      ...launchOptions,
      executablePath: found.path,
      args: [...CHROMIUM_ARGS, ...extraArgs],
      env: home === undefined ? baseEnv : { ...baseEnv, HOME: home },
    });
    if (throwaway) browser.once('disconnected', throwaway.remove);
    return browser;
  } catch (error) {
    throwaway?.remove();
    throw error;
  }
}
