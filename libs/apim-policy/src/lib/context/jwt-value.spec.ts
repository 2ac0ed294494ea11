import { JwtValue } from './jwt-value';

/** A value nested `levels` deep, built with a loop (far deeper than any token parseCompactJws accepts). */
function nested(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'Echo.Read';
  for (let level = 0; level < levels; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

describe('JwtValue', () => {
  it('gives claims as APIM does: one value per array element, JSON text for numbers, booleans and objects', () => {
    const jwt = new JwtValue(
      { alg: 'RS256', typ: 'JWT' },
      {
        aud: ['a', 'b'],
        iss: 'https://issuer/',
        roles: ['Echo.Read', 'Echo.Write'],
        n: 5,
        t: true,
        o: { x: 1 },
        z: null,
        exp: 1,
      },
    );
    expect(jwt.algorithm).toBe('RS256');
    expect(jwt.audiences).toEqual(['a', 'b']);
    expect(jwt.issuer).toBe('https://issuer/');
    expect(jwt.claims.get('roles')).toEqual(['Echo.Read', 'Echo.Write']);
    expect(jwt.claims.get('n')).toEqual(['5']);
    expect(jwt.claims.get('t')).toEqual(['true']);
    expect(jwt.claims.get('o')).toEqual(['{"x":1}']);
    expect(jwt.claims.has('z')).toBe(false);
    expect(jwt.claimOrDefault('roles', '')).toBe('Echo.Read,Echo.Write');
    expect(jwt.expirationTime).toEqual(new Date(1000));
  });

  it('flattens arrays of arrays a few levels deep, then gives the JSON text', () => {
    const jwt = new JwtValue({ alg: 'RS256' }, { roles: ['a', ['b', ['c', ['d', ['e', ['f']]]]]] });
    expect(jwt.claims.get('roles')).toEqual(['a', 'b', 'c', 'd', '["e",["f"]]']);
  });

  it.each(['array', 'object'] as const)(
    'bounds a claim nested 100 000 levels deep (%s) instead of overflowing the stack',
    (kind) => {
      const jwt = new JwtValue({ alg: 'RS256' }, { roles: nested(100_000, kind), ok: 'x' });
      expect(jwt.claims.get('roles')).toEqual(['[nested too deep]']);
      expect(jwt.claims.get('ok')).toEqual(['x']);
    },
  );
});
