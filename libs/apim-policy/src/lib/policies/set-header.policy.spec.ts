import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('set-header', () => {
  const harness = new PolicyHarness({
    expressions: {
      '@(context.User.Id)': () => 'user-1',
      '@(context.Deployment.Region)': (ctx) => ctx.deployment.region,
      '@(context.Variables["header"])': (ctx) => ctx.variables.get('header'),
    },
  });

  it('overrides a request header in inbound (doc example "Add header, override existing"; its placeholder name hyphenated)', async () => {
    const ctx = harness.context({ headers: { 'Some-Header-Name': 'old' } });
    await harness.run(
      harness.compile('<set-header name="some-header-name" exists-action="override"><value>20</value></set-header>'),
      ctx,
    );
    expect(ctx.request.headers.toRecord()).toEqual({ 'Some-Header-Name': '20' });
    expect(ctx.response).toBeUndefined();
  });

  it('deletes (doc example "Remove header"), skips an existing header, appends', async () => {
    const ctx = harness.context({ headers: { 'some header name': 'x', 'X-Keep': 'mine', 'X-List': 'a' } });
    await harness.run(
      harness.compile(`<set-header name="some-header-name" exists-action="delete" />
        <set-header name="X-Keep" exists-action="skip"><value>theirs</value></set-header>
        <set-header name="X-New" exists-action="skip"><value>fresh</value></set-header>
        <set-header name="X-List" exists-action="append"><value>b</value><value>c</value></set-header>`),
      ctx,
    );
    expect(ctx.request.headers.toRecord()).toEqual({
      'some header name': 'x',
      'X-Keep': 'mine',
      'X-New': 'fresh',
      'X-List': 'a,b,c',
    });
    const named = harness.context({ headers: { 'some-header-name': 'x' } });
    await harness.run(harness.compile('<set-header name="some-header-name" exists-action="delete" />'), named);
    expect(named.request.headers.has('some-header-name')).toBe(false);
  });

  it('joins several values with commas, except headers APIM sends separately', async () => {
    const ctx = harness.context();
    await harness.run(
      harness.compile(
        `<set-header name="x-request-context-data" exists-action="override">
  <value>@(context.User.Id)</value>
  <value>@(context.Deployment.Region)</value>
</set-header>
<set-header name="Set-Cookie"><value>a=1</value><value>b=2</value></set-header>`,
        'outbound',
      ),
      ctx,
    );
    expect(ctx.response?.headers.toRecord()).toEqual({
      'x-request-context-data': 'user-1,local',
      'Set-Cookie': ['a=1', 'b=2'],
    });
  });

  it('writes response headers in outbound and on-error, request headers in backend', async () => {
    for (const section of ['outbound', 'on-error'] as const) {
      const ctx = harness.context();
      await harness.run(harness.compile('<set-header name="X-Out"><value>1</value></set-header>', section), ctx);
      expect(ctx.response?.headers.joined('x-out')).toBe('1');
      expect(ctx.request.headers.has('x-out')).toBe(false);
    }
    const backend = harness.context();
    await harness.run(harness.compile('<set-header name="X-In"><value>1</value></set-header>', 'backend'), backend);
    expect(backend.request.headers.joined('x-in')).toBe('1');
  });

  it('takes the name from an expression', async () => {
    const ctx = harness.context();
    ctx.variables.set('header', 'X-Dynamic');
    await harness.run(
      harness.compile('<set-header name="@(context.Variables[&quot;header&quot;])"><value>v</value></set-header>'),
      ctx,
    );
    expect(ctx.request.headers.joined('x-dynamic')).toBe('v');
  });

  it('refuses what APIM refuses, at load', () => {
    expect(harness.loadError('<set-header name="Content-Length"><value>5</value></set-header>').message).toBe(
      `${TEST_FILE}:1 <set-header> attribute "name": APIM does not let policies modify or delete Content-Length ` +
        '(nor Connection, Content-Length, Keep-Alive, Transfer-Encoding); the gateway sets it.',
    );
    expect(harness.loadError('<set-header name="Server" exists-action="delete" />', 'outbound').message).toBe(
      `${TEST_FILE}:1 <set-header> attribute "name": APIM does not support removing the Server header.`,
    );
    expect(harness.loadError('<set-header name="X" exists-action="replace" />').message).toBe(
      `${TEST_FILE}:1 <set-header> attribute "exists-action": "replace" is not one of override, skip, append, delete.`,
    );
    // The doc's placeholder "some header name" is no HTTP header name; Node would refuse to send it.
    expect(harness.loadError('<set-header name="some header name" exists-action="delete" />').message).toBe(
      `${TEST_FILE}:1 <set-header> attribute "name": "some header name" is not a valid header name (an HTTP token: no spaces, colons, quotes or brackets).`,
    );
    expect(harness.loadError('<set-header exists-action="delete" />').code).toBe('POLICY_MISSING_ATTRIBUTE');
  });
});
