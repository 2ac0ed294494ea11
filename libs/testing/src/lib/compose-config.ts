/**
 * The resolved `docker-compose.yml` of the repository, as `docker-compose config` prints it, so each app's tests can
 * run the app's own config loader on the environment its containers get. No Docker engine is needed: `config` only
 * parses, merges anchors and substitutes variables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** How to install docker-compose, for the error thrown when it is missing. */
export const COMPOSE_INSTALL_HINT =
  'docker-compose is not installed. Install it (Debian/Ubuntu: sudo apt-get install docker-compose) and run the tests again.';

/** One service of the resolved compose file. */
export interface ComposeService {
  readonly name: string;
  /** `build.args`, e.g. `{ APP: 'worker' }`; empty for image-only services such as Redis. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** The variables the container gets. Variables compose leaves unset (passed through but not defined) are absent. */
  readonly environment: Readonly<Record<string, string>>;
  /** Published ports as compose prints them, e.g. `127.0.0.1:3000:3000/tcp`. */
  readonly ports: readonly string[];
  /** `depends_on`: service name to condition (`service_healthy`, `service_started`). */
  readonly dependsOn: Readonly<Record<string, string>>;
  /** Volume mounts as `source:target:mode`. */
  readonly volumes: readonly string[];
  /** The health check command, when the service declares one. */
  readonly healthcheck?: readonly string[];
  readonly image?: string;
}

/** The resolved compose file. */
export interface ComposeConfig {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: readonly string[];
}

/** Options of {@link composeConfig}. */
export interface ComposeConfigOptions {
  /**
   * Variables file compose substitutes from (`--env-file`). Default: an empty file, so the result is the compose
   * file's own defaults whatever `.env` a developer keeps at the root.
   */
  readonly envFile?: string;
  /** Folder holding `docker-compose.yml`. Default: the repository root (found by walking up from this file). */
  readonly projectDir?: string;
}

/** Whether the `docker-compose` command can be run on this machine. */
export function isComposeInstalled(): boolean {
  const result = spawnSync('docker-compose', ['version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/**
 * Runs `docker-compose config` and returns every service's environment, build args, ports and dependencies.
 * Only PATH and HOME reach compose, so shell variables do not change the result; use `envFile` to test overrides.
 * @throws Error with {@link COMPOSE_INSTALL_HINT} when docker-compose is missing, or compose's own message when the
 *   file is invalid.
 */
export function composeConfig(options: ComposeConfigOptions = {}): ComposeConfig {
  const projectDir = resolve(options.projectDir ?? findRepoRoot(__dirname));
  const emptyDir = options.envFile ? undefined : mkdtempSync(join(tmpdir(), 'compose-env-'));
  const envFile = options.envFile ? resolve(options.envFile) : join(emptyDir as string, 'empty.env');
  if (emptyDir) writeFileSync(envFile, '');
  try {
    const result = spawnSync(
      'docker-compose',
      [
        '--project-directory',
        projectDir,
        '-f',
        join(projectDir, 'docker-compose.yml'),
        '--env-file',
        envFile,
        'config',
      ],
      {
        cwd: projectDir,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? tmpdir() },
      },
    );
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(COMPOSE_INSTALL_HINT);
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`docker-compose config failed (exit ${result.status}):\n${result.stderr.trim()}`);
    }
    return toComposeConfig(parse(result.stdout) as RawCompose);
  } finally {
    if (emptyDir) rmSync(emptyDir, { recursive: true, force: true });
  }
}

/** The services built from `docker/app.Dockerfile` with `--build-arg APP=<app>` (e.g. both worker replicas). */
export function composeServicesOf(config: ComposeConfig, app: string): ComposeService[] {
  return Object.values(config.services).filter((service) => service.buildArgs['APP'] === app);
}

interface RawService {
  build?: { args?: Record<string, unknown> };
  environment?: Record<string, unknown>;
  ports?: (string | { published?: unknown; target?: unknown; host_ip?: unknown; protocol?: unknown })[];
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: (string | { source?: string; target?: string; read_only?: boolean })[];
  healthcheck?: { test?: string[] | string };
  image?: string;
}

interface RawCompose {
  services?: Record<string, RawService>;
  volumes?: Record<string, unknown>;
}

function toComposeConfig(raw: RawCompose): ComposeConfig {
  const services = Object.fromEntries(
    Object.entries(raw.services ?? {}).map(([name, service]) => [name, toService(name, service)]),
  );
  return { services, volumes: Object.keys(raw.volumes ?? {}) };
}

function toService(name: string, raw: RawService): ComposeService {
  const dependsOn = Array.isArray(raw.depends_on)
    ? Object.fromEntries(raw.depends_on.map((dependency) => [dependency, 'service_started']))
    : Object.fromEntries(
        Object.entries(raw.depends_on ?? {}).map(([dependency, spec]) => [
          dependency,
          spec.condition ?? 'service_started',
        ]),
      );
  const test = raw.healthcheck?.test;
  return {
    name,
    buildArgs: definedStrings(raw.build?.args),
    environment: definedStrings(raw.environment),
    ports: (raw.ports ?? []).map((port) =>
      typeof port === 'string'
        ? port
        : `${port.host_ip ? `${port.host_ip}:` : ''}${port.published}:${port.target}/${port.protocol ?? 'tcp'}`,
    ),
    dependsOn,
    volumes: (raw.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume : `${volume.source}:${volume.target}:${volume.read_only ? 'ro' : 'rw'}`,
    ),
    healthcheck: test === undefined ? undefined : Array.isArray(test) ? test : ['CMD-SHELL', test],
    image: raw.image,
  };
}

/** Compose prints a passed-through variable that is not set as `null`: the container does not get it at all. */
function definedStrings(values: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {})
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'docker-compose.yml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`@stack/testing cannot find docker-compose.yml above ${start}.`);
  }
}
