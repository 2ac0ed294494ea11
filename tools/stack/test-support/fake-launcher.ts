/**
 * The `npm start` launcher over stand-in services (fake-service.cjs), for the launcher's tests: FAKE_MODES lists one
 * mode per service ("ok,ok,fail"), service i listens on FAKE_<i>_PORT; FAKE_LOCAL_ENV=1 adds the real configuration
 * checks (registrations file); FAKE_CHECK_FIRST names services to dry-run first. No build.
 */
import { join } from 'node:path';
import { runLauncher } from '../launcher';
import { localStackEnv } from '../local-env';
import type { ServiceSpec } from '../services';

const modes = (process.env['FAKE_MODES'] ?? 'ok').split(',');
const services: ServiceSpec[] = modes.map((mode, index) => ({
  name: `fake-${index}`,
  portEnv: `FAKE_${index}_PORT`,
  defaultPort: 0,
  protocol: 'http',
  healthPath: '/health',
  command: [join(__dirname, 'fake-service.cjs'), `FAKE_${index}_PORT`, mode],
}));

void runLauncher({
  env: process.env,
  services,
  prepareEnv: process.env['FAKE_LOCAL_ENV'] === '1' ? localStackEnv : undefined,
  isTTY: false,
  startTimeoutMs: 60_000,
  checkFirst: process.env['FAKE_CHECK_FIRST']?.split(','),
});
