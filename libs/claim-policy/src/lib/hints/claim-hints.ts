import type { Claims, RequiredClaim } from '../model';
import { tokenVersionOf } from '../entra/token-facts';
import { audienceHint } from './audience-hints';
import { issuerHint } from './issuer-hints';

/**
 * Names the likely cause of a failed required claim: no app role assigned, a user token where an
 * app token was expected, `azp` vs `appid`, case, or a multi-valued string without a separator.
 */
export function claimHint(
  requirement: RequiredClaim,
  tokenValues: readonly string[] | undefined,
  missing: readonly string[],
  claims: Claims,
): string | undefined {
  const { name } = requirement;
  if (name === 'aud') return audienceHint(tokenValues, requirement.values, tokenVersionOf(claims));
  if (name === 'iss') return issuerHint(claims['iss'], requirement.values);
  const accepts = [name, ...(requirement.alsoFrom ?? [])];
  if (name === 'azp' && tokenValues === undefined && typeof claims['appid'] === 'string') {
    return 'This is a v1 token: the client id is in appid, not azp; check both (allowedClientIds, client-application-ids or the Entra preset do).';
  }
  if (name === 'appid' && tokenValues === undefined && typeof claims['azp'] === 'string') {
    return 'This is a v2 token: the client id is in azp, not appid; check both (allowedClientIds, client-application-ids or the Entra preset do).';
  }
  if (name === 'roles' && tokenValues === undefined) {
    return claims['scp'] !== undefined && !accepts.includes('scp')
      ? 'The token has scp but no roles: it is a delegated (user) token where an app token was expected; call with client credentials, or opt in to accepting delegated scopes.'
      : 'The client has no app role assigned on this API (grant it in the app registration: API permissions, add the application permission, grant admin consent), then fetch a new token.';
  }
  if (name === 'scp' && tokenValues === undefined && claims['roles'] !== undefined) {
    return 'The token has roles but no scp: it is an app-only token where a delegated (user) token was expected.';
  }
  if (tokenValues === undefined) return `The token has no ${accepts.join(' or ')} claim.`;
  const caseOnly = missing.find((value) => tokenValues.some((have) => have.toLowerCase() === value.toLowerCase()));
  if (caseOnly !== undefined) {
    return `Claim values compare case-sensitively: the token's ${name} has a value differing from "${caseOnly}" only by case.`;
  }
  if (requirement.separator === undefined && tokenValues.some((have) => /[\s,]/.test(have))) {
    return `The token's ${name} claim is one string holding several values; set a separator (e.g. " " for scp) to split it.`;
  }
  if (name === 'roles') {
    return `The client has the app roles [${tokenValues.join(', ')}] but not [${missing.join(', ')}]; assign the missing app role to the client application (grant admin consent), then fetch a new token.`;
  }
  return undefined;
}
