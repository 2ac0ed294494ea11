import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import type { VerifiedHeader } from '../model';
import { NOW_MS, v2AppToken } from '../../test-support/entra-tokens';

describe('algorithm and header rules', () => {
  const claims = v2AppToken();

  it.each<[string, VerifiedHeader, { requireSignedTokens?: boolean; allowedAlgorithms?: string[] }, string[]]>([
    ['RS256 on the default allow-list', { alg: 'RS256' }, {}, []],
    ['HS256 (key confusion) refused', { alg: 'HS256' }, {}, ['ERR_ALG_NOT_ALLOWED']],
    ['ES256 refused by default', { alg: 'ES256' }, {}, ['ERR_ALG_NOT_ALLOWED']],
    ['ES256 allowed when listed', { alg: 'ES256' }, { allowedAlgorithms: ['RS256', 'ES256'] }, []],
    ['none refused while signed tokens are required', { alg: 'none' }, {}, ['ERR_TOKEN_UNSIGNED']],
    ['none accepted when require-signed-tokens is false', { alg: 'none' }, { requireSignedTokens: false }, []],
    [
      'nOnE is just an unknown algorithm (case-sensitive)',
      { alg: 'nOnE' },
      { requireSignedTokens: false },
      ['ERR_ALG_NOT_ALLOWED'],
    ],
    ['NONE refused too', { alg: 'NONE' }, {}, ['ERR_ALG_NOT_ALLOWED']],
    ['missing alg is malformed', { alg: undefined as unknown as string }, {}, ['ERR_TOKEN_MALFORMED']],
    ['numeric alg is malformed', { alg: 256 as unknown as string }, {}, ['ERR_TOKEN_MALFORMED']],
    ['any crit refused', { alg: 'RS256', crit: ['exp'] }, {}, ['ERR_CRIT_UNSUPPORTED']],
    ['an empty crit refused too', { alg: 'RS256', crit: [] }, {}, ['ERR_CRIT_UNSUPPORTED']],
    [
      'bad alg and crit both reported',
      { alg: 'HS256', crit: ['b64'] },
      {},
      ['ERR_ALG_NOT_ALLOWED', 'ERR_CRIT_UNSUPPORTED'],
    ],
  ])('%s', (_name, header, partial, expected) => {
    const decision = evaluate(createPolicy(partial), header, claims, NOW_MS);
    expect(decision.reasons.map((r) => r.code)).toEqual(expected);
  });

  it('says which algorithms are allowed', () => {
    const decision = evaluate(createPolicy(), { alg: 'HS256' }, claims, NOW_MS);
    expect(decision.reasons[0]).toMatchObject({
      claim: 'alg',
      expected: ['RS256'],
      actual: 'HS256',
    });
    expect(decision.reasons[0].hint).toContain('RS256');
  });
});
