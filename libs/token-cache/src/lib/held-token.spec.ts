import { holdToken } from './held-token';

const now = 1_000_000_000_000;
const hour = 3_600_000;

describe('holdToken', () => {
  it('refreshes at the ratio of the lifetime, minus at most 5% of it as jitter', () => {
    const earliest = holdToken('t', now + hour, undefined, { refreshAheadRatio: 0.8 }, now, () => 1);
    const latest = holdToken('t', now + hour, undefined, { refreshAheadRatio: 0.8 }, now, () => 0);
    expect(latest.refreshAt).toBe(now + 0.8 * hour);
    expect(earliest.refreshAt).toBe(now + 0.8 * hour * 0.95);
  });

  it("refreshes at msal's refreshOn (the server's refresh_in) when that is earlier", () => {
    const held = holdToken('t', now + hour, now + hour / 2, { refreshAheadRatio: 0.8 }, now, () => 0);
    expect(held.refreshAt).toBe(now + hour / 2);
  });

  it('stops handing out a token 5 minutes before expiry, or 10% of a short lifetime', () => {
    expect(holdToken('t', now + hour, undefined, { refreshAheadRatio: 0.8 }, now).usableUntil).toBe(
      now + hour - 300_000,
    );
    expect(holdToken('t', now + 60_000, undefined, { refreshAheadRatio: 0.8 }, now).usableUntil).toBe(now + 54_000);
  });

  it('never schedules the refresh after the token stops being usable', () => {
    const held = holdToken('t', now + hour, undefined, { refreshAheadRatio: 0.99 }, now, () => 0);
    expect(held.refreshAt).toBe(held.usableUntil);
  });
});
