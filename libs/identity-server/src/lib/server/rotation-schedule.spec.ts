import pino from 'pino';
import type { SigningKeyStore } from '../keys/signing-key-store';
import { scheduleKeyRotation } from './rotation-schedule';

function fakeStore(createdAt: number) {
  let newest = createdAt;
  const rotate = jest.fn(async () => {
    newest = 10_000;
    return { kid: 'new', activatesAt: new Date(newest) };
  });
  return { store: { newestCreatedAt: () => newest, rotate } as unknown as SigningKeyStore, rotate };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

it('rotates at once when the newest key is older than the interval, with the configured publish delay', async () => {
  const { store, rotate } = fakeStore(0);
  const stop = scheduleKeyRotation({
    keys: store,
    intervalSeconds: 5,
    publishDelaySeconds: 240,
    logger: pino({ level: 'silent' }),
    now: () => 10_000,
  });
  await flush();
  stop();
  expect(rotate).toHaveBeenCalledTimes(1);
  expect(rotate).toHaveBeenCalledWith({ publishDelaySeconds: 240 });
});

it('does not rotate a key younger than the interval', async () => {
  const { store, rotate } = fakeStore(9_000);
  const stop = scheduleKeyRotation({
    keys: store,
    intervalSeconds: 5,
    publishDelaySeconds: 300,
    logger: pino({ level: 'silent' }),
    now: () => 10_000,
  });
  await flush();
  stop();
  expect(rotate).not.toHaveBeenCalled();
});
