/**
 * Headless Chromium for browser tests, through playwright-core and the machine's own Chromium (Debian's
 * `chromium` package): no browser download at install time.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** How to install Chromium, for the error and for skipped tests. */
export const CHROMIUM_INSTALL_HINT =
  'Chromium is not installed. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary, and run the tests again.';

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

/** Thrown by {@link launchChromium} when no Chromium binary is found. */
export class ChromiumNotInstalledError extends Error {
  constructor(executablePath: string) {
    super(`${CHROMIUM_INSTALL_HINT} (looked for ${executablePath})`);
    this.name = 'ChromiumNotInstalledError';
  }
}

/** The Chromium binary: `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}

/** Whether the Chromium binary runs on this machine. */
export function isChromiumInstalled(): boolean {
  const result = spawnSync(chromiumPath(), ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS} (plus `extraArgs`). Close the browser in `afterAll`.
 * @throws {ChromiumNotInstalledError} when the binary is missing (the message says how to install it)
 */
export async function launchChromium(
  options: { extraArgs?: readonly string[] } & Omit<LaunchOptions, 'executablePath' | 'args'> = {},
): Promise<Browser> {
  const { extraArgs = [], ...launchOptions } = options;
  const executablePath = chromiumPath();
  if (!isChromiumInstalled()) throw new ChromiumNotInstalledError(executablePath);
  return chromium.launch({ ...launchOptions, executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Whether browser tests should be skipped: only on a developer machine without Chromium, with a warning naming
 * `what` and how to install it. In CI (`CI=true`) never: there `launchChromium` fails with the install hint.
 */
export function skipWithoutChromium(what: string): boolean {
  const skip = !isChromiumInstalled() && process.env['CI'] !== 'true';
  if (skip) console.warn(`SKIPPED ${what}: ${CHROMIUM_INSTALL_HINT}`);
  return skip;
}
