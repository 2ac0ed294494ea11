import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './services';

/**
 * Builds apps with Nx (cached when unchanged). Returns the exit code; Nx's own output goes to the console unless
 * `quiet`, in which case only errors are shown. Nx runs through this Node binary (no `npx`, which is `npx.cmd` on
 * Windows and cannot be spawned without a shell).
 */
export function buildApps(projects: readonly string[], options: { quiet?: boolean } = {}): number {
  const result = spawnSync(
    process.execPath,
    [nxBin(), 'run-many', '-t', 'build', '-p', projects.join(','), '--outputStyle=static'],
    {
      cwd: repoRoot,
      stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
      env: { ...process.env, NX_DAEMON: process.env['NX_DAEMON'] ?? 'false' },
    },
  );
  return result.status ?? 1;
}

function nxBin(): string {
  const manifest = require.resolve('nx/package.json', { paths: [repoRoot] });
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { nx: string } };
  return join(dirname(manifest), bin.nx);
}
