/**
 * Headless Chrome, Edge or Chromium for browser tests, through playwright-core and the machine's own browser: no
 * browser download at install time. Discovery and launching live in ./browser/; this module keeps the names the
 * tests already use and the skip helpers.
 */
import type { Browser } from 'playwright-core';
import { findBrowser } from './browser/find-browser';
import {
  CHROMIUM_INSTALL_HINT,
  launchBrowser,
  trustedProfileUnsupportedReason,
  type LaunchBrowserOptions,
} from './browser/launch-browser';
import { CERTUTIL_INSTALL_HINT, isCertutilInstalled } from './browser/trusted-home';

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

/**
 * Skips on a developer machine only, with a warning naming `what` and the reasons; in CI (`CI=true`) never: there
 * the launch fails with the same hint instead, so a CI image missing a tool is noticed.
 */
function skipUnless(what: string, missing: readonly string[]): boolean {
  const skip = missing.length > 0 && process.env['CI'] !== 'true';
  if (skip) console.warn(`SKIPPED ${what}: ${missing.join(' ')}`);
  return skip;
}

/** Whether browser tests should be skipped: no browser on a developer machine (never in CI). */
export function skipWithoutChromium(what: string): boolean {
  return skipUnless(what, isChromiumInstalled() ? [] : [CHROMIUM_INSTALL_HINT]);
}

/**
 * Whether tests using `launchBrowser({ trustedCaPem })` should be skipped: no browser, no certutil, or a platform
 * or browser without a per-test trust store, on a developer machine (never in CI).
 */
export function skipWithoutTrustedBrowser(what: string): boolean {
  const missing: string[] = [];
  if (!isChromiumInstalled()) missing.push(CHROMIUM_INSTALL_HINT);
  else {
    const unsupported = trustedProfileUnsupportedReason();
    if (unsupported) missing.push(`Cannot trust a CA per test: ${unsupported}.`);
  }
  if (process.platform === 'linux' && !isCertutilInstalled()) missing.push(CERTUTIL_INSTALL_HINT);
  return skipUnless(what, missing);
}
