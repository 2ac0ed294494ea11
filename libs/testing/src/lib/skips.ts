/**
 * Tests that need a tool the machine may lack (a browser, certutil): skipped on a developer machine, with a warning
 * and a record `npm test` sums up in its last line; never skipped in CI, where they run and fail with the hint.
 *
 * ```ts
 * const skip = skipUnlessAvailable({
 *   what: 'developer portal browser tests',
 *   tool: 'chromium',
 *   available: isChromiumInstalled(),
 *   install: 'sudo apt-get install -y chromium',
 * });
 * (skip ? describe.skip : describe)('developer portal in a browser', () => { ... });
 * ```
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/** Env variable naming the folder where skipped suites are recorded (set by `npm test`, tools/test/run-tests.ts). */
export const SKIPS_DIR_ENV = 'STACK_TEST_SKIPS_DIR';

/** A suite that needs a tool. */
export interface ToolRequirement {
  /** The tests that need the tool, e.g. `developer portal browser tests`. */
  readonly what: string;
  /** The tool, e.g. `chromium`. */
  readonly tool: string;
  /** Whether the tool is there: when it is, nothing is skipped or printed. */
  readonly available: boolean;
  /** The command that installs it, e.g. `sudo apt-get install -y chromium`. */
  readonly install: string;
}

/**
 * One line (JSON) of a file in {@link SKIPS_DIR_ENV} per skipped suite. tools/test/skip-summary.ts reads them.
 */
export interface SkipRecord {
  readonly what: string;
  readonly tool: string;
  readonly install: string;
}

/**
 * Whether the caller should skip its tests (`describe.skip`/`it.skip`) because `tool` is missing.
 * - Tool available: false, silently.
 * - Missing, outside CI (`CI` is not `true`): true, after a warning on stderr and a {@link SkipRecord} appended to
 *   `<STACK_TEST_SKIPS_DIR>/skips-<pid>.jsonl` when that variable is set.
 * - Missing, in CI: false, after a warning: the tests run and fail, and the warning says how to install the tool.
 */
export function skipUnlessAvailable(requirement: ToolRequirement): boolean {
  const { what, tool, available, install } = requirement;
  if (available) return false;
  if (process.env['CI'] === 'true') {
    process.stderr.write(`CI: ${tool} is missing, so ${what} will fail. Install it: ${install}\n`);
    return false;
  }
  process.stderr.write(`Skipping ${what}: ${tool} is missing. Install it: ${install}\n`);
  const dir = process.env[SKIPS_DIR_ENV];
  if (dir) {
    const record: SkipRecord = { what, tool, install };
    appendFileSync(join(dir, `skips-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
  }
  return true;
}
