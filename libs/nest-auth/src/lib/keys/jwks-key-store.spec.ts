import { createTestSigningKey, startJwksTestServer, type JwksTestServer } from '../testing/jwks-test-server';
import { JWKS_KEY_STORE_DEFAULTS, JwksKeyStore, type JwksKeyStoreOptions, type KeyStoreEvent } from './jwks-key-store';
import { IdentityProviderUnavailableError, UnknownSigningKeyError } from './key-store-errors';

describe('JwksKeyStore', () => {
  let jwks: JwksTestServer;
  let clock: number;
  let scheduled: { run: () => void; delayMs: number } | undefined;
  let events: KeyStoreEvent[];

  beforeEach(async () => {
    jwks = await startJwksTestServer();
    clock = 1_000_000;
    scheduled = undefined;
    events = [];
  });
  afterEach(() => jwks.close());

  function createStore(options: Partial<JwksKeyStoreOptions> = {}): JwksKeyStore {
    return new JwksKeyStore({
      jwksUri: jwks.jwksUri,
      now: () => clock,
      schedule: (run, delayMs) => {
        scheduled = { run, delayMs };
        return () => (scheduled = undefined);
      },
      onEvent: (event) => events.push(event),
      ...options,
    });
  }

  it('loads the keys at start and is ready', async () => {
    const store = createStore();
    expect(store.ready).toBe(false);
    await store.start();
    expect(store.ready).toBe(true);
    expect(store.status()).toMatchObject({
      ready: true,
      keyCount: 1,
      kids: ['key-1'],
    });
    const key = await store.getKeyObject('key-1');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(await store.getKey('key-1')).toContain('BEGIN PUBLIC KEY');
    expect(store.peekKey('key-1')).toBe(key);
    expect(jwks.hits).toBe(1);
  });

  it('parses each key once and moves its version only when the key set changes', async () => {
    const store = createStore({ cooldownMs: 0 });
    await store.start();
    const [key, version] = [store.peekKey('key-1'), store.version];
    await store.refresh();
    expect(store.peekKey('key-1')).toBe(key);
    expect(store.version).toBe(version);

    jwks.published = [...jwks.published, await createTestSigningKey('key-2')];
    await store.refresh();
    expect(store.peekKey('key-1')).toBe(key);
    expect(store.version).toBe(version + 1);
    expect(store.peekKey('nope')).toBeUndefined();
  });

  it('serves cached kids without any request', async () => {
    const store = createStore();
    await store.start();
    await Promise.all(Array.from({ length: 20 }, () => store.getKey('key-1')));
    expect(jwks.hits).toBe(1);
  });

  it('refetches once for an unknown kid, then not again within the cooldown', async () => {
    const store = createStore({ cooldownMs: 300_000 });
    await store.start();
    clock += 300_000;
    await expect(store.getKey('nope-1')).rejects.toBeInstanceOf(UnknownSigningKeyError);
    expect(jwks.hits).toBe(2);
    for (const kid of ['nope-2', 'nope-3', 'nope-4']) {
      await expect(store.getKey(kid)).rejects.toBeInstanceOf(UnknownSigningKeyError);
    }
    expect(jwks.hits).toBe(2);
    clock += 299_999;
    await expect(store.getKey('nope-5')).rejects.toBeInstanceOf(UnknownSigningKeyError);
    expect(jwks.hits).toBe(2);
    clock += 1;
    await expect(store.getKey('nope-6')).rejects.toBeInstanceOf(UnknownSigningKeyError);
    expect(jwks.hits).toBe(3);
  });

  it('picks up a rolled-over key once the cooldown has passed', async () => {
    const store = createStore({ cooldownMs: 60_000 });
    await store.start();
    const next = await createTestSigningKey('key-2');
    jwks.published = [...jwks.published, next];
    clock += 60_000;
    expect(await store.getKey('key-2')).toContain('BEGIN PUBLIC KEY');
    expect(jwks.hits).toBe(2);
  });

  it('runs one fetch for many concurrent unknown kids (single flight)', async () => {
    const store = createStore();
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.getKey(`random-${i}`)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(jwks.hits).toBe(1);
  });

  it('does not fetch for kids that cannot be valid', async () => {
    const store = createStore();
    for (const kid of ['', ' ', 'a\r\nb', 'x'.repeat(257), '../../dev/null\u0000']) {
      await expect(store.getKey(kid)).rejects.toBeInstanceOf(UnknownSigningKeyError);
    }
    expect(jwks.hits).toBe(0);
  });

  it('keeps last-known-good keys while the provider is down', async () => {
    const store = createStore({ cooldownMs: 0 });
    await store.start();
    jwks.mode = 'error';
    await store.refresh();
    expect(store.status().lastError).toContain('503');
    expect(await store.getKey('key-1')).toContain('BEGIN PUBLIC KEY');
    expect(store.ready).toBe(true);
    jwks.mode = 'down';
    await store.refresh();
    expect(await store.getKey('key-1')).toContain('BEGIN PUBLIC KEY');
  });

  it('answers "provider unavailable" with a retry delay for an unknown kid while the provider is down', async () => {
    const store = createStore({ cooldownMs: 120_000 });
    await store.start();
    clock += 120_000;
    jwks.mode = 'down';
    const error = await store.getKey('new-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
    expect((error as IdentityProviderUnavailableError).retryAfterSeconds).toBe(120);
    expect(jwks.hits).toBe(2);

    // Within the cooldown: no request, still "unavailable", with the remaining time.
    clock += 30_000;
    const again = await store.getKey('new-key').catch((e: unknown) => e);
    expect(again).toBeInstanceOf(IdentityProviderUnavailableError);
    expect((again as IdentityProviderUnavailableError).retryAfterSeconds).toBe(90);
    expect(jwks.hits).toBe(2);
  });

  it('answers "provider unavailable" when it never had keys', async () => {
    jwks.mode = 'error';
    const store = createStore();
    await store.start();
    expect(store.ready).toBe(false);
    await expect(store.getKey('key-1')).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it('stops using last-known-good keys after maxKeyAgeMs', async () => {
    const store = createStore({ maxKeyAgeMs: 1_000, cooldownMs: 0 });
    await store.start();
    jwks.mode = 'error';
    clock += 1_001;
    expect(store.ready).toBe(false);
    await expect(store.getKey('key-1')).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it('drops a key the provider stopped publishing at the next successful refresh', async () => {
    const store = createStore();
    await store.start();
    jwks.published = [await createTestSigningKey('key-2')];
    await store.refresh();
    expect(store.status().kids).toEqual(['key-2']);
  });

  it('keeps the old keys when the provider publishes an empty set', async () => {
    const store = createStore();
    await store.start();
    jwks.published = [];
    await store.refresh();
    expect(store.status()).toMatchObject({
      kids: ['key-1'],
      lastError: expect.stringContaining('no'),
    });
  });

  it('schedules the background refresh every 2 min by default, and sooner (the cooldown) after a failure', async () => {
    const store = createStore();
    await store.start();
    expect(scheduled?.delayMs).toBe(JWKS_KEY_STORE_DEFAULTS.refreshIntervalMs);

    const next = await createTestSigningKey('key-2');
    jwks.published = [next];
    jwks.mode = 'error';
    scheduled?.run();
    await store.refresh();
    expect(scheduled?.delayMs).toBe(JWKS_KEY_STORE_DEFAULTS.cooldownMs);

    jwks.mode = 'ok';
    scheduled?.run();
    await store.refresh();
    expect(store.status().kids).toEqual(['key-2']);
    expect(scheduled?.delayMs).toBe(JWKS_KEY_STORE_DEFAULTS.refreshIntervalMs);
    expect(events.map((e) => e.type)).toContain('refresh-failed');

    store.stop();
    expect(scheduled).toBeUndefined();
  });

  it('never leaves a real timer running after stop()', async () => {
    const store = new JwksKeyStore({ jwksUri: jwks.jwksUri });
    await store.start();
    expect(store.ready).toBe(true);
    store.stop();
  });

  it('respects maxKeys', async () => {
    jwks.published = await Promise.all(['a', 'b', 'c'].map((kid) => createTestSigningKey(kid)));
    const store = createStore({ maxKeys: 2 });
    await store.start();
    expect(store.status().kids).toEqual(['a', 'b']);
  });
});
