/**
 * `npm test`: every project's tests (`nx run-many -t test --outputStyle=static`, plus any arguments given), then one
 * last line saying which suites were skipped for a missing tool, or `Nothing skipped.`. Exits with nx's exit code.
 * Run as `node --require ./tools/register-ts.cjs tools/test/run-tests.ts [nx arguments]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatSkipSummary, readSkipRecords } from './skip-summary';

/** Same name as SKIPS_DIR_ENV in libs/testing/src/lib/skips.ts. */
const SKIPS_DIR_ENV = 'STACK_TEST_SKIPS_DIR';

/** nx's own bin script, run with this Node: no shell, no `.cmd` shim, the same on Windows. */
function nxBin(): string {
  const packageJson = require.resolve('nx/package.json');
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(packageJson), bin['nx'] as string);
}

function main(): void {
  const skipsDir = mkdtempSync(join(tmpdir(), 'stack-test-skips-'));
  const child = spawn(
    process.execPath,
    [nxBin(), 'run-many', '-t', 'test', '--outputStyle=static', ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [SKIPS_DIR_ENV]: skipsDir } },
  );
  // Ctrl-C reaches nx too: wait for it to stop, then still print the summary.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  child.on('error', (error) => {
    console.error(`Could not start nx: ${error.message}`);
    rmSync(skipsDir, { recursive: true, force: true });
    process.exit(1);
  });
  child.on('exit', (code) => {
    let summary: string;
    try {
      summary = formatSkipSummary(readSkipRecords(skipsDir));
    } finally {
      rmSync(skipsDir, { recursive: true, force: true });
    }
    console.log(summary);
    process.exit(code ?? 1);
  });
}

main();
