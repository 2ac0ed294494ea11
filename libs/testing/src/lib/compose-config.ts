/**
 * The resolved `docker-compose.yml` of the repository, as `docker-compose config` prints it, so each app's tests can
 * run the app's own config loader on the environment its containers get. Done in-process, with no docker-compose
 * installed: parse the YAML (anchors and `<<` merges), validate it against the Compose Specification's JSON schema,
 * substitute variables from the env file only, and normalise (see docs/decisions/012).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lookupIn, readEnvFile } from './compose/env-file';
import { interpolateDocument } from './compose/interpolate-document';
import { toComposeConfig } from './compose/normalise';
import { readComposeYaml } from './compose/read-yaml';
import { validateComposeDocument } from './compose/schema';
import type { ComposeConfig, ComposeService } from './compose/types';

export type { ComposeConfig, ComposeService } from './compose/types';
export { ComposeFileError } from './compose/document-path';

/** Options of {@link composeConfig}. */
export interface ComposeConfigOptions {
  /**
   * Variables file compose substitutes from (`--env-file`). Default: none (an empty file), so the result is the
   * compose file's own defaults whatever `.env` a developer keeps at the root.
   */
  readonly envFile?: string;
  /** Folder holding `docker-compose.yml`. Default: the repository root (found by walking up from this file). */
  readonly projectDir?: string;
}

/**
 * Every service's environment, build args, ports, volumes, health check and dependencies. Variables come from
 * `envFile` only, never from the shell, so the result does not depend on who runs the tests.
 * @throws ComposeFileError naming the file (and path) when the file is not valid YAML, does not match the schema,
 *   uses a malformed `$` expression or a `${VAR:?message}` whose variable has no value, or has a bad port or volume.
 */
export function composeConfig(options: ComposeConfigOptions = {}): ComposeConfig {
  const projectDir = resolve(options.projectDir ?? findRepoRoot(__dirname));
  const file = join(projectDir, 'docker-compose.yml');
  const variables = lookupIn(options.envFile ? readEnvFile(resolve(options.envFile)) : {});
  const { document, lineOf } = readComposeYaml(file);
  validateComposeDocument(document, file, lineOf);
  const interpolated = interpolateDocument(document, variables, file);
  return toComposeConfig(interpolated, { file, projectDir, passThrough: variables });
}

/** The services built from `docker/app.Dockerfile` with `--build-arg APP=<app>` (e.g. both worker replicas). */
export function composeServicesOf(config: ComposeConfig, app: string): ComposeService[] {
  return Object.values(config.services).filter((service) => service.buildArgs['APP'] === app);
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'docker-compose.yml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`@stack/testing cannot find docker-compose.yml above ${start}.`);
  }
}
