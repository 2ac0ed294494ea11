import { inspectCompactJws } from './compact-jws';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const token = (header: unknown, payload: unknown = { sub: 'x' }, signature = 'c2ln') =>
  `${b64(header)}.${b64(payload)}.${signature}`;
const rs256 = ['RS256'];

describe('inspectCompactJws', () => {
  it('accepts a well-formed RS256 token with a kid and returns its header', () => {
    expect(inspectCompactJws(token({ alg: 'RS256', kid: 'k1', typ: 'JWT' }), rs256)).toEqual({
      ok: true,
      header: { alg: 'RS256', kid: 'k1', typ: 'JWT' },
    });
  });

  it.each([
    ['empty', ''],
    ['two segments', 'a.b'],
    ['five segments (JWE)', 'a.b.c.d.e'],
    ['padding', `${b64({ alg: 'RS256', kid: 'k' })}=.${b64({})}.c2ln`],
    ['standard base64 characters', `${b64({ alg: 'RS256', kid: 'k' })}.${b64({})}.c2/n+w`],
    ['whitespace', `${b64({ alg: 'RS256', kid: 'k' })}. ${b64({})}.c2ln`],
    ['JSON serialization', '{"payload":"x","signatures":[]}'],
    ['header not JSON', `${b64('nope')}.${b64({})}.c2ln`],
    ['header an array', token([1])],
    ['header null', token(null)],
    ['payload a number', token({ alg: 'RS256', kid: 'k' }, 42)],
    ['invalid UTF-8 in header', `${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.${b64({})}.c2ln`],
  ])('reports ERR_TOKEN_MALFORMED for %s', (_case, value) => {
    expect(inspectCompactJws(value, rs256)).toMatchObject({
      ok: false,
      reason: { code: 'ERR_TOKEN_MALFORMED' },
    });
  });

  it.each(['none', 'None', 'NONE', 'nOnE', 'HS256', 'ES256', 'PS256', 'RS512', 'rs256'])('refuses alg %s', (alg) => {
    expect(inspectCompactJws(token({ alg, kid: 'k' }), rs256)).toMatchObject({
      ok: false,
      reason: {
        code: 'ERR_ALG_NOT_ALLOWED',
        claim: 'alg',
        actual: alg,
        expected: rs256,
      },
    });
  });

  it('refuses a missing or non-string alg', () => {
    expect(inspectCompactJws(token({ kid: 'k' }), rs256)).toMatchObject({
      reason: { code: 'ERR_ALG_NOT_ALLOWED' },
    });
    expect(inspectCompactJws(token({ alg: ['RS256'], kid: 'k' }), rs256)).toMatchObject({
      reason: { code: 'ERR_ALG_NOT_ALLOWED', actual: 'object' },
    });
  });

  it('refuses an empty signature', () => {
    expect(inspectCompactJws(token({ alg: 'RS256', kid: 'k' }, {}, ''), rs256)).toMatchObject({
      reason: { code: 'ERR_TOKEN_UNSIGNED' },
    });
  });

  it('refuses any crit header', () => {
    expect(inspectCompactJws(token({ alg: 'RS256', kid: 'k', crit: ['b64'] }), rs256)).toMatchObject({
      reason: { code: 'ERR_CRIT_UNSUPPORTED', claim: 'crit' },
    });
  });

  it.each([undefined, '', 42])('refuses kid %p', (kid) => {
    expect(inspectCompactJws(token({ alg: 'RS256', kid }), rs256)).toMatchObject({
      reason: { code: 'ERR_KEY_NOT_FOUND', claim: 'kid' },
    });
  });
});
