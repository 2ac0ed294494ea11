/**
 * Which OAuth 2.0 scope the portal asks for, per API: `<App ID URI>/.default` of the registration whose tokens the
 * API's own policies accept. Read from the audiences the policies already check (validate-jwt's `<audiences>` and
 * `aud` required claim, validate-azure-ad-token's `<audiences>`), so the portal cannot drift from the gateway.
 */
import { parsePolicyXml, type GatewayDefinition } from '@stack/apim-policy';
import type { PolicyElement } from '@stack/claim-policy';

/** Where an API's scope came from, shown in the portal next to it. */
export interface ApiScope {
  /** e.g. `api://4a41d081-77b5-4936-b87c-52b76b36dbc2/.default` */
  readonly scope: string;
  /** The audiences the API's policies accept (named values resolved), e.g. `['4a41d081-…', 'api://4a41d081-…']`. */
  readonly audiences: readonly string[];
  /** The policy file the audiences were read from, or the named value that overrides them. */
  readonly source: string;
}

type ScopeInputs = Pick<GatewayDefinition, 'namedValues' | 'policies'>;

/** Named value that overrides the derived scope of one API, e.g. `portal-scope-echo-api`. */
export function portalScopeNamedValue(apiId: string): string {
  return `portal-scope-${apiId}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The scope for one API: the `portal-scope-<api id>` named value when set, else derived from the audiences in the
 * API's policy, then its operations' policies, then the global policy (the first scope that has any). An App ID URI
 * audience gives `<uri>/.default`; a bare application id gives `api://<id>/.default` (Entra's default App ID URI).
 * Undefined when no policy checks an audience (the API takes any token, or none).
 */
export function apiScopeFor(definition: ScopeInputs, apiId: string): ApiScope | undefined {
  const override = definition.namedValues[portalScopeNamedValue(apiId)];
  if (override) return { scope: override, audiences: [], source: `named value ${portalScopeNamedValue(apiId)}` };

  const { policies } = definition;
  const operationSources = [...policies.operations.entries()]
    .filter(([key]) => key.startsWith(`${apiId}/`))
    .map(([, source]) => source);
  const candidates = [policies.apis.get(apiId), ...operationSources, policies.global];
  for (const source of candidates) {
    if (!source) continue;
    const audiences = unique(audiencesIn(parsePolicyXml(source.xml, { fileName: source.file })))
      .map((audience) => resolveNamedValues(audience, definition.namedValues))
      .filter((audience): audience is string => audience !== undefined);
    const scope = scopeForAudiences(audiences);
    if (scope) return { scope, audiences: unique(audiences), source: source.file };
  }
  return undefined;
}

/**
 * The `.default` scope for a set of accepted audiences: an App ID URI first (it is what a client asks for), else the
 * first application id as `api://<id>`. Audiences that are policy expressions are skipped.
 */
export function scopeForAudiences(audiences: readonly string[]): string | undefined {
  const usable = audiences.map((audience) => audience.trim()).filter((audience) => !audience.startsWith('@'));
  const uri = usable.find((audience) => /^[a-z][a-z0-9+.-]*:\/\//i.test(audience));
  if (uri) return `${uri.replace(/\/+$/, '')}/.default`;
  const appId = usable.find((audience) => GUID.test(audience));
  return appId ? `api://${appId.toLowerCase()}/.default` : undefined;
}

/** Audience values of every validate-jwt / validate-azure-ad-token in the elements, nested ones included. */
function audiencesIn(elements: readonly PolicyElement[]): string[] {
  const found: string[] = [];
  const visit = (element: PolicyElement) => {
    if (element.name === 'validate-jwt' || element.name === 'validate-azure-ad-token') {
      for (const child of element.children) {
        if (child.name === 'audiences') found.push(...textsOf(child, 'audience'));
        if (child.name === 'required-claims') {
          for (const claim of child.children) {
            if (claim.name === 'claim' && claim.attributes['name'] === 'aud') found.push(...textsOf(claim, 'value'));
          }
        }
      }
      return;
    }
    element.children.forEach(visit);
  };
  elements.forEach(visit);
  return found;
}

function textsOf(parent: PolicyElement, name: string): string[] {
  return parent.children
    .filter((child) => child.name === name)
    .map((child) => child.text.trim())
    .filter(Boolean);
}

/** `{{name}}` replaced by its value; undefined when a name is unknown (the audience cannot be known here). */
function resolveNamedValues(text: string, namedValues: Readonly<Record<string, string>>): string | undefined {
  let unknown = false;
  const resolved = text.replace(/\{\{([A-Za-z0-9._-]+)\}\}/g, (_match, name: string) => {
    const value = namedValues[name];
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : resolved;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
