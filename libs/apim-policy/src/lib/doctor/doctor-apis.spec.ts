/**
 * Which token policies the doctor (the portal's page and the CLI) checks per API, read from an in-memory gateway
 * definition (as the gateway loaded it): global and API scopes, operations that add checks or answer before <base />, <choose> branches with
 * their condition, fragments, named values, and policies that depend on expressions (named, never thrown).
 */
import type { GatewayDefinition } from '../model/gateway-definition';
import { callTokenTargets, doctorApis } from './doctor-apis';

const OPENID = 'https://login.microsoftonline.com/{{tenant-id}}/v2.0/.well-known/openid-configuration';
const jwt = (inner: string, attributes = '') =>
  `<validate-jwt header-name="Authorization"${attributes}><openid-config url="${OPENID}" />${inner}</validate-jwt>`;
const inbound = (body: string) => ({
  file: 'policy.xml',
  xml: `<policies><inbound>${body}</inbound><backend><base /></backend><outbound><base /></outbound></policies>`,
});

function definition(policies: Partial<GatewayDefinition['policies']>): Parameters<typeof doctorApis>[0] {
  return {
    namedValues: { 'tenant-id': 'tenant-1', 'api-app-id': 'app-1' },
    apis: [
      {
        id: 'echo-api',
        name: 'Echo API',
        path: 'echo',
        operations: [
          { id: 'read', method: 'get', urlTemplate: '/resource' },
          { id: 'write', method: 'post', urlTemplate: '/resource' },
          { id: 'status', method: 'get', urlTemplate: '/status' },
        ],
      },
    ] as unknown as GatewayDefinition['apis'],
    policies: { products: new Map(), apis: new Map(), operations: new Map(), ...policies },
  };
}

describe('doctorApis', () => {
  it('takes the global and API policies for every call, named values resolved, and operations that differ', () => {
    const [api] = doctorApis(
      definition({
        global: inbound(jwt('<issuers><issuer>https://issuer/{{tenant-id}}</issuer></issuers>')),
        apis: new Map([
          ['echo-api', inbound(`<base />${jwt('<audiences><audience>{{api-app-id}}</audience></audiences>')}`)],
        ]),
        operations: new Map([
          [
            'echo-api/write',
            inbound(
              `<base />${jwt('<required-claims><claim name="roles"><value>W</value></claim></required-claims>', ' failed-validation-httpcode="403"')}`,
            ),
          ],
          ['echo-api/status', inbound('<return-response><set-status code="200" /></return-response><base />')],
          ['echo-api/read', inbound('<base /><set-header name="x" exists-action="delete" />')],
        ]),
      }),
    );
    expect(api).toMatchObject({ id: 'echo-api', name: 'Echo API', path: '/echo', unchecked: [] });
    expect(api.targets.map((t) => t.label)).toEqual(['validate-jwt (policy.xml:1)', 'validate-jwt (policy.xml:1)']);
    expect(api.targets[0].policy.issuers).toEqual(['https://issuer/tenant-1']);
    expect(api.targets[1].policy.audiences).toEqual(['app-1']);
    expect(api.operations.map((o) => [o.id, o.method, o.answersBeforeBase, o.targets.length])).toEqual([
      ['write', 'POST', false, 1],
      ['status', 'GET', true, 0],
    ]);
    expect(api.operations[0].targets[0].label).toMatch(/^write: validate-jwt/);
  });

  it('names the <choose> branch a policy runs in, and follows fragments', () => {
    const [api] = doctorApis(
      definition({
        apis: new Map([
          [
            'echo-api',
            inbound(
              `<choose><when condition="@(context.Request.Method == &quot;GET&quot;)">${jwt('')}</when>` +
                `<otherwise><include-fragment fragment-id="checks" /></otherwise></choose>`,
            ),
          ],
        ]),
        fragments: new Map([['checks', { file: 'fragments/checks.xml', xml: `<fragment>${jwt('')}</fragment>` }]]),
      }),
    );
    expect(api.targets.map((t) => [t.label, t.condition])).toEqual([
      ['validate-jwt (policy.xml:1) inside <choose>', 'when @(context.Request.Method == "GET")'],
      [
        'validate-jwt (fragments/checks.xml:1) inside <choose>',
        'otherwise (no <when> condition of its <choose> holds)',
      ],
    ]);
  });

  it('lists a policy whose values are expressions as not checkable, without throwing', () => {
    const [api] = doctorApis(
      definition({
        apis: new Map([
          [
            'echo-api',
            inbound(
              jwt('<audiences><audience>@(context.Variables.GetValueOrDefault("aud", ""))</audience></audiences>'),
            ),
          ],
        ]),
      }),
    );
    expect(api.targets).toEqual([]);
    expect(api.unchecked).toEqual([
      {
        label: 'validate-jwt (policy.xml:1)',
        reason: expect.stringMatching(/^its values come from policy expressions/),
      },
    ]);
  });
});

describe('callTokenTargets (the CLI: one call, all must pass)', () => {
  const policies = {
    global: inbound(jwt('<issuers><issuer>https://issuer/{{tenant-id}}</issuer></issuers>')),
    apis: new Map([['echo-api', inbound(`<base />${jwt('')}`)]]),
    operations: new Map([
      ['echo-api/write', inbound(`<base />${jwt('')}`)],
      ['echo-api/status', inbound(`<return-response><set-status code="200" /></return-response><base />${jwt('')}`)],
    ]),
  };

  it('takes global, API and operation policies in order, labelled with API and operation', () => {
    expect(callTokenTargets(definition(policies), 'echo-api', 'write', undefined).map((t) => t.label)).toEqual([
      'echo-api write: validate-jwt (policy.xml:1)',
      'echo-api write: validate-jwt (policy.xml:1)',
      'echo-api write: validate-jwt (policy.xml:1)',
    ]);
    expect(callTokenTargets(definition(policies), 'echo-api', undefined, undefined)).toHaveLength(2);
  });

  it('leaves out the broader scopes for an operation answering before <base />', () => {
    expect(callTokenTargets(definition(policies), 'echo-api', 'status', undefined)).toHaveLength(1);
  });

  it('throws for a policy whose values are expressions (the CLI names file and line)', () => {
    const withExpression = definition({
      apis: new Map([['echo-api', inbound(jwt('<audiences><audience>@("x")</audience></audiences>'))]]),
    });
    expect(() => callTokenTargets(withExpression, 'echo-api', undefined, undefined)).toThrow(/expression/i);
  });
});
