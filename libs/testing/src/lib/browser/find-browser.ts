/**
 * Finds an installed Chrome, Edge or Chromium, the way playwright-core's `channel` option does (same install paths
 * per platform: its registry's `_createChromiumChannel` table), plus the usual Chromium packages. No download.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { win32 } from 'node:path';

/** One place a browser may be installed. */
export interface BrowserCandidate {
  /** A playwright-core channel name (`chrome`, `msedge-beta`, ...), `chromium`, or `CHROMIUM_PATH`. */
  readonly name: string;
  readonly path: string;
}

type Platform = NodeJS.Platform;

/** playwright-core's channel install paths (Windows: relative to the program folders). */
const CHANNELS: readonly { name: string; linux?: string; darwin: string; win32: string }[] = [
  {
    name: 'chrome',
    linux: '/opt/google/chrome/chrome',
    darwin: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    win32: 'Google\\Chrome\\Application\\chrome.exe',
  },
  {
    name: 'msedge',
    linux: '/opt/microsoft/msedge/msedge',
    darwin: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    win32: 'Microsoft\\Edge\\Application\\msedge.exe',
  },
  {
    name: 'chrome-beta',
    linux: '/opt/google/chrome-beta/chrome',
    darwin: '/Applications/Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta',
    win32: 'Google\\Chrome Beta\\Application\\chrome.exe',
  },
  {
    name: 'msedge-beta',
    linux: '/opt/microsoft/msedge-beta/msedge',
    darwin: '/Applications/Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta',
    win32: 'Microsoft\\Edge Beta\\Application\\msedge.exe',
  },
  {
    name: 'chrome-dev',
    linux: '/opt/google/chrome-unstable/chrome',
    darwin: '/Applications/Google Chrome Dev.app/Contents/MacOS/Google Chrome Dev',
    win32: 'Google\\Chrome Dev\\Application\\chrome.exe',
  },
  {
    name: 'msedge-dev',
    linux: '/opt/microsoft/msedge-dev/msedge',
    darwin: '/Applications/Microsoft Edge Dev.app/Contents/MacOS/Microsoft Edge Dev',
    win32: 'Microsoft\\Edge Dev\\Application\\msedge.exe',
  },
  {
    name: 'chrome-canary',
    linux: '/opt/google/chrome-canary/chrome',
    darwin: '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    win32: 'Google\\Chrome SxS\\Application\\chrome.exe',
  },
  {
    name: 'msedge-canary',
    darwin: '/Applications/Microsoft Edge Canary.app/Contents/MacOS/Microsoft Edge Canary',
    win32: 'Microsoft\\Edge SxS\\Application\\msedge.exe',
  },
];

/** Distribution packages of Chromium (Debian, Fedora, Arch, snap last: snap ignores HOME). */
const CHROMIUM: Record<'linux' | 'darwin' | 'win32', readonly string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['Chromium\\Application\\chrome.exe'],
};

/** Windows program folders, as playwright-core searches them. */
function windowsPrefixes(env: NodeJS.ProcessEnv): string[] {
  const drive = env['HOMEDRIVE'];
  return [
    env['LOCALAPPDATA'],
    env['PROGRAMFILES'],
    env['PROGRAMFILES(X86)'],
    drive && `${drive}\\Program Files`,
    drive && `${drive}\\Program Files (x86)`,
  ].filter((prefix): prefix is string => !!prefix);
}

/**
 * Every place to look, in order of preference: `CHROMIUM_PATH` alone when set (an explicit choice is not second
 * guessed), else stable Chrome and Edge, their beta/dev/canary channels, then Chromium.
 */
export function browserCandidates(platform: Platform, env: NodeJS.ProcessEnv): BrowserCandidate[] {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) return [{ name: 'CHROMIUM_PATH', path: explicit }];
  if (platform === 'win32') {
    const prefixes = windowsPrefixes(env);
    const inPrograms = (name: string, suffix: string) =>
      prefixes.map((prefix) => ({ name, path: win32.join(prefix, suffix) }));
    return [
      ...CHANNELS.flatMap((channel) => inPrograms(channel.name, channel.win32)),
      ...CHROMIUM.win32.flatMap((suffix) => inPrograms('chromium', suffix)),
    ];
  }
  const os = platform === 'darwin' ? 'darwin' : 'linux';
  return [
    ...CHANNELS.flatMap((channel) => {
      const path = channel[os];
      return path ? [{ name: channel.name, path }] : [];
    }),
    ...CHROMIUM[os].map((path) => ({ name: 'chromium', path })),
  ];
}

/** Whether `path` is a file this process may run (Windows has no execute bit: a file is enough). */
export function isRunnableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first installed browser of {@link browserCandidates}, or undefined. */
export function findBrowser(
  platform: Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  runnable: (path: string) => boolean = isRunnableFile,
): BrowserCandidate | undefined {
  return browserCandidates(platform, env).find((candidate) => runnable(candidate.path));
}
