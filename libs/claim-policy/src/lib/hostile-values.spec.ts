/**
 * Regression: values nested far deeper than any token parsed by parseCompactJws can hold, handed
 * straight to evaluate() and deny(). Rules, hints and both mappings must still return a decision,
 * and the decision must be safe to log with JSON.stringify (no stack overflow anywhere).
 */
import fc from 'fast-check';
import { createPolicy } from './defaults';
import { deny } from './deny';
import { evaluate } from './evaluate';
import { toApimError } from './mapping/apim-mapping';
import { toBearerError } from './mapping/bearer-mapping';
import { claimValues } from './rules/claim-values';
import { API_APP_ID, NOW_MS, RS256, V2_ISSUER, v2AppToken } from '../test-support/entra-tokens';

const LEVELS = 100_000;

/** `[[[…["x"]…]]]` or `{"a":{"a":…}}`, built with a loop (a literal would overflow the parser). */
function deeplyNested(kind: 'array' | 'object'): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < LEVELS; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const policy = createPolicy({
  issuers: [V2_ISSUER],
  audiences: [API_APP_ID],
  allowedClientIds: ['cccccccc-0000-4000-8000-000000000003'],
  requiredClaims: [
    { name: 'roles', match: 'all', values: ['Echo.Read'] },
    { name: 'scp', match: 'any', separator: ' ', values: ['read'] },
    { name: 'deep', match: 'any', values: ['x'] },
    { name: 'iss', match: 'any', values: ['y'] },
  ],
});

describe.each(['array', 'object'] as const)('a value nested %s 100 000 levels deep', (kind) => {
  const deep = deeplyNested(kind);

  it.each([
    ['roles', { roles: deep }],
    ['roles as an element', { roles: ['Echo.Write', deep] }],
    ['scp', { scp: deep }],
    ['aud', { aud: deep }],
    ['iss', { iss: deep }],
    ['exp', { exp: deep }],
    ['nbf', { nbf: deep }],
    ['azp', { azp: deep, appid: deep }],
    ['a custom claim', { deep }],
    ['ver', { ver: deep }],
  ])('in %s: evaluate returns a denial that JSON.stringify can log', (_name, overrides) => {
    const decision = evaluate(policy, RS256, v2AppToken(overrides), NOW_MS);
    expect(decision.allowed).toBe(false);
    expect(() => JSON.stringify(decision)).not.toThrow();
  });

  it.each([
    ['alg', { alg: deep }],
    ['crit', { alg: 'RS256', crit: deep }],
    ['kid', { alg: 'RS256', kid: deep }],
  ])('in the header %s: evaluate returns a denial', (_name, header) => {
    const decision = evaluate(policy, header as never, v2AppToken(), NOW_MS);
    expect(decision.allowed).toBe(false);
    expect(() => JSON.stringify(decision)).not.toThrow();
  });

  it('as the whole header or payload: evaluate returns a denial', () => {
    expect(evaluate(policy, deep as never, v2AppToken(), NOW_MS).allowed).toBe(false);
    expect(evaluate(policy, RS256, deep as never, NOW_MS).allowed).toBe(false);
  });

  it('in a reason handed to deny: both mappings render, with a bounded message', () => {
    const reasons = [
      { code: 'ERR_CLAIM_VALUE_NOT_ALLOWED' as const, claim: 'roles', expected: deep, actual: deep, missing: [] },
    ];
    const decision = deny(policy, reasons);
    expect(decision.allowed).toBe(false);
    expect(() => JSON.stringify(decision)).not.toThrow();
    expect(toApimError(policy, reasons).message.length).toBeLessThan(1000);
    expect(toBearerError(reasons).status).toBe(403);
  });

  it('claimValues gives a bounded text instead of overflowing', () => {
    const values = claimValues({ roles: deep }, 'roles');
    expect(values).toHaveLength(1);
    expect(values?.[0]).toMatch(/nested too deep/);
  });
});

describe('a 16 KiB issuer', () => {
  it('is quoted in the hint only up to a bounded length', () => {
    const decision = evaluate(policy, RS256, v2AppToken({ iss: `https://${'a'.repeat(16000)}/` }), NOW_MS);
    const [reason] = decision.reasons;
    expect(reason.code).toBe('ERR_ISS_MISMATCH');
    expect(reason.hint?.length).toBeLessThanOrEqual(1025);
    expect(reason.hint).toMatch(/^iss "https:\/\/aaa.*…$/);
  });
});

describe('any JSON in header and claims', () => {
  it('always gets a decision that JSON.stringify can log', () => {
    const json = fc.jsonValue({ maxDepth: 5 });
    const claims = fc.record(
      {
        iss: json,
        aud: json,
        exp: json,
        nbf: json,
        azp: json,
        appid: json,
        roles: json,
        scp: json,
        ver: json,
        deep: json,
      },
      { requiredKeys: [] },
    );
    const header = fc.record({ alg: json, crit: json, kid: json }, { requiredKeys: [] });
    fc.assert(
      fc.property(header, claims, (h, c) => {
        const decision = evaluate(policy, h as never, c, NOW_MS);
        expect(typeof decision.allowed).toBe('boolean');
        expect(() => JSON.stringify(decision)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
