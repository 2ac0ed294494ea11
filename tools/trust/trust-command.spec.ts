/** The whole command on macOS, Windows and Linux with a scripted machine: what it prints, asks and runs. */
import { ensureDevCertificates } from '@stack/identity-server';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevCa, type DevCa } from './dev-ca';
import { fakeTrustEnv, type FakeTrustEnvOptions } from './fake-trust-env';
import { runTrustCommand } from './trust-command';

let dataDir: string;
let ca: DevCa;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trust-command-'));
  ca = readDevCa((await ensureDevCertificates(dataDir)).caCertPath);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const macHome = '/Users/dev';
const keychain = join(macHome, 'Library', 'Keychains', 'login.keychain-db');
const firefoxProfiles = join(macHome, 'Library', 'Application Support', 'Firefox', 'Profiles');
const macProfile = join(firefoxProfiles, 'abc.default-release');

function mac(overrides: Partial<FakeTrustEnvOptions> = {}) {
  return fakeTrustEnv({
    platform: 'darwin',
    env: { HOME: macHome, IDENTITY_DATA_DIR: dataDir },
    tools: ['certutil'],
    dirs: { [firefoxProfiles]: [macProfile] },
    files: [join(macProfile, 'cert9.db')],
    ...overrides,
  });
}

function windows(overrides: Partial<FakeTrustEnvOptions> = {}) {
  return fakeTrustEnv({
    platform: 'win32',
    env: { USERPROFILE: 'C:\\Users\\dev', IDENTITY_DATA_DIR: dataDir },
    ...overrides,
  });
}

describe('npm run trust on macOS', () => {
  it('prints the plan, asks, then adds the CA to the login keychain and to Firefox', async () => {
    const te = mac({ answer: true });
    expect(await runTrustCommand('trust', [], te)).toBe(0);
    expect(te.asked).toEqual(['Proceed? [y/N] ']);
    expect(te.lines).toContain(`    $ security add-trusted-cert -r trustRoot -k ${keychain} ${ca.path}`);
    expect(te.ran).toEqual([
      `security add-trusted-cert -r trustRoot -k ${keychain} ${ca.path}`,
      `certutil -A -d sql:${macProfile} -n ${ca.nickname} -t C,, -i ${ca.path}`,
    ]);
  });

  it('without certutil still trusts the keychain and says how to get certutil', async () => {
    const te = mac({ tools: [], answer: true });
    expect(await runTrustCommand('trust', ['--yes'], te)).toBe(0);
    expect(te.asked).toEqual([]);
    expect(te.ran).toEqual([`security add-trusted-cert -r trustRoot -k ${keychain} ${ca.path}`]);
    expect(te.lines.join('\n')).toContain('brew install nss');
  });

  it('untrust removes the trust setting and the certificate by its SHA-1, when it is there', async () => {
    const te = mac({
      captured: {
        [`security find-certificate -a -Z ${keychain}`]: { code: 0, stdout: `SHA-1 hash: ${ca.sha1}\n` },
        [`certutil -L -d sql:${macProfile} -n ${ca.nickname}`]: { code: 0, stdout: '' },
      },
    });
    expect(await runTrustCommand('untrust', ['--yes'], te)).toBe(0);
    expect(te.ran).toEqual([
      `security remove-trusted-cert ${ca.path}`,
      `security delete-certificate -Z ${ca.sha1} ${keychain}`,
      `certutil -D -d sql:${macProfile} -n ${ca.nickname}`,
    ]);
  });
});

describe('npm run trust on Windows', () => {
  it('adds the CA to the user Root store and explains Firefox', async () => {
    const te = windows();
    expect(await runTrustCommand('trust', ['--yes'], te)).toBe(0);
    expect(te.ran).toEqual([`certutil -user -addstore Root ${ca.path}`]);
    expect(te.lines.join('\n')).toContain('security.enterprise_roots.enabled');
  });

  it('untrust deletes it by SHA-1 thumbprint, only when the store has it', async () => {
    const present = windows({ captured: { [`certutil -user -store Root ${ca.sha1}`]: { code: 0, stdout: '' } } });
    expect(await runTrustCommand('untrust', ['--yes'], present)).toBe(0);
    expect(present.ran).toEqual([`certutil -user -delstore Root ${ca.sha1}`]);

    const absent = windows();
    expect(await runTrustCommand('untrust', ['--yes'], absent)).toBe(0);
    expect(absent.ran).toEqual([]);
    expect(absent.lines).toContain('Nothing to change.');
  });
});

describe('npm run trust, whatever the platform', () => {
  it('--dry-run prints the plan and changes nothing', async () => {
    const te = windows();
    expect(await runTrustCommand('trust', ['--dry-run'], te)).toBe(0);
    expect(te.ran).toEqual([]);
    expect(te.lines).toContain(`    $ certutil -user -addstore Root ${ca.path}`);
    expect(te.lines).toContain('Dry run: nothing changed.');
  });

  it('answering no (the default) changes nothing', async () => {
    const te = windows({ answer: false });
    expect(await runTrustCommand('trust', [], te)).toBe(1);
    expect(te.ran).toEqual([]);
    expect(te.lines).toContain('Cancelled: nothing changed.');
  });

  it('--no-system leaves the OS store alone', async () => {
    const te = mac({ answer: true });
    expect(await runTrustCommand('trust', ['--no-system', '--yes'], te)).toBe(0);
    expect(te.ran).toEqual([`certutil -A -d sql:${macProfile} -n ${ca.nickname} -t C,, -i ${ca.path}`]);
  });

  it('a failing store is reported and the next one still proceeds', async () => {
    const failing = `security add-trusted-cert -r trustRoot -k ${keychain} ${ca.path}`;
    const te = mac({ exitCodes: { [failing]: 1 } });
    expect(await runTrustCommand('trust', ['--yes'], te)).toBe(1);
    expect(te.ran).toHaveLength(2);
    expect(te.lines.join('\n')).toMatch(/FAILED: macOS login keychain.*exit code 1/);
    expect(te.lines.join('\n')).toMatch(/DONE: Firefox profile/);
  });

  it('without a CA says to start the stack once', async () => {
    const te = fakeTrustEnv({
      platform: 'linux',
      env: { HOME: '/home/dev', IDENTITY_DATA_DIR: join(dataDir, 'none') },
    });
    expect(await runTrustCommand('trust', ['--yes'], te)).toBe(1);
    expect(te.lines.join('\n')).toContain('start the stack once (npm start) to create the development CA');
    expect(te.ran).toEqual([]);
  });

  it("under sudo warns that the browser stores found are root's", async () => {
    const te = fakeTrustEnv({
      platform: 'linux',
      isRoot: true,
      env: { HOME: '/root', SUDO_USER: 'dev', IDENTITY_DATA_DIR: dataDir },
    });
    await runTrustCommand('trust', ['--dry-run'], te);
    expect(te.lines.join('\n')).toContain('running under sudo, so the browser stores are those of HOME=/root');
  });

  it('an unknown option prints the usage', async () => {
    const te = windows();
    expect(await runTrustCommand('trust', ['--force'], te)).toBe(2);
    expect(te.lines.join('\n')).toMatch(/Unknown option --force[\s\S]*Usage: npm run trust/);
  });
});
