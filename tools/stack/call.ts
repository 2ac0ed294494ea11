/**
 * `npm run call -- [options] <METHOD> <path | URL> [body]`: one call with a client-credentials token (or, with
 * `--user <upn>`, a dev user's token from the authorization code flow) and a subscription key against the running
 * stack (`npm start`), printed. Any registered client, API or scope, any URL;
 * the defaults are the worker's client, scope, gateway and subscription key. `npm run call -- --help` lists the options.
 */
import { CallUsageError, parseCallArgs, usage } from './call/call-options';
import { resolveCall } from './call/call-target';
import { runCall } from './call/run-call';

async function main(args: readonly string[]): Promise<number> {
  const options = parseCallArgs(args);
  if (options === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  return runCall(resolveCall(options), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    if (error instanceof CallUsageError) {
      process.stderr.write(`${error.message}\n${usage.split('\n')[0]} (--help lists the options)\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    }
  },
);
