import { randomInt } from 'node:crypto';
import { canListen } from './ports';
import { services } from './services';

/**
 * Ports are drawn at random below every OS's ephemeral range (Linux 32768+, macOS and Windows 49152+): a port the OS
 * handed out for `listen(0)` can be handed out again to another test's server or to an outgoing connection before our
 * child process binds it, which made parallel stack tests fail with EADDRINUSE.
 */
const LOWEST = 20_000;
const HIGHEST = 32_000;

/** Port variables of every service set to free ports, so a second stack can run beside `npm start`'s. */
export async function freePortsEnv(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  const chosen = new Set<number>();
  for (const service of services) {
    let port = randomInt(LOWEST, HIGHEST);
    while (chosen.has(port) || !(await canListen(port))) port = randomInt(LOWEST, HIGHEST);
    chosen.add(port);
    env[service.portEnv] = String(port);
  }
  return env;
}
