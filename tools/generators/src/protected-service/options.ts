import { names, readJson, type Tree } from '@nx/devkit';
import type { ProtectedServiceSchema } from './schema';

/** Ports the stack already uses (design.md §2; worker-2 is published on 3003 by docker-compose.yml). */
const STACK_PORTS = new Map<number, string>([
  [3000, 'protected-api'],
  [3001, 'echo-api'],
  [3002, 'worker'],
  [3003, 'worker-2 (docker-compose.yml)'],
  [5443, 'identity'],
  [8080, 'gateway'],
]);
const FIRST_GENERATED_PORT = 3010;

export const SERVICES_FILE = 'config/stack/services.json';
export const REGISTRATIONS_FILE = 'config/identity/registrations.json';
export const GATEWAY_DIR = 'config/gateway';

/** One entry of config/stack/services.json (tools/stack/protected-services.ts reads it). */
export interface ServiceEntry {
  name: string;
  envPrefix: string;
  defaultPort: number;
  registration: string;
  gatewayPath: string;
  roles: string[];
}

/** Everything the templates and edits need, derived once from the command line. */
export interface NormalizedOptions {
  /** `reports-api` */
  readonly name: string;
  /** `ReportsApi` */
  readonly className: string;
  /** `REPORTS_API` */
  readonly constantName: string;
  /** `Reports API` */
  readonly title: string;
  readonly projectRoot: string;
  /** `reports` (the name without a trailing `-api`) */
  readonly gatewayPath: string;
  readonly roles: readonly string[];
  readonly readRole: string;
  readonly writeRole: string;
  readonly port: number;
  readonly tokenVersion: 1 | 2;
  /** displayName of its API app registration. */
  readonly registration: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ROLE = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/** Validates the options against the workspace; every problem is named with what to do instead. */
export function normalizeOptions(tree: Tree, schema: ProtectedServiceSchema): NormalizedOptions {
  const name = String(schema.name ?? '').trim();
  if (!NAME.test(name)) {
    throw new Error(`"${name}" is not a valid service name: use kebab-case letters and digits, e.g. reports-api.`);
  }
  const roles = String(schema.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  if (roles.length === 0) throw new Error('--roles is required: e.g. --roles Reports.Read,Reports.Write');
  const badRoles = roles.filter((role) => !ROLE.test(role));
  if (badRoles.length > 0) {
    throw new Error(`Invalid app role(s) ${badRoles.join(', ')}: use dotted words without spaces, e.g. Reports.Read.`);
  }
  if (new Set(roles).size !== roles.length) throw new Error(`--roles lists a role twice: ${roles.join(',')}`);
  const tokenVersion = Number(schema.tokenVersion ?? 2);
  if (tokenVersion !== 1 && tokenVersion !== 2)
    throw new Error(`--token-version must be 1 or 2, not ${schema.tokenVersion}.`);
  const { className, constantName } = names(name);
  return {
    name,
    className,
    constantName,
    title: name
      .split('-')
      .map((word) => (word === 'api' ? 'API' : word[0].toUpperCase() + word.slice(1)))
      .join(' '),
    projectRoot: `apps/${name}`,
    gatewayPath: name.endsWith('-api') ? name.slice(0, -'-api'.length) : name,
    roles,
    readRole: roles[0],
    writeRole: roles[1] ?? roles[0],
    port: choosePort(tree, schema.port),
    tokenVersion,
    registration: name,
  };
}

function generatedServices(tree: Tree): ServiceEntry[] {
  return tree.exists(SERVICES_FILE) ? readJson<{ services: ServiceEntry[] }>(tree, SERVICES_FILE).services : [];
}

function choosePort(tree: Tree, requested: number | undefined): number {
  const used = new Map(STACK_PORTS);
  for (const service of generatedServices(tree)) used.set(service.defaultPort, service.name);
  if (requested !== undefined) {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`--port must be 1-65535, not ${requested}.`);
    if (used.has(port)) throw new Error(`--port ${port} is already the port of ${used.get(port)}; choose another.`);
    return port;
  }
  let port = FIRST_GENERATED_PORT;
  while (used.has(port)) port += 1;
  return port;
}

/** Refuses a second run (or a name already taken), naming each place that already has it. */
export function refuseExisting(tree: Tree, options: NormalizedOptions): void {
  const found: string[] = [];
  if (tree.exists(options.projectRoot)) found.push(`${options.projectRoot}/ exists`);
  if (generatedServices(tree).some((service) => service.name === options.name)) {
    found.push(`${SERVICES_FILE} lists ${options.name}`);
  }
  const registrations = readJson<{ apis: { displayName: string }[] }>(tree, REGISTRATIONS_FILE);
  if (registrations.apis.some((api) => api.displayName === options.registration)) {
    found.push(`${REGISTRATIONS_FILE} has an API app "${options.registration}"`);
  }
  const { apis } = readJson<{ apis: { id: string; path: string }[] }>(tree, `${GATEWAY_DIR}/apis.json`);
  if (apis.some((api) => api.id === options.name)) found.push(`${GATEWAY_DIR}/apis.json has the API "${options.name}"`);
  const samePath = apis.find((api) => api.path === options.gatewayPath && api.id !== options.name);
  if (samePath) found.push(`${GATEWAY_DIR}/apis.json already publishes "${samePath.id}" at /${options.gatewayPath}`);
  if (found.length > 0) {
    throw new Error(
      `Cannot generate ${options.name}: it already exists (${found.join('; ')}). ` +
        'Choose another name, or remove the old one first (CONTRIBUTING.md, "Remove a generated service").',
    );
  }
}
