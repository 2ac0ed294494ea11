/**
 * The identity service's data folder (.data/ by default: dev CA, signing keys, client certificates) as the launcher
 * sees it: a notice when the CA is about to be created anew, and one warning if the folder disappears while the
 * stack runs (the services keep their keys in memory, the next start silently makes a new CA).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from './services';

/** IDENTITY_DATA_DIR or .data/, relative to the repository (where the launcher starts the identity service). */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(repoRoot, env['IDENTITY_DATA_DIR'] || '.data');
}

const shown = (path: string) => {
  const relativePath = relative(process.cwd(), path);
  return relativePath === '' || relativePath.startsWith('..') ? path : relativePath;
};

/** A notice when no dev CA exists yet (first start, or .data/ deleted), else undefined. */
export function newCaNotice(caPath: string): string | undefined {
  if (existsSync(caPath)) return undefined;
  return (
    `No development CA at ${shown(caPath)}: the identity service will create a new one. ` +
    'If a browser or your OS trusted an earlier one, trust the new one again with `npm run trust`.'
  );
}

/**
 * Checks every `intervalMs` that the data folder still exists and calls `warn` once when it is gone. Cheap (one
 * stat), works the same on every platform (fs.watch on a deleted folder does not). Returns the stop function.
 */
export function watchDataDir(dataDir: string, warn: (message: string) => void, intervalMs = 2000): () => void {
  const timer = setInterval(() => {
    if (existsSync(dataDir)) return;
    clearInterval(timer);
    warn(
      `${shown(dataDir)} was deleted while the stack is running. The services keep running on the keys they ` +
        `loaded, but the dev CA (${shown(join(dataDir, 'certs', 'ca.pem'))}) is gone: restart the stack (Ctrl-C, ` +
        '`npm start`) to create a new one, then trust it again with `npm run trust`.',
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
