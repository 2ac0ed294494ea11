import { issuerForm } from '../entra/token-facts';

/**
 * Names the likely cause of an `iss` mismatch: v1 vs v2 issuer form for the same tenant (the API
 * registration's token version), another tenant, or another identity provider.
 */
export function issuerHint(tokenIssuer: unknown, configured: readonly string[]): string {
  if (typeof tokenIssuer !== 'string') return 'The token has no iss claim; every access token must name its issuer.';
  const near = configured.find((value) => loose(value) === loose(tokenIssuer));
  if (near !== undefined) {
    return `iss "${tokenIssuer}" differs from the configured "${near}" only by case or a trailing slash, and issuers compare exactly; configure it exactly as the token carries it.`;
  }
  const token = issuerForm(tokenIssuer);
  const forms = configured.map(issuerForm).filter((form) => form !== undefined);
  if (token && forms.length > 0) {
    const sameTenant = forms.filter((form) => form.tenant.toLowerCase() === token.tenant.toLowerCase());
    if (sameTenant.length === 0) {
      return `The token comes from tenant ${token.tenant}, not from the configured tenant ${forms[0].tenant}: the client used another tenant's authority.`;
    }
    if (!sameTenant.some((form) => form.version === token.version)) {
      const mine = token.version === '1.0' ? 'v1' : 'v2';
      const other = token.version === '1.0' ? 'v2' : 'v1';
      return `iss is the ${mine} form (${tokenIssuer}) but only the ${other} issuer is configured: token version mismatch (the API registration's accessTokenAcceptedVersion decides the version); accept both issuer forms or use the Entra preset.`;
    }
    return `The token was issued by ${token.host}, but the configured issuer host is ${sameTenant[0].host}: point the API at the authority that issues its tokens (local identity service or Entra).`;
  }
  return `iss "${tokenIssuer}" is not a configured issuer: the token comes from another identity provider or tenant.`;
}

function loose(value: string): string {
  return value.replace(/\/+$/, '').toLowerCase();
}
