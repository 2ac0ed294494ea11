import { VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('moves only when advanced, and runs due timers in order, each at its own time', async () => {
    const clock = new VirtualClock(1_000);
    const ran: string[] = [];
    clock.schedule(() => ran.push(`b@${clock.now()}`), 200);
    clock.schedule(() => ran.push(`a@${clock.now()}`), 100);
    clock.schedule(() => ran.push(`late@${clock.now()}`), 10_000);

    expect(clock.now()).toBe(1_000);
    await clock.advance(500);

    expect(ran).toEqual(['a@1100', 'b@1200']);
    expect(clock.now()).toBe(1_500);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('runs a timer scheduled by a timer when it falls due within the same advance (a periodic refresh)', async () => {
    const clock = new VirtualClock(0);
    const ran: number[] = [];
    const every = () =>
      clock.schedule(() => {
        ran.push(clock.now());
        every();
      }, 120);
    every();

    await clock.advance(400);

    expect(ran).toEqual([120, 240, 360]);
  });

  it('cancels, awaits settle after each timer, and refuses to go back', async () => {
    const clock = new VirtualClock(0);
    const ran: string[] = [];
    const cancel = clock.schedule(() => ran.push('cancelled'), 10);
    clock.schedule(() => ran.push('kept'), 20);
    cancel();
    let settled = 0;

    await clock.advance(30, { settle: async () => void (settled += 1) });

    expect(ran).toEqual(['kept']);
    expect(settled).toBe(1);
    await expect(clock.advance(-1)).rejects.toThrow(/0 ms or more/);
  });
});
