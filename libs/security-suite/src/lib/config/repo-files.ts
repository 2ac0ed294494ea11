/** Finds the repository's config files (config/identity, config/gateway) by walking up from a folder. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first `<dir>/<relative>` that exists above `start` (inclusive), or undefined. */
export function findUp(relative: string, start = process.cwd()): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
