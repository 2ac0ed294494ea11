import type { ManagedIdentityTokenSource } from '@stack/apim-policy';
import { TokenProvider } from '@stack/token-cache';
import type { Logger } from 'pino';

export interface GatewayManagedIdentityOptions {
  /** `https://<Entra host>/<tenant id>` (the local identity service, or login.microsoftonline.com). */
  readonly authority: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly logger: Logger;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * APIM's managed identity, played by the gateway's own app registration: client-credentials tokens from
 * @stack/token-cache (single-flight, refresh-ahead, retries), one provider for the life of the gateway. It is the
 * "system-assigned" identity; a `client-id` naming any other identity is refused (there are no user-assigned ones).
 */
export class GatewayManagedIdentity implements ManagedIdentityTokenSource {
  private readonly tokens: TokenProvider;

  constructor(private readonly options: GatewayManagedIdentityOptions) {
    this.tokens = new TokenProvider({
      authority: options.authority,
      clientId: options.clientId,
      credential: { clientSecret: options.clientSecret },
      logger: options.logger.child({ component: 'managed-identity' }),
    });
  }

  async getToken(resource: string, clientId?: string): Promise<string> {
    if (clientId !== undefined && clientId !== this.options.clientId) {
      throw new Error(
        `no user-assigned identity ${clientId}: this gateway has one identity, app ${this.options.clientId} (GATEWAY_MANAGED_IDENTITY_CLIENT_ID); remove client-id or use that id`,
      );
    }
    return (await this.tokens.getToken(scopeFor(resource))).accessToken;
  }

  close(): Promise<void> {
    return this.tokens.close();
  }
}

/**
 * The v2 scope for an APIM `resource`: `<resource>/.default`; a bare application id becomes its App ID URI
 * `api://<id>/.default` (the local identity service knows APIs by their identifier URIs).
 */
export function scopeFor(resource: string): string {
  const trimmed = resource.trim().replace(/\/+$/, '');
  if (trimmed.endsWith('/.default')) return trimmed;
  return GUID.test(trimmed) ? `api://${trimmed}/.default` : `${trimmed}/.default`;
}
