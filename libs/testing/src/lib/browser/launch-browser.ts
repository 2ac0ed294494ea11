/**
 * Launches the machine's own Chrome, Edge or Chromium ({@link findBrowser}) through playwright-core, optionally in
 * a throwaway profile that trusts one CA (the dev CA) the way `npm run trust` makes the user's browser trust it.
 * Certificate errors are never ignored: a page on a CA the browser does not trust fails as it would for a user.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { browserCandidates, findBrowser } from './find-browser';
import { createTrustedHome, type TrustedHome } from './trusted-home';

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
   * A CA (PEM) the browser trusts, in a throwaway HOME with its own NSS database (Linux; needs certutil), removed
   * when the browser closes. Without it the browser trusts what the user's profile trusts.
   */
  readonly trustedCaPem?: string;
  /** Where the throwaway HOME of `trustedCaPem` goes; default the OS temp folder. */
  readonly tempDir?: string;
}

/**
 * Launches headless Chrome/Edge/Chromium with {@link CHROMIUM_ARGS}. Close the browser in `afterAll`.
 * @throws {ChromiumNotInstalledError} when no browser is found (the message says how to install one)
 * @throws {BrowserTrustUnsupportedError} or `CertutilError` when `trustedCaPem` cannot be honoured
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  const { extraArgs = [], trustedCaPem, tempDir, env, ...launchOptions } = options;
  const found = findBrowser();
  if (!found) throw new ChromiumNotInstalledError(browserCandidates(process.platform, process.env).map((c) => c.path));

  let trusted: TrustedHome | undefined;
  if (trustedCaPem !== undefined) {
    const unsupported = trustedProfileUnsupportedReason(process.platform, found.path);
    if (unsupported) throw new BrowserTrustUnsupportedError(`Cannot launch a browser trusting the CA: ${unsupported}.`);
    trusted = createTrustedHome(trustedCaPem, tempDir);
  }
  const baseEnv = env ?? process.env;
  try {
    const browser = await chromium.launch({
      ...launchOptions,
      executablePath: found.path,
      args: [...CHROMIUM_ARGS, ...extraArgs],
      env: trusted ? { ...baseEnv, HOME: trusted.home } : baseEnv,
    });
    if (trusted) browser.once('disconnected', trusted.remove);
    return browser;
  } catch (error) {
    trusted?.remove();
    throw error;
  }
}
