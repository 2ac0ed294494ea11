/**
 * The interpolated compose document in the shape of {@link ComposeConfig}, normalised the way `docker-compose config`
 * prints it. The document has passed the schema, so shapes are trusted; values compose itself checks later
 * (port and volume syntax, references between services and volumes) are checked here.
 */
import { ComposeFileError, formatPath } from './document-path';
import { toVariables } from './environment';
import type { VariableLookup } from './interpolate';
import { formatPorts, type PortEntry } from './ports';
import type { ComposeConfig, ComposeService } from './types';
import { toMount, type VolumeEntry } from './volumes';

interface RawService {
  build?: string | { args?: unknown };
  environment?: unknown;
  ports?: PortEntry[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: VolumeEntry[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  image?: string;
}

interface RawCompose {
  services?: Record<string, RawService>;
  volumes?: Record<string, unknown>;
}

export interface NormaliseContext {
  /** The compose file, for error messages. */
  readonly file: string;
  /** Where relative bind-mount sources are resolved from. */
  readonly projectDir: string;
  /** Values of passed-through variables (`KEY:` without a value): the env file's. */
  readonly passThrough: VariableLookup;
}

/** @throws ComposeFileError naming the file and path of a bad port, volume or reference */
export function toComposeConfig(document: unknown, context: NormaliseContext): ComposeConfig {
  const raw = (document ?? {}) as RawCompose;
  // Sorted by name, as `docker-compose config` prints them.
  const declaredVolumes = Object.keys(raw.volumes ?? {}).sort();
  const names = Object.keys(raw.services ?? {});
  const services = Object.fromEntries(
    sortedEntries(raw.services ?? {}).map(([name, service]) => {
      const normalised = toService(name, service ?? {}, context, declaredVolumes);
      for (const dependency of Object.keys(normalised.dependsOn)) {
        if (!names.includes(dependency)) {
          fail(context, ['services', name, 'depends_on'], `service "${dependency}" is not defined in services`);
        }
      }
      return [name, normalised];
    }),
  );
  return { services, volumes: declaredVolumes };
}

function toService(
  name: string,
  raw: RawService,
  context: NormaliseContext,
  declaredVolumes: readonly string[],
): ComposeService {
  const path = ['services', name];
  const ports = (raw.ports ?? []).flatMap((entry, index) =>
    attempt(context, [...path, 'ports', index], () => formatPorts(entry)),
  );
  const volumes = (raw.volumes ?? []).map((entry, index) => {
    const mount = attempt(context, [...path, 'volumes', index], () => toMount(entry, context.projectDir));
    if (mount.namedVolume !== undefined && !declaredVolumes.includes(mount.namedVolume)) {
      fail(context, [...path, 'volumes', index], `named volume "${mount.namedVolume}" is not declared in volumes`);
    }
    return mount.text;
  });
  return {
    name,
    buildArgs: toVariables(typeof raw.build === 'object' ? raw.build.args : undefined, context.passThrough),
    environment: toVariables(raw.environment, context.passThrough),
    ports,
    dependsOn: dependsOn(raw.depends_on),
    volumes,
    healthcheck: healthcheck(raw.healthcheck),
    image: raw.image,
  };
}

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The list form means "started"; the map form names its condition. */
function dependsOn(raw: RawService['depends_on']): Record<string, string> {
  if (Array.isArray(raw))
    return Object.fromEntries([...raw].sort().map((dependency) => [dependency, 'service_started']));
  return Object.fromEntries(
    sortedEntries(raw ?? {}).map(([dependency, spec]) => [dependency, spec?.condition ?? 'service_started']),
  );
}

function healthcheck(raw: RawService['healthcheck']): string[] | undefined {
  if (raw?.disable) return ['NONE'];
  const test = raw?.test;
  if (test === undefined) return undefined;
  return typeof test === 'string' ? ['CMD-SHELL', test] : [...test];
}

function attempt<T>(context: NormaliseContext, path: (string | number)[], run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ComposeFileError) throw error;
    return fail(context, path, (error as Error).message);
  }
}

function fail(context: NormaliseContext, path: (string | number)[], message: string): never {
  throw new ComposeFileError(`${context.file}: ${formatPath(path)}: ${message}`);
}
