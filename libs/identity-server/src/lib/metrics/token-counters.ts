/**
 * Counters of what the service did, for tests that assert behaviour such as "exactly one token request for this
 * client and scope" or "at most one JWKS fetch".
 */

/** One successful token issuance. */
export interface IssuanceRecord {
  readonly clientId: string;
  readonly apiAppId: string;
  /** The resource identifier as requested (without `/.default`). */
  readonly resource: string;
}

/** Filter for {@link ServiceCounters.tokenRequestCount}; omitted fields match everything. */
export interface TokenCountFilter {
  /** Client appId. */
  readonly clientId?: string;
  /**
   * The API asked for: a scope (`api://<guid>/.default`), an App ID URI, or an appId; every form of the same API
   * matches, e.g. counting by `api://<guid>/.default` includes requests made with `resource=api://<guid>`.
   */
  readonly scope?: string;
}

/**
 * Counters of one service instance. Issuances are counted per client and API (both lower-cased), not kept one by
 * one: memory stays bounded by the registrations however many tokens are issued.
 */
export class ServiceCounters {
  /** client appId -> API appId -> successful issuances. */
  private issuances = new Map<string, Map<string, number>>();
  private jwks = 0;
  private discovery = 0;

  /** @param resolveApi maps a resource identifier to its API appId (undefined when unknown). */
  constructor(private readonly resolveApi: (identifier: string) => string | undefined) {}

  recordIssuance(record: IssuanceRecord): void {
    const clientId = record.clientId.toLowerCase();
    const apiAppId = record.apiAppId.toLowerCase();
    let byApi = this.issuances.get(clientId);
    if (!byApi) this.issuances.set(clientId, (byApi = new Map()));
    byApi.set(apiAppId, (byApi.get(apiAppId) ?? 0) + 1);
  }

  recordJwksRequest(): void {
    this.jwks += 1;
  }

  recordDiscoveryRequest(): void {
    this.discovery += 1;
  }

  /**
   * Successful token issuances matching the filter. A scope that resolves to no API matches none: every issuance
   * was for a resource that resolved to its API.
   */
  tokenRequestCount(filter: TokenCountFilter = {}): number {
    const clientId = filter.clientId?.toLowerCase();
    const resource = filter.scope?.replace(/\/\.default$/i, '');
    const apiAppId = resource === undefined ? undefined : this.resolveApi(resource)?.toLowerCase();
    if (resource !== undefined && apiAppId === undefined) return 0;
    let count = 0;
    for (const [client, byApi] of this.issuances) {
      if (clientId !== undefined && client !== clientId) continue;
      for (const [api, issued] of byApi) if (apiAppId === undefined || api === apiAppId) count += issued;
    }
    return count;
  }

  /** Requests answered by any JWKS endpoint. */
  jwksRequestCount(): number {
    return this.jwks;
  }

  /** Requests answered by any OpenID configuration endpoint. */
  discoveryRequestCount(): number {
    return this.discovery;
  }

  /** Sets every counter back to zero. */
  reset(): void {
    this.issuances.clear();
    this.jwks = 0;
    this.discovery = 0;
  }
}
