import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ComposeFileError } from './document-path';
import type { VariableLookup } from './interpolate';

/**
 * The variables of an env file (`--env-file`), parsed by dotenv: `KEY=value`, quotes, `#` comments. Values are
 * taken literally, as docker-compose 1.x does: a `$` inside the env file is not expanded.
 * @throws ComposeFileError when the file does not exist.
 */
export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) throw new ComposeFileError(`env file ${file} not found: pass an existing envFile`);
  return parse(readFileSync(file));
}

/** Looks variables up in `variables` only: the shell's environment never leaks into the result. */
export function lookupIn(variables: Readonly<Record<string, string>>): VariableLookup {
  return (name) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined);
}
