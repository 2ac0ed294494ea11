/**
 * The services of the local stack, in start order, with their default ports (design.md §2).
 * One list used by `npm start` and by the stack end-to-end tests, so both start the stack the same way.
 */
import { join } from 'node:path';
import { readProtectedServices } from './protected-services';

export interface ServiceSpec {
  /** Nx project name; the built entry point is dist/apps/<name>/main.js. */
  readonly name: string;
  /** Port variable and its default. */
  readonly portEnv: string;
  readonly defaultPort: number;
  readonly protocol: 'http' | 'https';
  /** Path answered with 200 once the service is up. */
  readonly healthPath: string;
  /** Node arguments instead of the built entry point (test services); default `[entryPoint(spec)]`. */
  readonly command?: readonly string[];
}

export const services: readonly ServiceSpec[] = [
  { name: 'identity', portEnv: 'IDENTITY_PORT', defaultPort: 5443, protocol: 'https', healthPath: '/health' },
  { name: 'echo-api', portEnv: 'ECHO_API_PORT', defaultPort: 3001, protocol: 'http', healthPath: '/health' },
  {
    name: 'protected-api',
    portEnv: 'PROTECTED_API_PORT',
    defaultPort: 3000,
    protocol: 'http',
    healthPath: '/health/live',
  },
  // The generated protected services (config/stack/services.json), before the gateway that fronts them.
  ...readProtectedServices().map(
    (service): ServiceSpec => ({
      name: service.name,
      portEnv: `${service.envPrefix}_PORT`,
      defaultPort: service.defaultPort,
      protocol: 'http',
      healthPath: '/health/live',
    }),
  ),
  // APIM's gateway health probe path.
  {
    name: 'gateway',
    portEnv: 'GATEWAY_PORT',
    defaultPort: 8080,
    protocol: 'http',
    healthPath: '/status-0123456789abcdef',
  },
  { name: 'worker', portEnv: 'WORKER_HEALTH_PORT', defaultPort: 3002, protocol: 'http', healthPath: '/health' },
];

export const repoRoot = join(__dirname, '..', '..');

export function entryPoint(service: ServiceSpec): string {
  return join(repoRoot, 'dist', 'apps', service.name, 'main.js');
}

export function portOf(service: ServiceSpec, env: NodeJS.ProcessEnv): number {
  const value = env[service.portEnv];
  return value ? Number(value) : service.defaultPort;
}

export function baseUrlOf(service: ServiceSpec, env: NodeJS.ProcessEnv): string {
  return `${service.protocol}://localhost:${portOf(service, env)}`;
}
