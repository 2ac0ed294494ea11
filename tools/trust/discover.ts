/**
 * Looks at the machine for the trust stores `npm run trust` knows (the same ones mkcert uses): Linux NSS databases
 * (Chrome/Chromium/Edge, snap Chromium, Firefox and snap Firefox profiles) and the distribution's system store,
 * macOS's login keychain and Firefox profiles, Windows' user Root store. Read-only.
 */
import { join } from 'node:path';
import type { DevCa } from './dev-ca';
import type { Found, NssDbFound, SystemStoreFound } from './found';
import type { TrustEnv } from './trust-env';

/** Linux system stores, in mkcert's order of detection. */
const SYSTEM_STORES = [
  {
    distro: 'Fedora/RHEL',
    anchors: '/etc/pki/ca-trust/source/anchors',
    ext: '.pem',
    update: ['update-ca-trust', 'extract'],
  },
  {
    distro: 'Debian/Ubuntu',
    anchors: '/usr/local/share/ca-certificates',
    ext: '.crt',
    update: ['update-ca-certificates'],
  },
  {
    distro: 'Arch',
    anchors: '/etc/ca-certificates/trust-source/anchors',
    ext: '.crt',
    update: ['trust', 'extract-compat'],
  },
  { distro: 'openSUSE', anchors: '/usr/share/pki/trust/anchors', ext: '.pem', update: ['update-ca-certificates'] },
] as const;

function homeOf(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = platform === 'win32' ? env['USERPROFILE'] : env['HOME'];
  if (!home)
    throw new Error(`${platform === 'win32' ? 'USERPROFILE' : 'HOME'} is not set: cannot find your trust stores.`);
  return home;
}

/** Firefox profile folders (with cert9.db) under each of `roots`. */
function firefoxProfiles(te: TrustEnv, roots: readonly string[]): string[] {
  return roots.flatMap((root) => te.listDirs(root)).filter((dir) => te.exists(join(dir, 'cert9.db')));
}

export async function discover(te: TrustEnv, ca: DevCa): Promise<Found> {
  const { platform } = te;
  const home = homeOf(te.env, platform);
  const hasCertutil = platform !== 'win32' && te.hasTool('certutil');
  const nss = async (label: string, dir: string, createIfMissing = false): Promise<NssDbFound> => {
    const exists = te.exists(join(dir, 'cert9.db'));
    const hasCa =
      exists && hasCertutil && (await te.capture(['certutil', '-L', '-d', `sql:${dir}`, '-n', ca.nickname])).code === 0;
    return { label, dir, exists, createIfMissing, hasCa };
  };

  const dbs: { label: string; dir: string; create?: boolean }[] = [];
  let system: SystemStoreFound | undefined;
  let osStoreHasCa = false;
  if (platform === 'linux') {
    dbs.push({ label: 'Chrome, Chromium, Edge', dir: join(home, '.pki', 'nssdb'), create: true });
    const snapChromium = join(home, 'snap', 'chromium', 'current', '.pki', 'nssdb');
    if (te.exists(join(snapChromium, 'cert9.db'))) dbs.push({ label: 'Chromium snap', dir: snapChromium });
    const profiles = firefoxProfiles(te, [
      join(home, '.mozilla', 'firefox'),
      join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox'),
    ]);
    for (const dir of profiles) dbs.push({ label: `Firefox profile ${dir}`, dir });
    const store = SYSTEM_STORES.find((candidate) => te.exists(candidate.anchors));
    if (store) {
      const file = join(store.anchors, `${ca.nickname}${store.ext}`);
      system = {
        distro: store.distro,
        file,
        update: store.update,
        hasUpdateTool: te.hasTool(store.update[0]),
        hasCa: te.exists(file),
      };
    }
  } else if (platform === 'darwin') {
    const profiles = firefoxProfiles(te, [join(home, 'Library', 'Application Support', 'Firefox', 'Profiles')]);
    for (const dir of profiles) dbs.push({ label: `Firefox profile ${dir}`, dir });
    const listing = await te.capture(['security', 'find-certificate', '-a', '-Z', loginKeychain(home)]);
    osStoreHasCa = listing.stdout.toUpperCase().includes(`SHA-1 HASH: ${ca.sha1.toUpperCase()}`);
  } else if (platform === 'win32') {
    osStoreHasCa = (await te.capture(['certutil', '-user', '-store', 'Root', ca.sha1])).code === 0;
  }

  const nssDbs: NssDbFound[] = [];
  for (const db of dbs) nssDbs.push(await nss(db.label, db.dir, db.create));
  return { platform, home, isRoot: te.isRoot, hasSudo: te.hasTool('sudo'), hasCertutil, nssDbs, system, osStoreHasCa };
}

/** The user's login keychain on macOS. */
export function loginKeychain(home: string): string {
  return join(home, 'Library', 'Keychains', 'login.keychain-db');
}
