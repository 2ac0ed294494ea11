import type { DevCa } from './dev-ca';
import type { Found, NssDbFound } from './found';
import { planTrust, type StorePlan } from './plan';
import { formatCommand } from './run-plan';

const ca: DevCa = {
  path: '/repo/.data/certs/ca.pem',
  subject: 'CN=Stack local development CA',
  sha256: 'AB:CD',
  sha1: 'ABCDEF0123',
  nickname: 'stack-dev-ca-0123456789abcdef',
};

const userDb: NssDbFound = {
  label: 'Chrome, Chromium, Edge',
  dir: '/home/dev/.pki/nssdb',
  exists: false,
  createIfMissing: true,
  hasCa: false,
};
const firefoxDb: NssDbFound = {
  label: 'Firefox profile x',
  dir: '/home/dev/.mozilla/firefox/x',
  exists: true,
  createIfMissing: false,
  hasCa: true,
};
const debian = {
  distro: 'Debian/Ubuntu',
  file: '/usr/local/share/ca-certificates/stack-dev-ca-0123456789abcdef.crt',
  update: ['update-ca-certificates'],
  hasUpdateTool: true,
  hasCa: false,
};
const linux: Found = {
  platform: 'linux',
  home: '/home/dev',
  isRoot: false,
  hasSudo: true,
  hasCertutil: true,
  nssDbs: [userDb, firefoxDb],
  system: debian,
  osStoreHasCa: false,
};

/** store → its commands as typed, or its reason for doing nothing. */
function summary(plans: readonly StorePlan[]): Record<string, string[] | string> {
  return Object.fromEntries(
    plans.map((plan) => [
      plan.store.replace(/ \[.*\]$/, ''),
      plan.unavailable ?? plan.skipped ?? plan.commands.map(formatCommand),
    ]),
  );
}

describe('planTrust on Linux', () => {
  it('creates the user NSS db if missing, adds the CA to every db, and to the system store with sudo', () => {
    expect(summary(planTrust('trust', ca, linux, { system: true }))).toEqual({
      'Chrome, Chromium, Edge': [
        'mkdir -p /home/dev/.pki/nssdb',
        'certutil -N --empty-password -d sql:/home/dev/.pki/nssdb',
        'certutil -A -d sql:/home/dev/.pki/nssdb -n stack-dev-ca-0123456789abcdef -t C,, -i /repo/.data/certs/ca.pem',
      ],
      'Firefox profile x': [
        'certutil -A -d sql:/home/dev/.mozilla/firefox/x -n stack-dev-ca-0123456789abcdef -t C,, -i /repo/.data/certs/ca.pem',
      ],
      'System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)': [
        `sudo cp /repo/.data/certs/ca.pem ${debian.file}`,
        'sudo update-ca-certificates',
      ],
    });
  });

  it('untrust removes by nickname and file, only where the CA is', () => {
    const found = { ...linux, system: { ...debian, hasCa: true }, isRoot: true };
    expect(summary(planTrust('untrust', ca, found, { system: true }))).toEqual({
      'Chrome, Chromium, Edge': 'stack-dev-ca-0123456789abcdef is not there',
      'Firefox profile x': ['certutil -D -d sql:/home/dev/.mozilla/firefox/x -n stack-dev-ca-0123456789abcdef'],
      'System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)': [
        `rm -f ${debian.file}`,
        'update-ca-certificates',
      ],
    });
  });

  it('without certutil says how to install it and still plans the system store', () => {
    const plans = summary(planTrust('trust', ca, { ...linux, hasCertutil: false }, { system: true }));
    expect(plans['Chrome, Chromium, Edge']).toContain('sudo apt-get install libnss3-tools');
    expect(plans['Firefox profile x']).toContain('sudo dnf install nss-tools');
    expect(plans['System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)']).toHaveLength(2);
  });

  it('--no-system leaves the system store alone', () => {
    const plans = summary(planTrust('trust', ca, linux, { system: false }));
    expect(plans['System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)']).toBe(
      'left alone (--no-system)',
    );
  });

  it('names what is missing for the system store: root, the update tool, a known layout', () => {
    const noSudo = summary(planTrust('trust', ca, { ...linux, hasSudo: false }, { system: true }));
    expect(noSudo['System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)']).toMatch(/needs root/);
    const noTool = summary(
      planTrust('trust', ca, { ...linux, system: { ...debian, hasUpdateTool: false } }, { system: true }),
    );
    expect(noTool['System store (Debian/Ubuntu: curl, wget, Node with --use-system-ca)']).toMatch(
      /update-ca-certificates not found/,
    );
    const unknown = summary(planTrust('trust', ca, { ...linux, system: undefined }, { system: true }));
    expect(unknown['System store']).toMatch(/no known system trust store/);
  });

  it('uses the distribution’s own anchors folder and update command (Fedora)', () => {
    const fedora = {
      distro: 'Fedora/RHEL',
      file: '/etc/pki/ca-trust/source/anchors/stack-dev-ca-0123456789abcdef.pem',
      update: ['update-ca-trust', 'extract'],
      hasUpdateTool: true,
      hasCa: false,
    };
    const plans = summary(planTrust('trust', ca, { ...linux, nssDbs: [], system: fedora }, { system: true }));
    expect(plans['System store (Fedora/RHEL: curl, wget, Node with --use-system-ca)']).toEqual([
      `sudo cp /repo/.data/certs/ca.pem ${fedora.file}`,
      'sudo update-ca-trust extract',
    ]);
  });
});
