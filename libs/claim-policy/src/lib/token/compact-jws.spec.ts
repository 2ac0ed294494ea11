import fc from 'fast-check';
import { DEFAULT_COMPACT_JWS_LIMITS, parseCompactJws, type ParsedCompactJws } from './compact-jws';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64url');
const HEADER = { alg: 'RS256', typ: 'JWT', kid: 'key-1' };
const CLAIMS = { iss: 'https://issuer/', aud: 'api://x', exp: 1893456000, roles: ['Echo.Read'] };
const SIGNATURE = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]); // 5 bytes: last char has 2 unused bits

function token(header: unknown = HEADER, claims: unknown = CLAIMS, signature: Buffer = SIGNATURE): string {
  const part = (value: unknown) => b64(typeof value === 'string' ? value : JSON.stringify(value));
  return `${part(header)}.${part(claims)}.${b64(signature)}`;
}

function hintOf(result: ParsedCompactJws): string {
  if (result.ok) throw new Error('expected a failure');
  expect(result.reason.code).toBe('ERR_TOKEN_MALFORMED');
  return result.reason.hint ?? '';
}

/** Nesting of `depth` arrays around 1 as JSON text. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('parseCompactJws', () => {
  it('decodes header, claims, signing input and signature of a canonical token', () => {
    const jws = token();
    const result = parseCompactJws(jws);
    expect(result).toEqual({
      ok: true,
      header: HEADER,
      claims: CLAIMS,
      signingInput: jws.slice(0, jws.lastIndexOf('.')),
      signature: SIGNATURE,
    });
  });

  it('parses an empty signature segment (alg none and stripped signatures are the caller’s to report)', () => {
    const result = parseCompactJws(token({ alg: 'none' }, CLAIMS, Buffer.alloc(0)));
    expect(result.ok && result.signature.length).toBe(0);
  });

  it.each([
    ['empty string', '', /empty/],
    ['one segment', 'abc', /1 segment;/],
    ['two segments', 'abc.def', /2 segments/],
    ['four segments', `${token()}.abc`, /4 segments/],
    ['five segments (JWE)', 'a.b.c.d.e', /JWE/],
    ['many segments', 'a.'.repeat(50), /more than 5 segments/],
    ['empty header', `.${b64('{}')}.`, /header segment is empty/],
    ['empty payload', `${b64('{"alg":"RS256"}')}..`, /payload segment is empty/],
  ])('refuses %s', (_name, jws, hint) => {
    expect(hintOf(parseCompactJws(jws))).toMatch(hint);
  });

  describe('only the canonical unpadded base64url spelling', () => {
    const good = token();
    const [h, p, s] = good.split('.');
    it.each([
      ['= padding on the signature', `${h}.${p}.${s}=`, /signature segment is not canonical/],
      ['== padding on the signature', `${h}.${p}.${s}==`, /signature segment/],
      ['padding on the header', `${b64('{"alg":"RS256"}')}=.${p}.${s}`, /header segment/],
      ['+ instead of -', `${h}.${p}.${s.replace(/.$/, '+')}`, /signature segment/],
      ['/ instead of _', `${h}.${p}.${s.replace(/.$/, '/')}`, /signature segment/],
      ['a space inside', `${h}.${p.slice(0, 4)} ${p.slice(4)}.${s}`, /payload segment/],
      ['a newline inside', `${h}.${p}\n.${s}`, /payload segment/],
      ['a non-ASCII letter', `${h}.${p}.${s}é`, /signature segment/],
      ['length 1 mod 4', `${h}.${p}.${s}AAAAA`.slice(0, -3), /signature segment/],
    ])('refuses %s', (_name, jws, hint) => {
      expect(hintOf(parseCompactJws(jws))).toMatch(hint);
    });

    it('refuses other unused low bits in the last character (same bytes, different string)', () => {
      // 5 bytes = 7 characters; the last one carries 4 data bits and 2 unused bits.
      expect(s).toHaveLength(7);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const value = alphabet.indexOf(s[6]);
      for (let unused = 1; unused < 4; unused++) {
        const variant = `${s.slice(0, 6)}${alphabet[value | unused]}`;
        expect(Buffer.from(variant, 'base64url')).toEqual(SIGNATURE); // Node would accept it
        expect(hintOf(parseCompactJws(`${h}.${p}.${variant}`))).toMatch(/signature segment/);
      }
    });
  });

  it.each([
    ['header is an array', token([HEADER]), /header is not a JSON object/],
    ['payload is null', token(HEADER, 'null'), /payload is not a JSON object/],
    ['payload is a number', token(HEADER, '42'), /payload is not a JSON object/],
    ['payload is a string', token(HEADER, '"x"'), /payload is not a JSON object/],
    ['payload is not JSON', token(HEADER, '{"a":'), /payload is not valid JSON/],
    ['header is not JSON', token('not json'), /header is not valid JSON/],
    ['trailing garbage', token(HEADER, '{"a":1}x'), /payload is not valid JSON/],
    ['a byte-order mark', token(HEADER, '\ufeff{"a":1}'), /payload is not valid JSON/],
    ['duplicate header member', token('{"alg":"RS256","alg":"none"}'), /header repeats a member name/],
    ['duplicate claim', token(HEADER, '{"aud":"a","aud":"b"}'), /payload repeats a member name/],
    ['duplicate claim spelled with an escape', token(HEADER, '{"aud":"a","\\u0061ud":"b"}'), /repeats/],
    ['duplicate __proto__', token(HEADER, '{"__proto__":1,"__proto__":2}'), /repeats/],
  ])('refuses when the %s', (_name, jws, hint) => {
    expect(hintOf(parseCompactJws(jws))).toMatch(hint);
  });

  it('allows the same member name in nested objects and colons inside strings', () => {
    const claims = { a: { x: 1 }, b: { x: 2 }, 'c:d': 'e:f', g: '\\":' };
    const result = parseCompactJws(token(HEADER, claims));
    expect(result.ok && result.claims).toEqual(claims);
  });

  it('keeps __proto__ as an ordinary own member, never as the prototype', () => {
    const result = parseCompactJws(token(HEADER, '{"__proto__":{"admin":true}}'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.claims)).toBe(Object.prototype);
      expect((result.claims as { admin?: boolean }).admin).toBeUndefined();
    }
  });

  it('refuses invalid UTF-8 in header or payload', () => {
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xc3("}
    const [h, , s] = token().split('.');
    expect(hintOf(parseCompactJws(`${h}.${b64(bad)}.${s}`))).toMatch(/payload is not valid UTF-8/);
    expect(hintOf(parseCompactJws(`${b64(bad)}.${h}.${s}`))).toMatch(/header is not valid UTF-8/);
    const surrogate = Buffer.from('{"a":"\xed\xa0\x80"}', 'latin1'); // an encoded lone surrogate
    expect(hintOf(parseCompactJws(`${h}.${b64(surrogate)}.${s}`))).toMatch(/not valid UTF-8/);
  });

  describe('nesting depth, measured before JSON.parse', () => {
    const at = (depth: number) => token(HEADER, `{"roles":${nestedArrays(depth - 1)}}`);
    it('accepts the default limit of 16 levels', () => {
      expect(parseCompactJws(at(16)).ok).toBe(true);
      expect(hintOf(parseCompactJws(at(17)))).toMatch(/payload JSON nests deeper than 16 levels/);
    });
    it('counts brackets in strings not at all, escaped quotes included', () => {
      const claims = { s: '[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{{{{{{{{{{{{{{' };
      expect(parseCompactJws(token(HEADER, claims)).ok).toBe(true);
    });
    it('refuses thousands of levels in the header and in the payload', () => {
      const deep = nestedArrays(3000);
      expect(hintOf(parseCompactJws(token(`{"alg":"RS256","x":${deep}}`)))).toMatch(/header JSON nests deeper/);
      expect(hintOf(parseCompactJws(token(HEADER, `{"roles":${deep}}`)))).toMatch(/payload JSON nests deeper/);
      expect(hintOf(parseCompactJws(token(HEADER, `{"o":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`)))).toMatch(
        /nests deeper/,
      );
    });
    it('takes a custom limit', () => {
      expect(parseCompactJws(at(3), { maxJsonDepth: 3 }).ok).toBe(true);
      expect(parseCompactJws(at(4), { maxJsonDepth: 3 }).ok).toBe(false);
    });
  });

  describe('token length', () => {
    it('accepts a token at the limit and refuses one character more', () => {
      const padded = (length: number) => token(HEADER, { ...CLAIMS, pad: 'x'.repeat(length) });
      let pad = 12000;
      while (padded(pad + 1).length <= DEFAULT_COMPACT_JWS_LIMITS.maxTokenLength) pad++;
      const longest = padded(pad);
      expect(longest.length).toBeGreaterThan(16380);
      expect(parseCompactJws(longest).ok).toBe(true);
      const over = `${longest}${'A'.repeat(16385 - longest.length)}`;
      expect(hintOf(parseCompactJws(over))).toMatch(/16385 characters long; at most 16384/);
    });
    it('takes a custom limit', () => {
      expect(hintOf(parseCompactJws(token(), { maxTokenLength: 10 }))).toMatch(/at most 10 are accepted/);
    });
  });

  describe('properties', () => {
    const json = fc.jsonValue({ maxDepth: 6 });
    const objects = fc.dictionary(fc.string(), json, { maxKeys: 8 });

    it('round-trips every canonical token', () => {
      fc.assert(
        fc.property(objects, objects, fc.uint8Array({ maxLength: 300 }), (header, claims, signature) => {
          const sig = Buffer.from(signature);
          const result = parseCompactJws(token(header, claims, sig), { maxTokenLength: 1e6 });
          expect(result).toEqual({
            ok: true,
            header: JSON.parse(JSON.stringify(header)),
            claims: JSON.parse(JSON.stringify(claims)),
            signingInput: expect.any(String),
            signature: sig,
          });
        }),
      );
    });

    it('refuses every non-canonical spelling of a valid segment', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const respell = fc.oneof(
        fc.constant((s: string) => `${s}=`),
        fc.constant((s: string) => `${s}==`),
        fc.constant((s: string) => s.replace(/-/g, '+').replace(/_/g, '/')),
        fc.constant((s: string) => `${s.slice(0, 1)} ${s.slice(1)}`),
        fc.constant((s: string) => `${s}\t`),
        fc.constant((s: string) => {
          // another value for the unused low bits of the last character
          const tail = s.length % 4;
          if (tail === 0) return `${s}=`;
          const value = alphabet.indexOf(s[s.length - 1]);
          return `${s.slice(0, -1)}${alphabet[value | (tail === 2 ? 0x01 : 0x02)]}`;
        }),
      );
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 64 }),
          fc.integer({ min: 0, max: 2 }),
          respell,
          (bytes, which, change) => {
            const segments = token().split('.');
            const original = which === 2 ? b64(Buffer.from(bytes)) : segments[which];
            const changed = change(original);
            fc.pre(changed !== original);
            segments[which] = changed;
            expect(parseCompactJws(segments.join('.')).ok).toBe(false);
          },
        ),
      );
    });

    it('never throws on random strings, random segments or random JSON nesting', () => {
      const nesting = fc
        .array(fc.constantFrom('[', ']', '{', '}', '"', '\\', ':', ',', '1', 'a'), { maxLength: 400 })
        .map((chars) => chars.join(''));
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            nesting,
            fc.jsonValue().map((v) => JSON.stringify(v)),
          ),
          (text) => {
            const candidates = [text, token(text), token(HEADER, text), `${b64(text)}.${b64(text)}.${b64(text)}`];
            for (const jws of candidates) {
              const result = parseCompactJws(jws);
              expect(typeof result.ok).toBe('boolean');
              if (!result.ok) expect(result.reason.code).toBe('ERR_TOKEN_MALFORMED');
            }
          },
        ),
      );
    });
  });
});
