import { browserCandidates, findBrowser } from './find-browser';

describe('browserCandidates', () => {
  it('takes CHROMIUM_PATH alone when it is set', () => {
    expect(browserCandidates('linux', { CHROMIUM_PATH: '/opt/my/chrome' })).toEqual([
      { name: 'CHROMIUM_PATH', path: '/opt/my/chrome' },
    ]);
  });

  it('on Linux prefers stable Chrome and Edge, then their channels, then the Chromium packages (snap last)', () => {
    const names = browserCandidates('linux', {}).map((c) => `${c.name} ${c.path}`);
    expect(names.slice(0, 2)).toEqual(['chrome /opt/google/chrome/chrome', 'msedge /opt/microsoft/msedge/msedge']);
    expect(names).toContain('chrome-dev /opt/google/chrome-unstable/chrome');
    expect(names).toContain('msedge-beta /opt/microsoft/msedge-beta/msedge');
    expect(names.slice(-3)).toEqual([
      'chromium /usr/bin/chromium',
      'chromium /usr/bin/chromium-browser',
      'chromium /snap/bin/chromium',
    ]);
    // playwright-core has no Linux path for Edge Canary.
    expect(names.some((n) => n.startsWith('msedge-canary'))).toBe(false);
  });

  it('on macOS looks in /Applications', () => {
    const paths = browserCandidates('darwin', {}).map((c) => c.path);
    expect(paths[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(paths).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(paths).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('on Windows looks under LOCALAPPDATA and the program folders, as playwright-core does', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files' };
    const paths = browserCandidates('win32', env).map((c) => c.path);
    expect(paths.slice(0, 2)).toEqual([
      'C:\\Users\\dev\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    ]);
    expect(paths).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(paths).toContain('C:\\Users\\dev\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });
});

describe('findBrowser', () => {
  it('returns the first candidate that is installed', () => {
    const installed = new Set(['/usr/bin/chromium', '/opt/microsoft/msedge/msedge']);
    expect(findBrowser('linux', {}, (path) => installed.has(path))).toEqual({
      name: 'msedge',
      path: '/opt/microsoft/msedge/msedge',
    });
  });

  it('returns undefined when nothing is installed', () => {
    expect(findBrowser('linux', {}, () => false)).toBeUndefined();
  });

  it('does not fall back when CHROMIUM_PATH names a missing file', () => {
    expect(findBrowser('linux', { CHROMIUM_PATH: '/nonexistent/chromium' })).toBeUndefined();
  });
});
