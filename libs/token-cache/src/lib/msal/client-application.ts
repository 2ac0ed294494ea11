import { ConfidentialClientApplication, LogLevel, type ICachePlugin, type NodeAuthOptions } from '@azure/msal-node';
import type { ClientCredential } from '../credentials';
import { TokenProviderOptionsError } from '../errors';
import type { TokenCacheLogger } from '../logger';
import type { ParsedAuthority } from './authority';
import type { TokenEndpointHttpClient } from './token-endpoint-http-client';

/** What {@link createClientApplication} needs. */
export interface ClientApplicationSettings {
  readonly authority: ParsedAuthority;
  readonly clientId: string;
  readonly credential: ClientCredential;
  readonly knownAuthorities?: readonly string[];
  readonly networkClient: TokenEndpointHttpClient;
  readonly cachePlugin: ICachePlugin;
  readonly logger: TokenCacheLogger;
}

/**
 * The one msal `ConfidentialClientApplication` of a (authority, client id) pair. Its in-memory cache lives as long as
 * the instance, so it is created once and reused (entra.md §6.4).
 */
export function createClientApplication(settings: ClientApplicationSettings): ConfidentialClientApplication {
  const auth: NodeAuthOptions = {
    clientId: settings.clientId,
    authority: settings.authority.url,
    // A host outside Microsoft's clouds must be listed, or msal asks login.microsoftonline.com to discover it.
    knownAuthorities: [...(settings.knownAuthorities ?? [settings.authority.host])],
    ...credentialOptions(settings.credential),
  };
  return new ConfidentialClientApplication({
    auth,
    cache: { cachePlugin: settings.cachePlugin },
    system: {
      networkClient: settings.networkClient,
      // Retries belong to the provider (backoff with jitter, Retry-After); msal's would only add to them.
      disableInternalRetries: true,
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message, containsPii) => {
          if (!containsPii) settings.logger.debug({ msal: message }, 'msal-node');
        },
      },
    },
  });
}

function credentialOptions(credential: ClientCredential): Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'> {
  if ('clientSecret' in credential && typeof credential.clientSecret === 'string' && credential.clientSecret !== '') {
    return { clientSecret: credential.clientSecret };
  }
  if ('certificate' in credential && credential.certificate) {
    const { thumbprintSha256, privateKey, x5c } = credential.certificate;
    if (!thumbprintSha256 || !privateKey) {
      throw new TokenProviderOptionsError(
        'credential.certificate needs thumbprintSha256 and privateKey (PEM); readCertificateCredential(path) builds both from PEM files.',
      );
    }
    return {
      clientCertificate: {
        thumbprintSha256: thumbprintSha256.replaceAll(':', ''),
        privateKey,
        ...(x5c ? { x5c } : {}),
      },
    };
  }
  throw new TokenProviderOptionsError(
    'credential must be { clientSecret: "<secret value>" } or { certificate: { thumbprintSha256, privateKey } }.',
  );
}
