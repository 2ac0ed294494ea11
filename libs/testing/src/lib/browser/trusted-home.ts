/**
 * A throwaway HOME whose NSS database (`<home>/.pki/nssdb`) trusts one CA: on Linux, Chrome, Chromium and Edge read
 * user-added roots from there, so a browser started with `HOME=<home>` trusts that CA exactly as after
 * `npm run trust` (which writes the same entry, with the same certutil commands, to the user's own database).
 */
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get certutil (NSS tools), for errors and skipped tests. */
export const CERTUTIL_INSTALL_HINT =
  'certutil (NSS tools) is not installed. Install it (Debian/Ubuntu: sudo apt-get install libnss3-tools; Fedora: sudo dnf install nss-tools; Arch: sudo pacman -S nss; macOS: brew install nss) and run the tests again.';

/** Thrown when certutil is missing or fails. */
export class CertutilError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertutilError';
  }
}

/** Whether NSS's certutil runs here (Windows' own certutil.exe is a different tool and does not count). */
export function isCertutilInstalled(): boolean {
  if (process.platform === 'win32') return false;
  const result = spawnSync('certutil', ['-H'], { stdio: 'ignore' });
  // certutil -H prints its usage and exits 1; only a spawn error means it is missing.
  return !result.error;
}

function certutil(args: readonly string[]): void {
  const result = spawnSync('certutil', args, { encoding: 'utf8' });
  if (result.error) throw new CertutilError(`${CERTUTIL_INSTALL_HINT} (${result.error.message})`);
  if (result.status !== 0) {
    throw new CertutilError(`certutil ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
}

/** The nickname `npm run trust` gives a CA: stable, and exact for a rotated CA (SHA-256 prefix). */
export function caNickname(caPem: string): string {
  const der = new X509Certificate(caPem).raw;
  return `stack-dev-ca-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

/** A temporary HOME for a browser; `remove()` deletes it. */
export interface TrustedHome {
  readonly home: string;
  remove(): void;
}

/**
 * Creates an empty HOME for a browser (no NSS database: it trusts only the public roots), or, given `caPem`, one
 * whose NSS database trusts that CA (certutil -N, then certutil -A -t "C,,").
 * @param parentDir where to create it; default the OS temp folder
 */
export function createBrowserHome(caPem: string | undefined, parentDir: string = tmpdir()): TrustedHome {
  const home = mkdtempSync(join(parentDir, 'browser-home-'));
  const remove = () => rmSync(home, { recursive: true, force: true });
  if (caPem === undefined) return { home, remove };
  try {
    const db = join(home, '.pki', 'nssdb');
    mkdirSync(db, { recursive: true });
    const caFile = join(home, 'trusted-ca.pem');
    writeFileSync(caFile, caPem);
    certutil(['-N', '--empty-password', '-d', `sql:${db}`]);
    certutil(['-A', '-d', `sql:${db}`, '-n', caNickname(caPem), '-t', 'C,,', '-i', caFile]);
    return { home, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** A HOME whose NSS database trusts `caPem` ({@link createBrowserHome}). */
export function createTrustedHome(caPem: string, parentDir?: string): TrustedHome {
  return createBrowserHome(caPem, parentDir);
}
