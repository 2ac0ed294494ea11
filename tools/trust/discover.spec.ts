/** Discovery on a scripted Linux machine: which NSS databases and which system store `npm run trust` finds. */
import { join } from 'node:path';
import type { DevCa } from './dev-ca';
import { discover } from './discover';
import { fakeTrustEnv } from './fake-trust-env';

const ca: DevCa = {
  path: '/repo/.data/certs/ca.pem',
  subject: 'CN=x',
  sha256: 'AB',
  sha1: 'AB',
  nickname: 'stack-dev-ca-0123456789abcdef',
};
const home = '/home/dev';
const firefoxRoot = join(home, '.mozilla', 'firefox');
const snapFirefoxRoot = join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox');
const snapChromium = join(home, 'snap', 'chromium', 'current', '.pki', 'nssdb');

describe('discover on Linux', () => {
  it('finds the user db (even missing), snap Chromium, Firefox and snap Firefox profiles with cert9.db', async () => {
    const te = fakeTrustEnv({
      platform: 'linux',
      env: { HOME: home },
      tools: ['certutil', 'sudo', 'update-ca-certificates'],
      dirs: {
        [firefoxRoot]: [join(firefoxRoot, 'a.default'), join(firefoxRoot, 'Crash Reports')],
        [snapFirefoxRoot]: [join(snapFirefoxRoot, 'b.default')],
        '/usr/local/share/ca-certificates': [],
      },
      files: [
        join(snapChromium, 'cert9.db'),
        join(firefoxRoot, 'a.default', 'cert9.db'),
        join(snapFirefoxRoot, 'b.default', 'cert9.db'),
      ],
      captured: { [`certutil -L -d sql:${join(firefoxRoot, 'a.default')} -n ${ca.nickname}`]: { code: 0, stdout: '' } },
    });
    const found = await discover(te, ca);
    expect(found.nssDbs.map((db) => [db.dir, db.exists, db.createIfMissing, db.hasCa])).toEqual([
      [join(home, '.pki', 'nssdb'), false, true, false],
      [snapChromium, true, false, false],
      [join(firefoxRoot, 'a.default'), true, false, true],
      [join(snapFirefoxRoot, 'b.default'), true, false, false],
    ]);
    expect(found.system).toEqual({
      distro: 'Debian/Ubuntu',
      file: `/usr/local/share/ca-certificates/${ca.nickname}.crt`,
      update: ['update-ca-certificates'],
      hasUpdateTool: true,
      hasCa: false,
    });
    expect(found.hasSudo).toBe(true);
  });

  it('recognises Fedora and Arch by their anchors folders, and an unknown layout', async () => {
    const on = async (dir: string) =>
      (await discover(fakeTrustEnv({ platform: 'linux', env: { HOME: home }, dirs: { [dir]: [] } }), ca)).system;
    expect((await on('/etc/pki/ca-trust/source/anchors'))?.update).toEqual(['update-ca-trust', 'extract']);
    expect((await on('/etc/ca-certificates/trust-source/anchors'))?.file).toBe(
      `/etc/ca-certificates/trust-source/anchors/${ca.nickname}.crt`,
    );
    expect(await on('/nowhere')).toBeUndefined();
  });

  it('without HOME says it cannot find the stores', async () => {
    await expect(discover(fakeTrustEnv({ platform: 'linux', env: {} }), ca)).rejects.toThrow('HOME is not set');
  });
});
