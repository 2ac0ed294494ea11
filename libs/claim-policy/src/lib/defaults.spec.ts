import { createPolicy, DEFAULT_POLICY, withDiscoveredIssuers } from './defaults';

describe('createPolicy', () => {
  it('fills APIM defaults', () => {
    expect(createPolicy()).toEqual({
      source: { headerName: 'Authorization' },
      failedStatus: 401,
      requireExpirationTime: true,
      requireSignedTokens: true,
      clockSkewSeconds: 0,
      allowedAlgorithms: ['RS256'],
      issuers: [],
      audiences: [],
      openIdConfigUrls: [],
      issuerSigningKeys: [],
      requiredClaims: [],
      allowedClientIds: [],
    });
  });

  it('keeps what is given and ignores undefined fields', () => {
    const policy = createPolicy({
      failedStatus: 403,
      clockSkewSeconds: undefined,
      audiences: ['a'],
    });
    expect(policy).toMatchObject({
      failedStatus: 403,
      clockSkewSeconds: 0,
      audiences: ['a'],
    });
  });

  it('does not share mutable state between policies', () => {
    expect(Object.isFrozen(DEFAULT_POLICY.allowedAlgorithms)).toBe(true);
  });

  it.each<[string, Parameters<typeof createPolicy>[0], RegExp]>([
    ['status out of range', { failedStatus: 99 }, /failedStatus must be an HTTP status code/],
    ['negative skew', { clockSkewSeconds: -1 }, /clockSkewSeconds must be a number of seconds >= 0/],
    ['no algorithm', { allowedAlgorithms: [] }, /allowedAlgorithms must name at least one/],
    [
      'bad match',
      { requiredClaims: [{ name: 'x', match: 'some' as 'all', values: [] }] },
      /match must be "all" or "any"/,
    ],
    [
      'empty separator',
      {
        requiredClaims: [{ name: 'x', match: 'all', values: [], separator: '' }],
      },
      /separator must not be empty/,
    ],
    ['nameless claim', { requiredClaims: [{ name: '', match: 'all', values: [] }] }, /needs a name/],
  ])('rejects %s with a clear error', (_name, partial, message) => {
    expect(() => createPolicy(partial)).toThrow(message);
  });
});

describe('withDiscoveredIssuers', () => {
  const url = 'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration';

  it('takes the issuer from discovery when <issuers> was omitted', () => {
    expect(
      withDiscoveredIssuers(createPolicy({ openIdConfigUrls: [url] }), ['https://i/', 'https://i/']).issuers,
    ).toEqual(['https://i/']);
  });

  it('keeps configured issuers', () => {
    expect(
      withDiscoveredIssuers(createPolicy({ openIdConfigUrls: [url], issuers: ['https://mine/'] }), ['https://i/'])
        .issuers,
    ).toEqual(['https://mine/']);
  });

  it('leaves the issuer unchecked without openid-config', () => {
    expect(withDiscoveredIssuers(createPolicy(), ['https://i/']).issuers).toEqual([]);
  });
});
