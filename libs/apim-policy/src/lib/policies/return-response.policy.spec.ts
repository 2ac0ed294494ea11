import { HeaderBag } from '../context/header-bag';
import { PolicyFailure, STOP } from './policy-step';
import { PolicyHarness, rejectionOf, TEST_FILE } from './test-support/policy-harness';

const DOC_EXAMPLE = `<return-response>
   <set-status code="401" reason="Unauthorized"/>
   <set-header name="WWW-Authenticate" exists-action="override">
      <value>Bearer error="invalid_token"</value>
   </set-header>
</return-response>`;

describe('return-response', () => {
  const harness = new PolicyHarness({ expressions: { '@(context.Request.Method)': (ctx) => ctx.request.method } });

  it('answers the doc example: 401 with WWW-Authenticate on the response, even from inbound, and stops', async () => {
    const ctx = harness.context({ headers: { Accept: '*/*' } });
    const steps = harness.compile(`${DOC_EXAMPLE}<set-variable name="after" value="ran" />`);
    await expect(harness.run(steps, ctx)).resolves.toBe(STOP);
    expect(ctx.response?.statusCode).toBe(401);
    expect(ctx.response?.reason).toBe('Unauthorized');
    expect(ctx.response?.headers.toRecord()).toEqual({ 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    expect(ctx.response?.body).toBeUndefined();
    expect(ctx.request.headers.toRecord()).toEqual({ Accept: '*/*' });
    expect(ctx.variables.has('after')).toBe(false);
  });

  it('defaults to 200 OK without a body, replacing any response built so far', async () => {
    for (const section of ['inbound', 'backend', 'outbound', 'on-error'] as const) {
      const ctx = harness.context();
      Object.assign(ctx.ensureResponse(), { statusCode: 502, body: 'old' });
      ctx.response?.headers.set('X-Old', ['1']);
      await expect(harness.run(harness.compile('<return-response />', section), ctx)).resolves.toBe(STOP);
      expect(ctx.response).toEqual({ statusCode: 200, reason: 'OK', headers: new HeaderBag(), body: undefined });
    }
  });

  it('sets the body of that response, also in inbound', async () => {
    const ctx = harness.context({ method: 'DELETE' });
    await harness.run(
      harness.compile(`<return-response>
  <set-status code="202" />
  <set-header name="Content-Type"><value>text/plain</value></set-header>
  <set-body>@(context.Request.Method)</set-body>
</return-response>`),
      ctx,
    );
    expect(ctx.response).toMatchObject({ statusCode: 202, reason: 'Accepted', body: 'DELETE' });
    expect(ctx.response?.headers.toRecord()).toEqual({ 'Content-Type': 'text/plain' });
    expect(ctx.request.body).toBeUndefined();
  });

  it('starts from the response a variable holds (response-variable-name)', async () => {
    const ctx = harness.context();
    ctx.variables.set('held', { statusCode: 201, headers: HeaderBag.from({ 'X-A': '1' }), body: 'made' });
    await harness.run(
      harness.compile(
        '<return-response response-variable-name="held"><set-header name="X-B"><value>2</value></set-header></return-response>',
      ),
      ctx,
    );
    expect(ctx.response).toMatchObject({ statusCode: 201, body: 'made' });
    expect(ctx.response?.headers.toRecord()).toEqual({ 'X-A': '1', 'X-B': '2' });
    const missing = await rejectionOf(
      harness.run(harness.compile('<return-response response-variable-name="none" />'), harness.context()),
    );
    expect(missing).toBeInstanceOf(PolicyFailure);
    expect(missing).toMatchObject({ status: 500, message: 'Internal server error', reason: 'ResponseVariableInvalid' });
  });

  it('refuses other children and an expression in response-variable-name', () => {
    expect(harness.loadError('<return-response><set-variable name="a" value="b" /></return-response>').message).toBe(
      `${TEST_FILE}:1 <set-variable>: not allowed here: <return-response> holds only <set-status>, <set-header>, <set-body>.`,
    );
    expect(harness.loadError('<return-response response-variable-name="@(context.Request.Method)" />').code).toBe(
      'EXPRESSION_UNSUPPORTED',
    );
  });
});
