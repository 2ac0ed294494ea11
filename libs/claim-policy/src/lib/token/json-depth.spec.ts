import fc from 'fast-check';
import { scanJsonShape } from './json-depth';

/** Depth as a recursive walk measures it (reference, for small values only). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('scanJsonShape', () => {
  it('agrees with a recursive walk on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(scanJsonShape(JSON.stringify(value), 100).depth).toBe(depthOf(value));
      }),
    );
  });

  it('counts top-level members, duplicates included', () => {
    expect(scanJsonShape('{"a":1,"b":{"c":2,"d":[{"e":3}]},"f":"g:h"}', 16).topLevelMembers).toBe(3);
    expect(scanJsonShape('{"a":1,"a":2}', 16).topLevelMembers).toBe(2);
  });

  it('stops past the limit without walking the rest', () => {
    expect(scanJsonShape('['.repeat(1_000_000), 16).depth).toBe(Infinity);
  });

  it('ignores brackets in strings, escaped quotes and backslashes included', () => {
    expect(scanJsonShape('{"a":"[\\"[{\\\\","b":["]"]}', 16).depth).toBe(2);
  });
});
