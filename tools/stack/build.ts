import { spawnSync } from 'node:child_process';
import { repoRoot } from './services';

/**
 * Builds apps with Nx (cached when unchanged). Returns the exit code; Nx's own output goes to the console unless
 * `quiet`, in which case only errors are shown.
 */
export function buildApps(projects: readonly string[], options: { quiet?: boolean } = {}): number {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', projects.join(','), '--outputStyle=static'], {
    cwd: repoRoot,
    stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, NX_DAEMON: process.env['NX_DAEMON'] ?? 'false' },
  });
  return result.status ?? 1;
}
