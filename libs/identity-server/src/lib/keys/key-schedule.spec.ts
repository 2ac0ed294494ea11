import { keySchedule } from './key-schedule';

const key = (kid: string, createdAt: number, activatesAt = createdAt) => ({ kid, createdAt, activatesAt });
const kids = (keys: Array<{ kid: string }>) => keys.map((k) => k.kid);

it('signs with the only key and publishes it', () => {
  const schedule = keySchedule([key('a', 0)], 100, 50);
  expect(schedule.signing.kid).toBe('a');
  expect(kids(schedule.published)).toEqual(['a']);
});

it('publishes a pending key before it signs', () => {
  const schedule = keySchedule([key('a', 0), key('b', 10, 200)], 100, 50);
  expect(schedule.signing.kid).toBe('a');
  expect(kids(schedule.published)).toEqual(['a', 'b']);
});

it('keeps a retired key published for the retention after its successor activates, then discards it', () => {
  const keys = [key('a', 0), key('b', 10, 200)];
  expect(kids(keySchedule(keys, 249, 50).published)).toEqual(['a', 'b']);
  expect(keySchedule(keys, 249, 50).signing.kid).toBe('b');
  const later = keySchedule(keys, 250, 50);
  expect(kids(later.published)).toEqual(['b']);
  expect(kids(later.discarded)).toEqual(['a']);
});

it('retires keys in activation order across several rotations', () => {
  const keys = [key('c', 20, 30), key('a', 0), key('b', 10, 20)];
  const schedule = keySchedule(keys, 40, 15); // a retired at 20 (gone at 35), b retired at 30 (kept until 45)
  expect(schedule.signing.kid).toBe('c');
  expect(kids(schedule.published)).toEqual(['b', 'c']);
  expect(kids(schedule.discarded)).toEqual(['a']);
});

it('falls back to the oldest key when the clock is before every activation', () => {
  expect(keySchedule([key('a', 100), key('b', 200)], 50, 10).signing.kid).toBe('a');
});
