/**
 * Before a guarded target is measured: it refuses a call without a token (401), refuses the token without the role
 * (403; auth0's `claimIncludes` answers 401 when the claim is absent, still a refusal) unless the target checks no
 * role (the gateway's validate-jwt), and answers the bench token with 200. A misconfigured peer would otherwise be
 * measured answering errors fast.
 */
export async function checkGuard(
  name: string,
  url: string,
  tokens: { token: string; noRoleToken?: string },
  headers: Record<string, string> = {},
): Promise<void> {
  const status = async (token?: string) =>
    (await fetch(url, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } })).status;
  const expectations: [string, number, number[]][] = [['no token', await status(), [401]]];
  if (tokens.noRoleToken) {
    expectations.push(['a token without the role', await status(tokens.noRoleToken), [403, 401]]);
  }
  expectations.push(['the bench token', await status(tokens.token), [200]]);
  const wrong = expectations.filter(([, actual, expected]) => !expected.includes(actual));
  if (wrong.length > 0) {
    const detail = wrong
      .map(([what, actual, expected]) => `${what}: ${actual}, expected ${expected.join(' or ')}`)
      .join('; ');
    throw new Error(`${name} (${url}) does not make the same checks as protected-api: ${detail}.`);
  }
}
