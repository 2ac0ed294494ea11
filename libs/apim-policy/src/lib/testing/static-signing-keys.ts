import type { KeyObject } from 'node:crypto';
import { KeyResolutionError } from '../keys/key-resolution-error';
import type { SigningKeyResolver } from '../keys/signing-key-resolver';

export interface StaticSigningKeysOptions {
  /** The issuer every `<openid-config url>` announces, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  readonly issuer: string;
  /** Public keys by `kid`. */
  readonly keys: Readonly<Record<string, KeyObject>>;
}

/**
 * A {@link SigningKeyResolver} that fetches nothing: every OpenID configuration URL resolves to the
 * same issuer and keys. For tests of validate-jwt / validate-azure-ad-token policies without an
 * identity provider.
 */
export function staticSigningKeys(options: StaticSigningKeysOptions): SigningKeyResolver {
  return {
    version: 1,
    issuerOf: async () => options.issuer,
    keyOf: async (url, kid) => {
      const key = Object.prototype.hasOwnProperty.call(options.keys, kid) ? options.keys[kid] : undefined;
      if (!key) throw new KeyResolutionError(`${url} publishes no key "${kid}"`, 'ERR_KEY_NOT_FOUND');
      return key;
    },
    close: () => undefined,
  };
}

/** For policies that validate no tokens: any key lookup is a failure that names the missing option. */
export const NO_SIGNING_KEYS: SigningKeyResolver = {
  version: 1,
  issuerOf: async (url) => {
    throw new KeyResolutionError(
      `no signing keys configured for ${url}; pass signingKeys to the test host`,
      'ERR_IDP_UNAVAILABLE',
    );
  },
  keyOf: async (url) => {
    throw new KeyResolutionError(
      `no signing keys configured for ${url}; pass signingKeys to the test host`,
      'ERR_IDP_UNAVAILABLE',
    );
  },
  close: () => undefined,
};
