import fc from 'fast-check';
import { boundedValue, jsonTextWithin, NESTED_TOO_DEEP, nestsWithin, renderBounded } from './bounded-value';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

describe('bounded views of values', () => {
  it('nestsWithin counts arrays and objects alike and stops early', () => {
    expect(nestsWithin('x', 0)).toBe(true);
    expect(nestsWithin([], 1)).toBe(true);
    expect(nestsWithin({ a: [1] }, 1)).toBe(false);
    expect(nestsWithin({ a: [1] }, 2)).toBe(true);
    expect(nestsWithin(nested(1_000_000), 32)).toBe(false);
  });

  it('jsonTextWithin is JSON.stringify for any JSON within the depth', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        expect(jsonTextWithin(value)).toBe(JSON.stringify(value));
      }),
    );
    expect(jsonTextWithin(nested(33))).toBe(NESTED_TOO_DEEP);
  });

  it('renderBounded matches JSON.stringify for small values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const json = JSON.stringify(value);
        fc.pre(json.length < 200);
        expect(renderBounded(value, 8, 200)).toBe(json);
      }),
    );
  });

  it('renderBounded caps depth and length', () => {
    expect(renderBounded(nested(100_000), 3)).toBe(`[[[${NESTED_TOO_DEEP}]]]`);
    expect(renderBounded({ a: { b: { c: 1 } } }, 2)).toBe(`{"a":{"b":${NESTED_TOO_DEEP}}}`);
    const wide = renderBounded(
      Array.from({ length: 1_000_000 }, (_, i) => i),
      8,
      50,
    );
    expect(wide).toHaveLength(51);
    expect(wide.endsWith('…')).toBe(true);
    expect(renderBounded('x'.repeat(500), 8, 20)).toBe(`"${'x'.repeat(19)}…`);
  });

  it('boundedValue keeps shallow values as they are and renders deep ones', () => {
    const shallow = { roles: ['a', 'b'] };
    expect(boundedValue(shallow)).toBe(shallow);
    expect(boundedValue(nested(100_000))).toMatch(/^\[\[\[.*nested too deep/);
  });

  it('never throws on anything fast-check can build', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true }), (value) => {
        expect(typeof renderBounded(value)).toBe('string');
        boundedValue(value);
        jsonTextWithin(value);
      }),
    );
  });
});
