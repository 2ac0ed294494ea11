import type { PolicySource } from '@stack/apim-policy';
import { apiScopeFor, scopeForAudiences } from './api-scope';

const API_APP = '4a41d081-77b5-4936-b87c-52b76b36dbc2';
const LEGACY_APP = '9b7c1e52-3f4a-4d8e-a6b1-0c2d3e4f5a6b';

function policy(file: string, inbound: string): PolicySource {
  return { file, xml: `<policies><inbound><base />${inbound}</inbound><backend><base /></backend></policies>` };
}

function definition(
  apis: Record<string, PolicySource>,
  extra: {
    global?: PolicySource;
    operations?: Record<string, PolicySource>;
    namedValues?: Record<string, string>;
  } = {},
) {
  return {
    namedValues: { 'api-app-id': API_APP, 'legacy-app-id': LEGACY_APP, ...extra.namedValues },
    policies: {
      global: extra.global,
      products: new Map(),
      apis: new Map(Object.entries(apis)),
      operations: new Map(Object.entries(extra.operations ?? {})),
    },
  };
}

const jwtWithAud = (...values: string[]) =>
  `<validate-jwt header-name="Authorization"><required-claims><claim name="aud" match="any">${values
    .map((value) => `<value>${value}</value>`)
    .join('')}</claim></required-claims></validate-jwt>`;

describe('apiScopeFor', () => {
  it("takes each API's scope from the audience its own policy checks (named values resolved)", () => {
    const scopes = definition({
      'echo-api': policy('policies/apis/echo-api.xml', jwtWithAud('{{api-app-id}}')),
      'legacy-api': policy(
        'policies/apis/legacy-api.xml',
        `<validate-azure-ad-token tenant-id="t"><audiences><audience>api://{{legacy-app-id}}</audience></audiences></validate-azure-ad-token>`,
      ),
    });
    expect(apiScopeFor(scopes, 'echo-api')).toEqual({
      scope: `api://${API_APP}/.default`,
      audiences: [API_APP],
      source: 'policies/apis/echo-api.xml',
    });
    expect(apiScopeFor(scopes, 'legacy-api')?.scope).toBe(`api://${LEGACY_APP}/.default`);
  });

  it("reads validate-jwt's <audiences> and prefers an App ID URI over a bare application id", () => {
    const scopes = definition({
      api: policy(
        'a.xml',
        `<validate-jwt><audiences><audience>{{api-app-id}}</audience><audience>api://stack.local/echo/</audience></audiences></validate-jwt>`,
      ),
    });
    expect(apiScopeFor(scopes, 'api')).toMatchObject({
      scope: 'api://stack.local/echo/.default',
      audiences: [API_APP, 'api://stack.local/echo/'],
    });
  });

  it('finds a validate-jwt nested in choose, then falls back to operation policies and the global policy', () => {
    const nested = `<choose><when condition="@(true)">${jwtWithAud('{{api-app-id}}')}</when></choose>`;
    expect(apiScopeFor(definition({ api: policy('a.xml', nested) }), 'api')?.scope).toBe(`api://${API_APP}/.default`);
    const fromOperation = definition(
      { api: policy('a.xml', '') },
      { operations: { 'api/read': policy('op.xml', jwtWithAud(LEGACY_APP)), 'other/read': policy('x.xml', '') } },
    );
    expect(apiScopeFor(fromOperation, 'api')).toMatchObject({
      scope: `api://${LEGACY_APP}/.default`,
      source: 'op.xml',
    });
    const fromGlobal = definition({}, { global: policy('global.xml', jwtWithAud('api://global')) });
    expect(apiScopeFor(fromGlobal, 'api')).toMatchObject({ scope: 'api://global/.default', source: 'global.xml' });
  });

  it('lets the portal-scope-<api id> named value override the derived scope', () => {
    const scopes = definition(
      { api: policy('a.xml', jwtWithAud('{{api-app-id}}')) },
      { namedValues: { 'portal-scope-api': 'api://custom/.default' } },
    );
    expect(apiScopeFor(scopes, 'api')).toEqual({
      scope: 'api://custom/.default',
      audiences: [],
      source: 'named value portal-scope-api',
    });
  });

  it('is undefined when no policy checks an audience, or the audience is an expression or unknown named value', () => {
    expect(apiScopeFor(definition({ api: policy('a.xml', '<validate-jwt />') }), 'api')).toBeUndefined();
    expect(apiScopeFor(definition({ api: policy('a.xml', jwtWithAud('{{nope}}')) }), 'api')).toBeUndefined();
    expect(apiScopeFor(definition({ api: policy('a.xml', jwtWithAud('@(context.Api.Id)')) }), 'api')).toBeUndefined();
    expect(apiScopeFor(definition({}), 'api')).toBeUndefined();
  });
});

describe('scopeForAudiences', () => {
  it.each([
    [[API_APP.toUpperCase()], `api://${API_APP}/.default`],
    [[API_APP, `api://${API_APP}`], `api://${API_APP}/.default`],
    [['https://graph.microsoft.com/'], 'https://graph.microsoft.com/.default'],
    [['not-a-guid'], undefined],
    [[], undefined],
  ])('%j → %s', (audiences, scope) => {
    expect(scopeForAudiences(audiences)).toBe(scope);
  });
});
