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

/** Counters of one service instance. */
export class ServiceCounters {
  private issuances: IssuanceRecord[] = [];
  private jwks = 0;
  private discovery = 0;

  /** @param resolveApi maps a resource identifier to its API appId (undefined when unknown). */
  constructor(private readonly resolveApi: (identifier: string) => string | undefined) {}

  recordIssuance(record: IssuanceRecord): void {
    this.issuances.push(record);
  }

  recordJwksRequest(): void {
    this.jwks += 1;
  }

  recordDiscoveryRequest(): void {
    this.discovery += 1;
  }

  /** Successful token issuances matching the filter. */
  tokenRequestCount(filter: TokenCountFilter = {}): number {
    const clientId = filter.clientId?.toLowerCase();
    const resource = filter.scope?.replace(/\/\.default$/i, '');
    const apiAppId = resource === undefined ? undefined : this.resolveApi(resource)?.toLowerCase();
    return this.issuances.filter(
      (record) =>
        (clientId === undefined || record.clientId.toLowerCase() === clientId) &&
        (resource === undefined ||
          (apiAppId !== undefined ? record.apiAppId.toLowerCase() === apiAppId : record.resource === resource)),
    ).length;
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
    this.issuances = [];
    this.jwks = 0;
    this.discovery = 0;
  }
}
