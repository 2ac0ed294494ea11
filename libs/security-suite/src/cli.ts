/**
 * `npm run security -- --target <url> [options]`: runs the attack catalogue against a running service, prints
 * `case | expected | got | verdict` and a summary line, and exits 0 only when every case passed, nothing was
 * accepted, nothing answered 5xx and the canary heard nothing.
 */
import { parseCliOptions, UsageError, USAGE } from './lib/config/cli-options';
import { formatTable } from './lib/run/table';
import { isClean, runSuite } from './lib/run/run-suite';

async function main(): Promise<number> {
  let options;
  try {
    options = await parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message ? `${error.message}\n\n${USAGE}` : USAGE);
    return error.message ? 2 : 0;
  }
  const unreachable = await reachability(options.suite.target, options.suite.timeoutMs ?? 10_000);
  if (unreachable) {
    console.error(`Cannot reach ${options.suite.target}: ${unreachable}. Start the service or fix --target.`);
    return 2;
  }
  const report = await runSuite(options.suite);
  console.log(options.json ? JSON.stringify(report, null, 2) : formatTable(report));
  return isClean(report) ? 0 : 1;
}

/** Why the target cannot be reached at all, or undefined when it answers (any status). */
async function reachability(target: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return undefined;
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    return cause?.message ?? (error as Error).message;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
