/** `npm run trust`: install the development CA into this machine's trust stores (see trust-command.ts). */
import { runTrustCommand } from './trust-command';
import { systemTrustEnv } from './trust-env';

void runTrustCommand('trust', process.argv.slice(2), systemTrustEnv()).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
