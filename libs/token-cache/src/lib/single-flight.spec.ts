import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('runs one task per key while it is running, and a new one afterwards', async () => {
    const flight = new SingleFlight<string, number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const task = async () => {
      runs += 1;
      await gate;
      return runs;
    };
    const calls = Array.from({ length: 10 }, () => flight.run('a', task));
    expect(flight.has('a')).toBe(true);
    release();
    expect(await Promise.all(calls)).toEqual(Array(10).fill(1));
    expect(flight.has('a')).toBe(false);
    expect(await flight.run('a', task)).toBe(2);
  });

  it('shares a failure with every waiting caller, then lets the next call try again', async () => {
    const flight = new SingleFlight<string, number>();
    const failing = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([flight.run('k', failing), flight.run('k', failing)])).rejects.toThrow('boom');
    expect(await flight.run('k', async () => 7)).toBe(7);
  });

  it('keeps keys apart', async () => {
    const flight = new SingleFlight<string, string>();
    expect(await Promise.all([flight.run('a', async () => 'A'), flight.run('b', async () => 'B')])).toEqual(['A', 'B']);
  });
});
