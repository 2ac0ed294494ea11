import type { PolicySource } from '@stack/apim-policy';
import { delegatedScopesFor } from './delegated-scopes';

const RESOURCE = 'api://4a41d081-77b5-4936-b87c-52b76b36dbc2';
const DEFAULT_SCOPE = `${RESOURCE}/.default`;

function policy(file: string, inbound: string): PolicySource {
  return { file, xml: `<policies><inbound><base />${inbound}</inbound><backend><base /></backend></policies>` };
}

function definition(
  apis: Record<string, PolicySource>,
  operations: Record<string, PolicySource> = {},
  namedValues: Record<string, string> = {},
) {
  return {
    namedValues,
    policies: {
      global: undefined,
      products: new Map(),
      apis: new Map(Object.entries(apis)),
      operations: new Map(Object.entries(operations)),
    },
  };
}

/** The shape of config/gateway/policies/apis/echo-api.xml: a <choose> on the validated token's scp. */
const SCP_CHOOSE = `<choose><when condition="@(((Jwt)context.Variables[&quot;jwt&quot;]).Claims.ContainsKey(&quot;scp&quot;))"><choose>
  <when condition="@{ var scopes = ((Jwt)context.Variables[&quot;jwt&quot;]).Claims.GetValueOrDefault(&quot;scp&quot;, &quot;&quot;).Split(' ');
    return !scopes.Contains(&quot;Echo.Read.User&quot;) &amp;&amp; !scopes.Contains(&quot;Echo.Write.User&quot;); }">
  <return-response><set-status code="403" /></return-response></when></choose></when></choose>`;

describe('delegatedScopesFor', () => {
  it('reads the scope names the policies test in scp, on the resource of the API scope', () => {
    const scopes = delegatedScopesFor(
      definition(
        { 'echo-api': policy('apis/echo-api.xml', SCP_CHOOSE) },
        {
          'echo-api/create-resource': policy(
            'operations/echo-api/create-resource.xml',
            `<validate-jwt><required-claims><claim name="scp" match="any"><value>Echo.Admin.User</value></claim></required-claims></validate-jwt>`,
          ),
          'other-api/x': policy('operations/other-api/x.xml', SCP_CHOOSE.replace(/Echo\./g, 'Other.')),
        },
      ),
      'echo-api',
      DEFAULT_SCOPE,
    );
    expect(scopes).toEqual([
      `${RESOURCE}/Echo.Read.User`,
      `${RESOURCE}/Echo.Write.User`,
      `${RESOURCE}/Echo.Admin.User`,
    ]);
  });

  it('falls back to <resource>/.default when no policy names a delegated scope (an app-only policy)', () => {
    const appOnly = policy(
      'apis/app-only.xml',
      '<validate-jwt><required-claims><claim name="roles"><value>Echo.Read</value></claim></required-claims></validate-jwt>' +
        // Contains(...) in an expression that does not read scp is not a scope.
        '<choose><when condition="@(context.Request.Url.Path.Contains(&quot;admin&quot;))"><return-response /></when></choose>',
    );
    expect(delegatedScopesFor(definition({ 'app-only': appOnly }), 'app-only', DEFAULT_SCOPE)).toEqual([DEFAULT_SCOPE]);
  });

  it('has none without a resource, and takes the named value portal-user-scopes-<api id> over the policies', () => {
    const defined = definition(
      { 'echo-api': policy('apis/echo-api.xml', SCP_CHOOSE) },
      {},
      {
        'portal-user-scopes-echo-api': ' api://custom/Read  api://custom/Write ',
      },
    );
    expect(delegatedScopesFor(defined, 'echo-api', undefined)).toEqual(['api://custom/Read', 'api://custom/Write']);
    expect(delegatedScopesFor(definition({}), 'echo-api', undefined)).toBeUndefined();
  });
});
