import { TokenProviderOptionsError } from './errors';
import { TokenProvider, type TokenProviderOptions } from './token-provider';

const valid: TokenProviderOptions = {
  authority: 'https://login.microsoftonline.com/3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60',
  clientId: 'f73ba7f2-5bf9-44b5-b82c-e4b191a80c41',
  credential: { clientSecret: 'secret' },
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
};

describe('TokenProvider options', () => {
  const rejects = (options: Partial<TokenProviderOptions>, message: RegExp) => {
    const attempt = () => new TokenProvider({ ...valid, ...options } as TokenProviderOptions);
    expect(attempt).toThrow(TokenProviderOptionsError);
    expect(attempt).toThrow(message);
  };

  it('accepts a valid configuration', async () => {
    await new TokenProvider(valid).close();
  });

  it('says what to set for a bad authority', () => {
    rejects({ authority: 'login.microsoftonline.com' }, /is not a URL; set it to https:\/\/<host>\/<tenant id>/);
    rejects({ authority: 'http://localhost:5443/tenant' }, /must use https/);
    rejects({ authority: 'https://localhost:5443/' }, /has no tenant/);
  });

  it('says what to set for a missing client id or credential', () => {
    rejects({ clientId: '' }, /clientId is required/);
    rejects({ credential: { clientSecret: '' } }, /credential must be/);
    rejects(
      { credential: { certificate: { thumbprintSha256: '', privateKey: '' } } },
      /needs thumbprintSha256 and privateKey/,
    );
  });

  it('checks the retry and refresh settings', () => {
    rejects({ retry: { maxAttempts: 0 } }, /maxAttempts must be at least 1/);
    rejects({ retry: { baseDelayMs: -1 } }, /retry.baseDelayMs must be a number >= 0/);
    rejects({ refreshAheadRatio: 1 }, /refreshAheadRatio must be between 0 and 1/);
  });

  it('rejects getToken() without a scope', async () => {
    const provider = new TokenProvider(valid);
    await expect(provider.getToken('')).rejects.toThrow(/needs a scope/);
    await provider.close();
  });
});
