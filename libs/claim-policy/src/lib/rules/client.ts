import type { Reason } from '../decision';
import { readClientId } from '../entra/token-facts';
import type { RuleInput } from './rule';

/**
 * The calling client must be one of `allowedClientIds`, read from `azp` (v2) or `appid` (v1).
 * Compared case-insensitively: these are GUIDs, and Entra prints them in lower case but users
 * paste them from portals in either case.
 */
export function checkClient({ policy, claims }: RuleInput): Reason[] {
  const allowed = policy.allowedClientIds ?? [];
  if (allowed.length === 0) return [];
  const client = readClientId(claims);
  if (client && allowed.some((id) => id.toLowerCase() === client.value.toLowerCase())) return [];
  return [
    {
      code: 'ERR_CLIENT_NOT_ALLOWED',
      claim: client?.claim ?? 'azp',
      expected: allowed,
      actual: client?.value,
      hint: client
        ? `The client ${client.value} (from ${client.claim}) is not an allowed client application; add its application (client) id to the allowed clients, or call with an allowed client.`
        : 'The token names no client (neither azp nor appid): it is not an Entra access token for an application.',
    },
  ];
}
