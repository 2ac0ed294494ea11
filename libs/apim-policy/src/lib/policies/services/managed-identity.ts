/** The gateway's own identity (authentication-managed-identity): an access token for `resource`. */
export interface ManagedIdentityTokenSource {
  /** `clientId`: a user-assigned identity's client id; undefined for the system-assigned one. */
  getToken(resource: string, clientId?: string): Promise<string>;
}
