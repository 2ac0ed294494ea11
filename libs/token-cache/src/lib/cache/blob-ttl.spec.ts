import { blobTtlMs } from './blob-ttl';

const now = 1_700_000_000_000;
const blob = (...expiries: number[]) =>
  JSON.stringify({
    AccessToken: Object.fromEntries(
      expiries.map((seconds, index) => [`key-${index}`, { expires_on: String(seconds) }]),
    ),
  });

describe('blobTtlMs', () => {
  it('keeps the blob until its last access token expires, plus a minute', () => {
    expect(blobTtlMs(blob(now / 1000 + 600, now / 1000 + 3600), now, 1)).toBe(3_660_000);
  });

  it('keeps a blob of expired tokens a minute at least', () => {
    expect(blobTtlMs(blob(now / 1000 - 600), now, 1)).toBe(60_000);
  });

  it('uses the fallback for a blob without access tokens or that is not JSON', () => {
    expect(blobTtlMs(JSON.stringify({ AccessToken: {} }), now, 42)).toBe(42);
    expect(blobTtlMs('not json', now, 42)).toBe(42);
  });
});
