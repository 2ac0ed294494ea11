/**
 * Headless Chrome, Edge or Chromium for browser tests, through playwright-core and the machine's own browser: no
 * browser download at install time. Discovery and launching live in ./browser/; this module keeps the names the
 * tests already use and the skip helpers.
 */
import type { Browser } from 'playwright-core';
import { findBrowser } from './browser/find-browser';
import { launchBrowser, trustedProfileUnsupportedReason, type LaunchBrowserOptions } from './browser/launch-browser';
import { isCertutilInstalled } from './browser/trusted-home';
import { skipUnlessAvailable } from './skips';

export { startHttpsTestServer, type HttpsTestServer } from './browser/https-test-server';
export { browserCandidates, findBrowser, type BrowserCandidate } from './browser/find-browser';
export {
  BrowserTrustUnsupportedError,
  CHROMIUM_ARGS,
  CHROMIUM_INSTALL_HINT,
  ChromiumNotInstalledError,
  launchBrowser,
  trustedProfileUnsupportedReason,
  type LaunchBrowserOptions,
} from './browser/launch-browser';
export {
  caNickname,
  createBrowserHome,
  CERTUTIL_INSTALL_HINT,
  CertutilError,
  createTrustedHome,
  isCertutilInstalled,
  type TrustedHome,
} from './browser/trusted-home';

/** The browser binary that will be launched: the first one found, else `CHROMIUM_PATH` or `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return findBrowser()?.path ?? (process.env['CHROMIUM_PATH'] || '/usr/bin/chromium');
}

/** Whether a Chrome, Edge or Chromium is installed (or `CHROMIUM_PATH` names a runnable file). */
export function isChromiumInstalled(): boolean {
  return findBrowser() !== undefined;
}

/** {@link launchBrowser} under its old name. */
export function launchChromium(options: LaunchBrowserOptions = {}): Promise<Browser> {
  return launchBrowser(options);
}

/** How to install a browser, as a command for {@link skipUnlessAvailable}. */
export const BROWSER_INSTALL_COMMAND =
  'sudo apt-get install -y chromium (or install Google Chrome or Microsoft Edge, or set CHROMIUM_PATH to one)';
/** How to install NSS's certutil, as a command for {@link skipUnlessAvailable}. */
export const CERTUTIL_INSTALL_COMMAND = 'sudo apt-get install -y libnss3-tools (macOS: brew install nss)';

/** Whether browser tests should be skipped: no browser on a developer machine (never in CI; see skips.ts). */
export function skipWithoutChromium(what: string): boolean {
  return skipUnlessAvailable({
    what,
    tool: 'Chrome, Edge or Chromium',
    available: isChromiumInstalled(),
    install: BROWSER_INSTALL_COMMAND,
  });
}

/**
 * Whether tests using `launchBrowser({ trustedCaPem })` should be skipped on a developer machine (never in CI): no
 * browser, no certutil, or a platform or browser without a per-test trust store (macOS, Windows, snap Chromium).
 */
export function skipWithoutTrustedBrowser(what: string): boolean {
  if (skipWithoutChromium(what)) return true;
  const unsupported = isChromiumInstalled() ? trustedProfileUnsupportedReason() : undefined;
  const skipPlatform = skipUnlessAvailable({
    what,
    tool: 'a per-test browser trust store (Linux NSS)',
    available: unsupported === undefined,
    install: unsupported ?? '',
  });
  const skipCertutil = skipUnlessAvailable({
    what,
    tool: 'certutil',
    available: process.platform !== 'linux' || isCertutilInstalled(),
    install: CERTUTIL_INSTALL_COMMAND,
  });
  return skipPlatform || skipCertutil;
}
