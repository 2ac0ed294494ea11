/**
 * Which delegated scopes the portal asks for when a person signs in (authorization code with PKCE), per API: the
 * scope names the API's own policies look for in `scp` (a `<claim name="scp">` of validate-jwt, or a policy
 * expression that reads `scp` and tests `.Contains("<name>")`), on the API's resource. An API whose policies name no
 * delegated scope gets `<resource>/.default` (the delegated permissions the client is configured for; the local
 * identity service grants every enabled scope of the API). Named value `portal-user-scopes-<api id>` (space-separated
 * full scopes) overrides. Pure.
 */
import { parsePolicyXml, type GatewayDefinition } from '@stack/apim-policy';
import type { PolicyElement } from '@stack/claim-policy';

/** OpenID Connect scopes the user scheme also offers: who signed in (ID token) and a refresh token. */
export const OIDC_USER_SCOPES = ['openid', 'profile', 'offline_access'] as const;

type ScopeInputs = Pick<GatewayDefinition, 'namedValues' | 'policies'>;

/** Named value that overrides the delegated scopes of one API, e.g. `portal-user-scopes-echo-api`. */
export function portalUserScopesNamedValue(apiId: string): string {
  return `portal-user-scopes-${apiId}`;
}

/**
 * The API's delegated scopes, full (`api://<app id>/Echo.Read.User`), for the resource of its `.default` scope
 * (`api://<app id>/.default`). Undefined without a resource (the API checks no audience) and no override.
 */
export function delegatedScopesFor(
  definition: ScopeInputs,
  apiId: string,
  defaultScope: string | undefined,
): string[] | undefined {
  const override = definition.namedValues[portalUserScopesNamedValue(apiId)];
  if (override?.trim()) return override.split(/\s+/).filter(Boolean);
  if (!defaultScope?.endsWith('/.default')) return undefined;
  const resource = defaultScope.slice(0, -'/.default'.length);
  const { policies } = definition;
  const sources = [
    policies.apis.get(apiId),
    ...[...policies.operations.entries()].filter(([key]) => key.startsWith(`${apiId}/`)).map(([, source]) => source),
  ];
  const names = new Set<string>();
  for (const source of sources) {
    if (!source) continue;
    for (const name of scpNamesIn(parsePolicyXml(source.xml, { fileName: source.file }))) names.add(name);
  }
  return names.size > 0 ? [...names].map((name) => `${resource}/${name}`) : [defaultScope];
}

const SCOPE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CONTAINS_LITERAL = /\.Contains\(\s*"([^"\\]+)"\s*\)/g;

/** Scope names the elements check in `scp`: required-claims values and `.Contains("…")` in expressions on scp. */
function scpNamesIn(elements: readonly PolicyElement[]): string[] {
  const found: string[] = [];
  const fromExpression = (text: string | undefined) => {
    if (!text || !text.includes('"scp"')) return;
    for (const match of text.matchAll(CONTAINS_LITERAL)) found.push(match[1]);
  };
  const visit = (element: PolicyElement) => {
    if (element.name === 'claim' && element.attributes['name'] === 'scp') {
      for (const child of element.children) if (child.name === 'value') found.push(child.text.trim());
    }
    // A <when condition="@(…)">; expression text of other elements (set-variable value=…) is read the same way.
    Object.values(element.attributes).forEach(fromExpression);
    element.children.forEach(visit);
  };
  elements.forEach(visit);
  return found.filter((name) => SCOPE_NAME.test(name));
}
