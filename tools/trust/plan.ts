/**
 * The plan of `npm run trust` / `npm run untrust`: a pure function of the CA and what discovery found, so every
 * platform's plan is unit-tested anywhere. Each store gets the exact commands to run, or why it is left out.
 */
import { loginKeychain } from './discover';
import type { DevCa } from './dev-ca';
import type { Found, NssDbFound } from './found';

export type TrustAction = 'trust' | 'untrust';

/** Run a program (argv, no shell), or create a folder. */
export type Command = { readonly argv: readonly string[] } | { readonly mkdir: string };

export interface StorePlan {
  readonly store: string;
  readonly commands: readonly Command[];
  /** A tool is missing: what it is and how to install it. The other stores still proceed. */
  readonly unavailable?: string;
  /** Nothing to do here, and why (e.g. not installed, skipped by --no-system). */
  readonly skipped?: string;
  /** Something the user should know about this store. */
  readonly note?: string;
}

export interface PlanOptions {
  /** Include the OS store (system CA bundle, macOS keychain, Windows Root store). `--no-system` turns it off. */
  readonly system: boolean;
}

const CERTUTIL_HINT: Partial<Record<NodeJS.Platform, string>> = {
  linux:
    'certutil not found: install NSS tools (Debian/Ubuntu: sudo apt-get install libnss3-tools; Fedora: sudo dnf install nss-tools; Arch: sudo pacman -S nss), then run this again',
  darwin:
    'certutil not found: install NSS tools (brew install nss), then run this again; Firefox 120 and later also trust the login keychain by default (security.enterprise_roots.enabled)',
};

const NO_SYSTEM = 'left alone (--no-system)';

function nssPlan(action: TrustAction, ca: DevCa, found: Found, db: NssDbFound): StorePlan {
  const store = `${db.label} [NSS sql:${db.dir}]`;
  if (!found.hasCertutil) return { store, commands: [], unavailable: CERTUTIL_HINT[found.platform] };
  const d = `sql:${db.dir}`;
  if (action === 'untrust') {
    if (!db.hasCa) return { store, commands: [], skipped: `${ca.nickname} is not there` };
    return { store, commands: [{ argv: ['certutil', '-D', '-d', d, '-n', ca.nickname] }] };
  }
  const create: Command[] =
    !db.exists && db.createIfMissing
      ? [{ mkdir: db.dir }, { argv: ['certutil', '-N', '--empty-password', '-d', d] }]
      : [];
  // "C,,": a CA trusted to issue TLS server certificates (not e-mail or code signing).
  return {
    store,
    commands: [...create, { argv: ['certutil', '-A', '-d', d, '-n', ca.nickname, '-t', 'C,,', '-i', ca.path] }],
  };
}

function linuxSystemPlan(action: TrustAction, ca: DevCa, found: Found): StorePlan {
  const { system } = found;
  if (!system) {
    return {
      store: 'System store',
      commands: [],
      unavailable:
        'no known system trust store (looked for Debian/Ubuntu, Fedora/RHEL, Arch and openSUSE anchor folders); add the CA by hand if curl or other non-browser tools must trust it',
    };
  }
  const store = `System store (${system.distro}: curl, wget, Node with --use-system-ca) [${system.file}]`;
  if (!system.hasUpdateTool) {
    return { store, commands: [], unavailable: `${system.update[0]} not found: install the ca-certificates package` };
  }
  if (!found.isRoot && !found.hasSudo) {
    return { store, commands: [], unavailable: 'needs root: run as root, or install sudo' };
  }
  if (action === 'untrust' && !system.hasCa) return { store, commands: [], skipped: `${system.file} is not there` };
  const sudo = (argv: readonly string[]): Command => ({ argv: found.isRoot ? argv : ['sudo', ...argv] });
  const change = action === 'trust' ? sudo(['cp', ca.path, system.file]) : sudo(['rm', '-f', system.file]);
  return { store, commands: [change, sudo(system.update)] };
}

function macKeychainPlan(action: TrustAction, ca: DevCa, found: Found): StorePlan {
  const keychain = loginKeychain(found.home);
  const store = `macOS login keychain (Safari, Chrome, Edge) [${keychain}]`;
  if (action === 'trust') {
    return {
      store,
      commands: [{ argv: ['security', 'add-trusted-cert', '-r', 'trustRoot', '-k', keychain, ca.path] }],
      note: 'macOS asks for your password to change trust settings',
    };
  }
  if (!found.osStoreHasCa) return { store, commands: [], skipped: `SHA-1 ${ca.sha1} is not there` };
  return {
    store,
    commands: [
      { argv: ['security', 'remove-trusted-cert', ca.path] },
      { argv: ['security', 'delete-certificate', '-Z', ca.sha1, keychain] },
    ],
  };
}

function windowsRootPlan(action: TrustAction, ca: DevCa, found: Found): StorePlan {
  const store = 'Windows user Root store (Chrome, Edge)';
  if (action === 'trust') {
    return {
      store,
      commands: [{ argv: ['certutil', '-user', '-addstore', 'Root', ca.path] }],
      note: 'Windows shows a security warning: confirm it to add the CA',
    };
  }
  if (!found.osStoreHasCa) return { store, commands: [], skipped: `SHA-1 ${ca.sha1} is not there` };
  return { store, commands: [{ argv: ['certutil', '-user', '-delstore', 'Root', ca.sha1] }] };
}

/** Every store and what to run there, in order. */
export function planTrust(action: TrustAction, ca: DevCa, found: Found, options: PlanOptions): StorePlan[] {
  const plans: StorePlan[] = [];
  const os = (plan: StorePlan): StorePlan =>
    options.system ? plan : { store: plan.store, commands: [], skipped: NO_SYSTEM };
  if (found.platform === 'darwin') plans.push(os(macKeychainPlan(action, ca, found)));
  if (found.platform === 'win32') {
    plans.push(os(windowsRootPlan(action, ca, found)));
    plans.push({
      store: 'Firefox',
      commands: [],
      skipped: 'not changed',
      note: 'Firefox trusts the Windows store when security.enterprise_roots.enabled is true (the default since Firefox 120; set it in about:config otherwise)',
    });
  }
  plans.push(...found.nssDbs.map((db) => nssPlan(action, ca, found, db)));
  if (found.platform === 'linux') plans.push(os(linuxSystemPlan(action, ca, found)));
  return plans;
}
