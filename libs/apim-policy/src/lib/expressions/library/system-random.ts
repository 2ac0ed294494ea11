import { randomInt } from 'node:crypto';
import { type Overload, type TypeMembers, fault, members, method, sig } from '../members';
import { DOUBLE, INT, type Type, named } from '../types';
import type { LibraryModule } from './library-module';
import { BYTE_ARRAY } from './system-bytes';

/**
 * `System.Random` (APIM allows all of it). `new Random(seed)` reproduces .NET's seeded sequence
 * (Knuth's subtractive generator, which .NET keeps for seeded instances), so `new Random(42).Next()`
 * gives the number .NET gives; `new Random()` is seeded from node:crypto. `Next`, `Next(max)`,
 * `Next(min, max)`, `NextDouble`, `NextBytes(buffer)`.
 */

const RANDOM: Type = named('Random');
const VOID: Type = named('void');
const MBIG = 2_147_483_647;
const MSEED = 161_803_398;

export class RandomValue {
  private readonly seeds = new Array<number>(56).fill(0);
  private inext = 0;
  private inextp = 21;

  constructor(seed: number) {
    const subtraction = seed === -2_147_483_648 ? MBIG : Math.abs(seed);
    let mj = MSEED - subtraction;
    this.seeds[55] = mj;
    let mk = 1;
    let ii = 0;
    for (let i = 1; i < 55; i++) {
      ii += 21;
      if (ii >= 55) ii -= 55;
      this.seeds[ii] = mk;
      mk = (mj - mk) | 0; // C# int arithmetic wraps
      if (mk < 0) mk += MBIG;
      mj = this.seeds[ii];
    }
    for (let k = 1; k < 5; k++) {
      for (let i = 1; i < 56; i++) {
        let n = i + 30;
        if (n >= 55) n -= 55;
        this.seeds[i] = (this.seeds[i] - this.seeds[1 + n]) | 0;
        if (this.seeds[i] < 0) this.seeds[i] += MBIG;
      }
    }
  }

  /** 0 … 2^31 − 2. */
  internalSample(): number {
    let next = this.inext + 1;
    if (next >= 56) next = 1;
    let nextp = this.inextp + 1;
    if (nextp >= 56) nextp = 1;
    let value = (this.seeds[next] - this.seeds[nextp]) | 0;
    if (value === MBIG) value--;
    if (value < 0) value += MBIG;
    this.seeds[next] = value;
    this.inext = next;
    this.inextp = nextp;
    return value;
  }

  sample(): number {
    return this.internalSample() * (1 / MBIG);
  }

  /** For ranges wider than int: two samples, as .NET's GetSampleForLargeRange. */
  largeSample(): number {
    let result = this.internalSample();
    if (this.internalSample() % 2 === 0) result = -result;
    return (result + (MBIG - 1)) / (2 * MBIG - 1);
  }
}

function next(r: RandomValue, min: number, max: number): number {
  if (min > max)
    throw fault(`Random.Next: minValue ${min} is greater than maxValue ${max} (ArgumentOutOfRangeException)`);
  const range = max - min;
  if (range <= MBIG) return Math.trunc(r.sample() * range) + min;
  return Math.trunc(r.largeSample() * range) + min;
}

const RandomMembers: TypeMembers = members(
  {},
  {
    Next: method(
      sig<RandomValue, []>([], INT, (r) => r.internalSample()),
      sig<RandomValue, [number]>([INT], INT, (r, max) => {
        if (max < 0) throw fault(`Random.Next: maxValue ${max} is negative (ArgumentOutOfRangeException)`);
        return Math.trunc(r.sample() * max);
      }),
      sig<RandomValue, [number, number]>([INT, INT], INT, (r, min, max) => next(r, min, max)),
    ),
    NextDouble: method(sig<RandomValue, []>([], DOUBLE, (r) => r.sample())),
    NextBytes: method(
      sig<RandomValue, [Uint8Array | null]>(
        [BYTE_ARRAY],
        VOID,
        (r, buffer) => {
          if (buffer === null) throw fault('Random.NextBytes: the buffer is null (ArgumentNullException)');
          for (let i = 0; i < buffer.length; i++) buffer[i] = r.internalSample() % 256;
        },
        { allowsNull: true },
      ),
    ),
  },
);

const CONSTRUCTORS: readonly Overload[] = [
  sig<null, []>([], RANDOM, () => new RandomValue(randomInt(0, MBIG))),
  sig<null, [number]>([INT], RANDOM, (_, seed) => new RandomValue(seed)),
];

export const systemRandom: LibraryModule = {
  constructors: { Random: CONSTRUCTORS, 'System.Random': CONSTRUCTORS },
  typeNames: { Random: RANDOM, 'System.Random': RANDOM },
  instanceMembers: (type) => (type.name === 'Random' ? RandomMembers : undefined),
  isInstanceOf: (value, type) => (type.name === 'Random' ? value instanceof RandomValue : undefined),
  format: (value) => (value instanceof RandomValue ? 'System.Random' : undefined),
  runtimeTypeName: (value) => (value instanceof RandomValue ? 'Random' : undefined),
};
