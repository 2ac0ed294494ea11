import { resolveAuthOptions } from './auth-options';

const base = { tenantId: 't-guid', apiAppId: 'app-guid' };

describe('resolveAuthOptions', () => {
  it('uses sts.windows.net for v1 issuers with Entra, and the tenant-specific v2 JWKS', () => {
    const resolved = resolveAuthOptions({ ...base, authorityHost: 'https://login.microsoftonline.com/' }, {});
    expect(resolved).toMatchObject({
      authorityHost: 'https://login.microsoftonline.com',
      v1IssuerHost: 'https://sts.windows.net',
      jwksUri: 'https://login.microsoftonline.com/t-guid/discovery/v2.0/keys',
      keys: {
        jwksUri: 'https://login.microsoftonline.com/t-guid/discovery/v2.0/keys',
      },
      exposeReasons: true,
      globalGuard: true,
    });
  });

  it('uses the authority host for v1 issuers with a local identity service', () => {
    expect(resolveAuthOptions({ ...base, authorityHost: 'https://localhost:5443' }, {}).v1IssuerHost).toBe(
      'https://localhost:5443',
    );
  });

  it('hides reasons when NODE_ENV is production unless told otherwise', () => {
    const options = { ...base, authorityHost: 'https://localhost:5443' };
    expect(resolveAuthOptions(options, { NODE_ENV: 'production' }).exposeReasons).toBe(false);
    expect(resolveAuthOptions({ ...options, exposeReasons: true }, { NODE_ENV: 'production' }).exposeReasons).toBe(
      true,
    );
  });
});
