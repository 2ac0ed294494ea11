import { freePort } from '@stack/testing';
import { services } from './services';

/** Port variables of every service set to free ports, so a second stack can run beside `npm start`'s. */
export async function freePortsEnv(): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const service of services) env[service.portEnv] = String(await freePort());
  return env;
}
