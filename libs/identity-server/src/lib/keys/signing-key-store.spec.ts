import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SigningKeyStore } from './signing-key-store';

let dir: string;
let now = 1_000_000;
const open = () =>
  SigningKeyStore.open({ dir, retentionSeconds: 60, logger: pino({ level: 'silent' }), now: () => now });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signing-keys-spec-'));
  now = 1_000_000;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('creates one key at first open, persists it, and loads the same key at the next open', async () => {
  const first = await open();
  const kid = first.signingKey().kid;
  expect(kid).toBe(first.signingKey().x5t);
  expect(existsSync(join(dir, 'signing-keys', `${kid}.key.pem`))).toBe(true);
  const manifest = JSON.parse(await readFile(join(dir, 'signing-keys.json'), 'utf8'));
  expect(manifest.keys.map((k: { kid: string }) => k.kid)).toEqual([kid]);
  expect((await open()).signingKey().kid).toBe(kid);
});

it('rotates with a publish delay, retires the old key after the retention, and deletes its files', async () => {
  const store = await open();
  const oldKid = store.signingKey().kid;
  const { kid: newKid, activatesAt } = await store.rotate({ publishDelaySeconds: 30 });
  expect(activatesAt.getTime()).toBe(now + 30_000);
  expect(store.signingKey().kid).toBe(oldKid);
  expect(store.publishedKeys().map((key) => key.kid)).toEqual([oldKid, newKid]);

  now += 30_000;
  expect(store.signingKey().kid).toBe(newKid);
  now += 59_000;
  expect(store.publishedKeys().map((key) => key.kid)).toEqual([oldKid, newKid]);
  now += 1_000;
  expect(store.publishedKeys().map((key) => key.kid)).toEqual([newKid]);

  await store.rotate({ publishDelaySeconds: 0 }); // pruning happens on rotation and at open
  expect(existsSync(join(dir, 'signing-keys', `${oldKid}.key.pem`))).toBe(false);
  const reopened = await open();
  expect(reopened.publishedKeys().map((key) => key.kid)).not.toContain(oldKid);
});

it('recovers from a damaged manifest by creating a new key', async () => {
  await open();
  await rm(join(dir, 'signing-keys'), { recursive: true });
  const store = await open();
  expect(store.publishedKeys()).toHaveLength(1);
});
