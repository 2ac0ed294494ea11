/**
 * The service's URLs and issuers. Endpoints are always local; issuers are local (`<base>/{tid}/v2.0`,
 * `<base>/{tid}/`) or, in `microsoft` mode, Microsoft's literal ones so that validators configured for Azure
 * accept the tokens unchanged.
 */

/** `local`: issuers on this service's URL. `microsoft`: `https://login.microsoftonline.com/{tid}/v2.0` and `https://sts.windows.net/{tid}/`. */
export type IssuerMode = 'local' | 'microsoft';

/** Endpoint version: v1 (`/oauth2/token`, `/.well-known/openid-configuration`) or v2 (`/v2.0/...`). */
export type EndpointVersion = 'v1' | 'v2';

/** The placeholder multi-tenant documents use in place of the tenant id. */
export const TENANT_ID_TEMPLATE = '{tenantid}';

/** URL builder for one service instance. */
export class ServiceUrls {
  constructor(
    /** e.g. `https://localhost:5443` (no trailing slash). */
    readonly baseUrl: string,
    readonly issuerMode: IssuerMode,
  ) {}

  /** Authority for msal-node: `<base>/<tenant>`. */
  authority(tenant: string): string {
    return `${this.baseUrl}/${tenant}`;
  }

  tokenEndpoint(tenant: string, version: EndpointVersion): string {
    return version === 'v2' ? `${this.baseUrl}/${tenant}/oauth2/v2.0/token` : `${this.baseUrl}/${tenant}/oauth2/token`;
  }

  jwksUri(tenant: string, version: EndpointVersion): string {
    return version === 'v2'
      ? `${this.baseUrl}/${tenant}/discovery/v2.0/keys`
      : `${this.baseUrl}/${tenant}/discovery/keys`;
  }

  openIdConfiguration(tenant: string, version: EndpointVersion): string {
    return version === 'v2'
      ? `${this.baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`
      : `${this.baseUrl}/${tenant}/.well-known/openid-configuration`;
  }

  /** Issuer of tokens (`iss`) and documents; pass {@link TENANT_ID_TEMPLATE} for the multi-tenant template. */
  issuer(version: '1.0' | '2.0', tenantId: string): string {
    if (this.issuerMode === 'microsoft') {
      return version === '2.0'
        ? `https://login.microsoftonline.com/${tenantId}/v2.0`
        : `https://sts.windows.net/${tenantId}/`;
    }
    return version === '2.0' ? `${this.baseUrl}/${tenantId}/v2.0` : `${this.baseUrl}/${tenantId}/`;
  }

  /**
   * `aud` values accepted in client assertions: this tenant's token endpoints (by id or by domain, v1 or v2), the
   * v2 issuer, and in `microsoft` mode the same on login.microsoftonline.com.
   */
  assertionAudiences(tenantId: string, domain: string): string[] {
    const hosts = [this.baseUrl, ...(this.issuerMode === 'microsoft' ? ['https://login.microsoftonline.com'] : [])];
    const audiences = hosts.flatMap((host) =>
      [tenantId, domain].flatMap((tenant) => [`${host}/${tenant}/oauth2/v2.0/token`, `${host}/${tenant}/oauth2/token`]),
    );
    return [...audiences, this.issuer('2.0', tenantId)];
  }
}
