import { STOP } from './policy-step';
import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

const CHOOSE = `<choose>
  <when condition="@(context.Request.Method == &quot;POST&quot;)">
    <set-variable name="branch" value="post" />
  </when>
  <when condition="@(context.Request.Method == &quot;GET&quot;)">
    <set-variable name="branch" value="get" />
    <return-response><set-status code="204" /></return-response>
    <set-variable name="after" value="ran" />
  </when>
  <otherwise>
    <set-variable name="branch" value="other" />
  </otherwise>
</choose>`;

describe('choose', () => {
  const harness = new PolicyHarness({
    namedValues: { 'feature-on': 'true' },
    expressions: {
      '@(context.Request.Method == "POST")': (ctx) => ctx.request.method === 'POST',
      '@(context.Request.Method == "GET")': (ctx) => ctx.request.method === 'GET',
      '@(context.Request.Method)': (ctx) => ctx.request.method,
    },
  });

  it('runs the first matching <when>, else <otherwise>, and passes a STOP on', async () => {
    const steps = harness.compile(CHOOSE);
    const post = harness.context({ method: 'POST' });
    await expect(harness.run(steps, post)).resolves.toBeUndefined();
    expect(post.variables.get('branch')).toBe('post');
    const get = harness.context({ method: 'GET' });
    await expect(harness.run(steps, get)).resolves.toBe(STOP);
    expect(get.variables.get('branch')).toBe('get');
    expect(get.response?.statusCode).toBe(204);
    expect(get.variables.has('after')).toBe(false);
    const put = harness.context({ method: 'PUT' });
    await harness.run(steps, put);
    expect(put.variables.get('branch')).toBe('other');
  });

  it('does nothing without a match and no <otherwise>; accepts a true/false literal from a named value', async () => {
    const none = harness.context({ method: 'PUT' });
    await harness.run(harness.compile(CHOOSE.replace(/<otherwise>[\s\S]*<\/otherwise>/, '')), none);
    expect(none.variables.size).toBe(0);
    const flag = harness.context();
    await harness.run(
      harness.compile(
        '<choose><when condition="{{feature-on}}"><set-variable name="on" value="yes" /></when></choose>',
      ),
      flag,
    );
    expect(flag.variables.get('on')).toBe('yes');
  });

  it('fails per request when a condition gives no bool', async () => {
    const [step] = harness.compile('<choose><when condition="@(context.Request.Method)" /></choose>');
    await expect(harness.run([step], harness.context())).rejects.toThrow(
      '<when> attribute "condition": the expression gave "GET", not true or false; write a policy expression such as @(context.Request.Method == "POST")',
    );
  });

  it('refuses a malformed choose at load', () => {
    expect(harness.loadError('<choose><otherwise /></choose>').message).toBe(
      `${TEST_FILE}:1 <choose>: <choose> needs at least one <when condition="@(…)">; add one or remove the <choose>.`,
    );
    expect(harness.loadError('<choose>\n<otherwise />\n<when condition="true" />\n</choose>').message).toBe(
      `${TEST_FILE}:2 <otherwise>: <otherwise> must be the last element of <choose>, after every <when>, and appear once.`,
    );
    expect(harness.loadError('<choose><when /></choose>').message).toBe(
      `${TEST_FILE}:1 <when> attribute "condition": required; add condition="…".`,
    );
    expect(harness.loadError('<choose><when condition="sometimes" /></choose>').code).toBe('POLICY_INVALID_VALUE');
    expect(harness.loadError('<choose><if condition="true" /></choose>').message).toBe(
      `${TEST_FILE}:1 <if>: not allowed here: <choose> holds only <when>, <otherwise>.`,
    );
  });
});
