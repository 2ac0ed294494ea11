/** Where to ask for a token: a running identity service (or any Entra-compatible authority host). */
export interface TokenAuthority {
  /** e.g. `https://localhost:5443` */
  readonly url: string;
  readonly tenantId: string;
}

/**
 * A client-credentials token from the v2 token endpoint, fetched the way a daemon (or the original write-up's REST
 * client) does: a form POST with the client secret. Throws with the AADSTS description when there is no token.
 */
export async function clientCredentialsToken(
  authority: TokenAuthority,
  client: { readonly appId: string; readonly secret?: string },
  scope: string,
): Promise<string> {
  const response = await fetch(`${authority.url}/${authority.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.appId,
      client_secret: client.secret ?? '',
      scope,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${client.appId}: ${body.error_description}`);
  return body.access_token;
}
