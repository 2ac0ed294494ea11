import { updateJson, type Tree } from '@nx/devkit';
import { gatewayNames } from './gateway';
import { SERVICES_FILE, type NormalizedOptions, type ServiceEntry } from './options';
import type { ApiRegistration } from './registration';

const COMPOSE_FILE = 'docker-compose.yml';
const ENV_EXAMPLE = '.env.example';
/** Nx projects that start the whole stack (tests, bench): each builds every app first (implicitDependencies). */
const STACK_PROJECTS = ['tools/project.json', 'tools/bench/project.json', 'tools/generators/project.json'];

/** `npm start`, the demo and the stack tests: one entry in config/stack/services.json (they read it). */
export function addStackEntries(tree: Tree, options: NormalizedOptions): void {
  const entry: ServiceEntry = {
    name: options.name,
    envPrefix: options.constantName,
    defaultPort: options.port,
    registration: options.registration,
    gatewayPath: options.gatewayPath,
    roles: [...options.roles],
  };
  updateJson<{ services: ServiceEntry[] }>(tree, SERVICES_FILE, (json) => {
    json.services.push(entry);
    return json;
  });
  for (const file of STACK_PROJECTS.filter((candidate) => tree.exists(candidate))) {
    updateJson<{ implicitDependencies?: string[] }>(tree, file, (json) => {
      // Only the projects that build the whole stack (they list protected-api) start it.
      if (json.implicitDependencies?.includes('protected-api')) json.implicitDependencies.push(options.name);
      return json;
    });
  }
}

/** A docker-compose service like protected-api's, with its own API settings; the gateway gets its backend URL. */
export function addComposeService(tree: Tree, options: NormalizedOptions, registration: ApiRegistration): void {
  const { name, constantName: p, port } = options;
  const { urlEnv, appIdEnv } = gatewayNames(options);
  let text = tree.read(COMPOSE_FILE, 'utf-8') ?? '';
  const service = `  ${name}:
    <<: *app
    build:
      context: .
      dockerfile: docker/app.Dockerfile
      args:
        APP: ${name}
    image: stack-${name}
    depends_on:
      identity:
        condition: service_healthy
    environment:
      <<: *auth-env
      NODE_EXTRA_CA_CERTS: /app/.data/certs/ca.pem
      ${p}_PORT: '${port}'
      ${p}_HOST: 0.0.0.0
      # Its own API app (never the shared AUTH_API_APP_ID: docs/decisions/017).
      ${p}_AUTH_API_APP_ID: \${${p}_AUTH_API_APP_ID:-${registration.appId}}
      ${p}_AUTH_APP_ID_URIS: \${${p}_AUTH_APP_ID_URIS:-${registration.appIdUri}}
    ports:
      - '127.0.0.1:${port}:${port}'
    volumes: *node-client-volumes
    healthcheck:
      # Ready means the signing keys were fetched from the identity service (or Entra).
      test:
        [
          'CMD',
          'node',
          '-e',
          "fetch('http://127.0.0.1:${port}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
        ]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s

`;
  text = insertBefore(text, '\n  gateway:\n', `\n${service.trimEnd()}\n`, COMPOSE_FILE);
  const gatewayStart = text.indexOf('\n  gateway:\n');
  text = insertAfterLine(
    text,
    '      protected-api:\n        condition: service_healthy\n',
    `      ${name}:\n        condition: service_healthy\n`,
    gatewayStart,
  );
  text = insertAfterLine(
    text,
    '      GATEWAY_PROTECTED_API_URL:',
    `      ${urlEnv}: \${${urlEnv}:-http://${name}:${port}}\n      ${appIdEnv}:\n`,
    gatewayStart,
  );
  tree.write(COMPOSE_FILE, text);
}

/** Its section of .env.example, before the worker's. */
export function addEnvExampleSection(tree: Tree, options: NormalizedOptions, registration: ApiRegistration): void {
  const { name, constantName: p, port } = options;
  const { urlEnv, appIdEnv } = gatewayNames(options);
  const title = `# --- ${name}: generated protected service (its own API app; the shared AUTH_* for the rest) `;
  const section = `${title.padEnd(115, '-')}
# Application (client) id and App ID URIs of its app registration: per service, never shared (docs/decisions/017).
${p}_AUTH_API_APP_ID=${registration.appId}
${p}_AUTH_APP_ID_URIS=${registration.appIdUri}
# Any other AUTH_* knob can be set for this service alone: ${p}_AUTH_<name>, e.g. ${p}_AUTH_CLOCK_SKEW_SECONDS.
# ${p}_PORT=${port}
# ${p}_HOST=127.0.0.1 (compose: 0.0.0.0)
# The gateway's backend URL for it and its app id (named values ${name}-url and ${name}-app-id).
${urlEnv}=http://${name}:${port}
# ${appIdEnv}=${registration.appId}

`;
  const text = tree.read(ENV_EXAMPLE, 'utf-8') ?? '';
  tree.write(ENV_EXAMPLE, insertBefore(text, '# --- worker:', section, ENV_EXAMPLE));
}

function insertBefore(text: string, marker: string, insert: string, file: string): string {
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`${file}: cannot find "${marker.trim()}" to add the service before it.`);
  return text.slice(0, at) + insert + text.slice(at);
}

/** Inserts after the whole line that starts with `marker` (searching from `from`). */
function insertAfterLine(text: string, marker: string, insert: string, from: number): string {
  const at = text.indexOf(marker, from);
  if (at === -1) throw new Error(`${COMPOSE_FILE}: cannot find "${marker.trim()}" in the gateway service.`);
  const lineEnd = text.indexOf('\n', at + marker.length - 1);
  return text.slice(0, lineEnd + 1) + insert + text.slice(lineEnd + 1);
}
