import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SKIPS_DIR_ENV, skipUnlessAvailable } from './skips';

const requirement = {
  what: 'portal browser tests',
  tool: 'chromium',
  install: 'sudo apt-get install -y chromium',
};

describe('skipUnlessAvailable', () => {
  const saved = { ci: process.env['CI'], dir: process.env[SKIPS_DIR_ENV] };
  let dir: string;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'skips-'));
    process.env[SKIPS_DIR_ENV] = dir;
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stderr.mockRestore();
    rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['CI', saved.ci],
      [SKIPS_DIR_ENV, saved.dir],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const records = () =>
    readdirSync(dir).flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    );

  it('does not skip, print or record anything when the tool is there', () => {
    delete process.env['CI'];
    expect(skipUnlessAvailable({ ...requirement, available: true })).toBe(false);
    expect(stderr).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('outside CI, skips with a warning and records what, tool and install command', () => {
    process.env['CI'] = 'false';
    expect(skipUnlessAvailable({ ...requirement, available: false })).toBe(true);
    expect(stderr).toHaveBeenCalledWith(
      'Skipping portal browser tests: chromium is missing. Install it: sudo apt-get install -y chromium\n',
    );
    expect(records()).toEqual([requirement]);
    skipUnlessAvailable({ ...requirement, what: 'trust tests', available: false });
    expect(records()).toEqual([requirement, { ...requirement, what: 'trust tests' }]);
  });

  it('outside CI without STACK_TEST_SKIPS_DIR, still skips and warns', () => {
    delete process.env['CI'];
    delete process.env[SKIPS_DIR_ENV];
    expect(skipUnlessAvailable({ ...requirement, available: false })).toBe(true);
    expect(stderr).toHaveBeenCalledTimes(1);
  });

  it('in CI, does not skip: the tests run and fail, and the warning says how to install the tool', () => {
    process.env['CI'] = 'true';
    expect(skipUnlessAvailable({ ...requirement, available: false })).toBe(false);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Install it: sudo apt-get install -y chromium'));
    expect(readdirSync(dir)).toEqual([]);
  });
});
