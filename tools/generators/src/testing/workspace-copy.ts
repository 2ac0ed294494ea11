/**
 * A throw-away copy of the workspace for generator tests: the files git knows (tracked, and untracked but not ignored,
 * so uncommitted work is tested too), node_modules symlinked, and the apps already built in dist/ copied so only
 * what changes needs building.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

export interface WorkspaceCopy {
  readonly root: string;
  /** Runs a command in the copy (no shell), returning its exit code and output. */
  run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Runs nx (its bin script, with this Node) in the copy, daemon off. */
  nx(args: readonly string[]): SpawnSyncReturns<string>;
  read(path: string): string;
  remove(): void;
}

export function copyWorkspace(prefix = 'stack-generator-'): WorkspaceCopy {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('node_modules/'));
  for (const file of new Set(files)) {
    const source = join(workspaceRoot, file);
    if (!existsSync(source)) continue; // deleted but not yet committed
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(source, join(root, file));
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const dist = join(workspaceRoot, 'dist', 'apps');
  if (existsSync(dist)) cpSync(dist, join(root, 'dist', 'apps'), { recursive: true });
  const run = (command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(command, args, {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', CI: 'true', ...env },
    });
  return {
    root,
    run,
    nx: (args) => run(process.execPath, [nxBin(), ...args]),
    read: (path) => readFileSync(join(root, path), 'utf8'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function nxBin(): string {
  const manifest = require.resolve('nx/package.json', { paths: [workspaceRoot] });
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: { nx: string } };
  return join(dirname(manifest), bin.nx);
}
