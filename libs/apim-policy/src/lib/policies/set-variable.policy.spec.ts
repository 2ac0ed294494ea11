import { JwtValue } from '../context/jwt-value';
import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('set-variable', () => {
  const jwt = new JwtValue({ alg: 'RS256' }, { roles: ['Reader'] });
  const harness = new PolicyHarness({
    namedValues: { region: 'westeurope' },
    expressions: {
      '@(context.Request.Method == "POST")': (ctx) => ctx.request.method === 'POST',
      '@(context.Response.StatusCode)': () => 200,
      '@((Jwt)context.Variables["jwt"])': () => jwt,
    },
  });

  it('keeps a literal as a string and an expression result with its type', async () => {
    const ctx = harness.context();
    await harness.run(
      harness.compile(`<set-variable name="literal" value="42" />
<set-variable name="named" value="{{region}}" />
<set-variable name="isPost" value="@(context.Request.Method == &quot;POST&quot;)" />
<set-variable name="status" value="@(context.Response.StatusCode)" />
<set-variable name="token" value="@((Jwt)context.Variables[&quot;jwt&quot;])" />`),
      ctx,
    );
    expect(ctx.variables.get('literal')).toBe('42');
    expect(ctx.variables.get('named')).toBe('westeurope');
    expect(ctx.variables.get('isPost')).toBe(false);
    expect(ctx.variables.get('status')).toBe(200);
    expect(ctx.variables.get('token')).toBe(jwt);
  });

  it('is allowed in every section and refuses a missing value or an expression name', async () => {
    for (const section of ['inbound', 'backend', 'outbound', 'on-error'] as const) {
      expect(harness.compile('<set-variable name="a" value="" />', section)).toHaveLength(1);
    }
    expect(harness.loadError('<set-variable name="a" />').message).toBe(
      `${TEST_FILE}:1 <set-variable> attribute "value": required; add value="…".`,
    );
    expect(harness.loadError('<set-variable name="@(context.Response.StatusCode)" value="1" />').code).toBe(
      'EXPRESSION_UNSUPPORTED',
    );
  });
});
