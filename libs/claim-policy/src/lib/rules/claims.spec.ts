import { createPolicy } from '../defaults';
import { evaluate } from '../evaluate';
import type { Claims, RequiredClaim } from '../model';
import { NOW_MS, RS256, v1AppToken, v2AppToken, v2UserToken } from '../../test-support/entra-tokens';

const claim = (name: string, values: string[], extra: Partial<RequiredClaim> = {}): RequiredClaim => ({
  name,
  match: 'all',
  values,
  ...extra,
});

function decide(requiredClaims: RequiredClaim[], claims: Claims) {
  return evaluate(createPolicy({ requiredClaims }), RS256, claims, NOW_MS);
}

describe('required claims', () => {
  it.each<[string, RequiredClaim[], Record<string, unknown>, string[]]>([
    ['all: every value present (array claim)', [claim('roles', ['Echo.Read', 'Echo.Write'])], {}, []],
    ['all: one value absent', [claim('roles', ['Echo.Read', 'Echo.Admin'])], {}, ['ERR_CLAIM_VALUE_NOT_ALLOWED']],
    ['any: one value present', [claim('roles', ['Echo.Admin', 'Echo.Read'], { match: 'any' })], {}, []],
    [
      'any: none present',
      [claim('roles', ['Echo.Admin', 'Echo.Owner'], { match: 'any' })],
      {},
      ['ERR_CLAIM_VALUE_NOT_ALLOWED'],
    ],
    ['claim absent', [claim('roles', ['Echo.Read'])], { roles: undefined }, ['ERR_CLAIM_MISSING']],
    ['claim null counts as absent', [claim('roles', ['Echo.Read'])], { roles: null }, ['ERR_CLAIM_MISSING']],
    [
      'empty array is present but lacks the value',
      [claim('roles', ['Echo.Read'])],
      { roles: [] },
      ['ERR_CLAIM_VALUE_NOT_ALLOWED'],
    ],
    [
      'string claim compared whole without separator',
      [claim('scp', ['read'])],
      { scp: 'read write' },
      ['ERR_CLAIM_VALUE_NOT_ALLOWED'],
    ],
    [
      'separator splits a string claim',
      [claim('scp', ['read', 'write'], { separator: ' ' })],
      { scp: 'read write' },
      [],
    ],
    [
      'separator pieces are trimmed, empty pieces dropped',
      [claim('groups', ['a', 'b'], { separator: ',' })],
      { groups: ' a , ,b ' },
      [],
    ],
    [
      'separator applies to array elements too',
      [claim('scp', ['write'], { separator: ' ' })],
      { scp: ['read write'] },
      [],
    ],
    ['values are case-sensitive', [claim('roles', ['echo.read'])], {}, ['ERR_CLAIM_VALUE_NOT_ALLOWED']],
    ['boolean claim matches its JSON text', [claim('edit', ['true'])], { edit: true }, []],
    ['number claim matches its JSON text', [claim('level', ['3'])], { level: 3 }, []],
    ['no values: presence only', [claim('oid', [])], {}, []],
    ['no values: absent claim fails', [claim('xms_cc', [])], {}, ['ERR_CLAIM_MISSING']],
    ['several claims are ANDed', [claim('roles', ['Echo.Read']), claim('ctry', ['US'])], {}, ['ERR_CLAIM_MISSING']],
    [
      'same claim twice is ANDed',
      [claim('roles', ['Echo.Read']), claim('roles', ['Echo.Admin'])],
      {},
      ['ERR_CLAIM_VALUE_NOT_ALLOWED'],
    ],
    ['aud as a required claim works on string aud', [claim('aud', ['aaaaaaaa-0000-4000-8000-000000000001'])], {}, []],
    [
      'alsoFrom: delegated scp satisfies a roles requirement',
      [claim('roles', ['Echo.Read'], { alsoFrom: ['scp'], separator: ' ' })],
      { roles: undefined, scp: 'Echo.Read x' },
      [],
    ],
    [
      'alsoFrom: union of roles and scp',
      [
        claim('roles', ['Echo.Read', 'Echo.Write'], {
          alsoFrom: ['scp'],
          separator: ' ',
        }),
      ],
      { roles: ['Echo.Read'], scp: 'Echo.Write' },
      [],
    ],
    [
      'alsoFrom: neither claim present',
      [claim('roles', ['Echo.Read'], { alsoFrom: ['scp'] })],
      { roles: undefined },
      ['ERR_CLAIM_MISSING'],
    ],
  ])('%s', (_name, required, overrides, expected) => {
    expect(decide(required, v2AppToken(overrides)).reasons.map((r) => r.code)).toEqual(expected);
  });

  it('lists the missing values: the absent ones for all, every one for any', () => {
    const all = decide([claim('roles', ['Echo.Read', 'Echo.Admin', 'Echo.Owner'])], v2AppToken()).reasons[0];
    expect(all).toMatchObject({
      claim: 'roles',
      expected: ['Echo.Read', 'Echo.Admin', 'Echo.Owner'],
      actual: ['Echo.Read', 'Echo.Write'],
      missing: ['Echo.Admin', 'Echo.Owner'],
    });
    const any = decide([claim('roles', ['Echo.Admin', 'Echo.Owner'], { match: 'any' })], v2AppToken()).reasons[0];
    expect(any.missing).toEqual(['Echo.Admin', 'Echo.Owner']);
  });

  it.each<[string, RequiredClaim, Claims, RegExp]>([
    [
      'roles missing entirely: no app role assigned',
      claim('roles', ['Echo.Read']),
      v2AppToken({ roles: undefined }),
      /no app role assigned on this API \(grant it in the app registration/,
    ],
    [
      'scp but no roles: a user token where an app token was expected',
      claim('roles', ['Echo.Read']),
      v2UserToken(),
      /has scp but no roles: it is a delegated \(user\) token where an app token was expected/,
    ],
    [
      'some roles but not the required one',
      claim('roles', ['Echo.Admin']),
      v2AppToken(),
      /has the app roles \[Echo.Read, Echo.Write\] but not \[Echo.Admin\]/,
    ],
    [
      'roles but no scp: an app token where a user token was expected',
      claim('scp', ['Echo.Read'], { separator: ' ' }),
      v2AppToken(),
      /app-only token where a delegated \(user\) token was expected/,
    ],
    [
      'azp required, v1 token carries appid',
      claim('azp', ['x']),
      v1AppToken(),
      /v1 token: the client id is in appid, not azp/,
    ],
    [
      'appid required, v2 token carries azp',
      claim('appid', ['x']),
      v2AppToken(),
      /v2 token: the client id is in azp, not appid/,
    ],
    ['value differs only by case', claim('roles', ['echo.read']), v2AppToken(), /case-sensitively/],
    ['multi-valued string without separator', claim('scp', ['Echo.Read']), v2UserToken(), /set a separator/],
    [
      'aud required claim explains v1/v2',
      claim('aud', ['aaaaaaaa-0000-4000-8000-000000000001']),
      v1AppToken(),
      /App ID URI .*v1 token/,
    ],
    ['other claim absent', claim('ctry', ['US']), v2AppToken(), /no ctry claim/],
  ])('hint: %s', (_name, required, claims, hint) => {
    expect(decide([required], claims).reasons[0].hint).toMatch(hint);
  });
});
