/**
 * `npm start`: builds the apps (Nx caches unchanged ones), starts the whole stack on the embedded defaults with
 * per-service prefixed logs, prints the URLs, and stops everything cleanly on Ctrl-C or on any failure
 * (lifecycle in launcher.ts).
 */
import { buildApps } from './build';
import { runLauncher } from './launcher';
import { localStackEnv } from './local-env';
import { services } from './services';

// --skip-build: the apps are built already (the tools tests depend on every app's build).
const skipBuild = process.argv.includes('--skip-build');

void runLauncher({
  env: process.env,
  services,
  prepareEnv: localStackEnv,
  build: skipBuild ? undefined : () => buildApps(services.map((s) => s.name)),
  isTTY: Boolean(process.stdout.isTTY),
  // config/gateway/ (JSON, policy XML, expressions) is read and compiled by the gateway itself: checked first.
  checkFirst: ['gateway'],
});
