/** `npm run untrust`: remove the development CA from this machine's trust stores (see trust-command.ts). */
import { runTrustCommand } from './trust-command';
import { systemTrustEnv } from './trust-env';

void runTrustCommand('untrust', process.argv.slice(2), systemTrustEnv()).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
