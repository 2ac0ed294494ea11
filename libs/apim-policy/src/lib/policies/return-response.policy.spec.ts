import { HeaderBag } from '../context/header-bag';
import { PolicyTestHost } from '../testing/policy-test-host';
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
    for (const section of ['inbound', 'backend', 'outbound'] as const) {
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

  it('in on-error keeps the failure status (not its headers or body) when nothing inside sets them', async () => {
    const ctx = harness.context();
    ctx.response = { statusCode: 429, headers: HeaderBag.from({ 'Retry-After': '5' }), body: '{"statusCode":429}' };
    await expect(harness.run(harness.compile('<return-response />', 'on-error'), ctx)).resolves.toBe(STOP);
    expect(ctx.response).toEqual({
      statusCode: 429,
      reason: 'Too Many Requests',
      headers: new HeaderBag(),
      body: undefined,
    });
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

describe('return-response in on-error (custom error answers)', () => {
  const ERROR_ENVELOPE = `<on-error>
    <return-response>
      <set-status code="@(context.Response.StatusCode)" reason="@(context.Response.StatusReason)" />
      <set-header name="Content-Type" exists-action="override"><value>application/problem+json</value></set-header>
      <set-body>@(new JObject(
          new JProperty("status", context.Response.StatusCode),
          new JProperty("code", context.LastError.Reason),
          new JProperty("detail", context.LastError.Message),
          new JProperty("requestId", context.RequestId.ToString())
        ).ToString(Newtonsoft.Json.Formatting.None))</set-body>
    </return-response>
  </on-error>`;
  const host = new PolicyTestHost({
    policies: {
      api: `<policies>
        <inbound>
          <check-header name="X-Tenant" failed-check-httpcode="403" failed-check-error-message="Tenant missing" ignore-case="true" />
        </inbound>
        ${ERROR_ENVELOPE}
      </policies>`,
    },
  });

  it('answers the failure status with a JSON envelope that read it inside return-response', async () => {
    const result = await host.send({ path: '/orders' });
    expect(result.status).toBe(403);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.json()).toEqual({
      status: 403,
      code: 'HeaderNotFound',
      detail: 'Tenant missing',
      requestId: result.context?.requestId,
    });
    expect(result.forwarded).toBeUndefined();
  });

  it('keeps the failure status when return-response sets only the body', async () => {
    const bodyOnly = new PolicyTestHost({
      policies: {
        api: `<policies>
          <inbound><set-variable name="n" value="@(int.Parse(context.Request.Headers.GetValueOrDefault(&quot;X-N&quot;, &quot;x&quot;)))" /></inbound>
          <on-error>
            <return-response>
              <set-body>@("failed with " + context.Response.StatusCode + ": " + context.Response.Body.As&lt;string&gt;())</set-body>
            </return-response>
          </on-error>
        </policies>`,
      },
    });
    const result = await bodyOnly.send({ path: '/orders' });
    expect(result.status).toBe(500);
    expect(result.text).toBe('failed with 500: {"statusCode":500,"message":"Internal server error"}');
    expect(result.headers['content-type']).toBeUndefined();
  });

  it('answers what set-status inside says, and later expressions read that status', async () => {
    const remapped = new PolicyTestHost({
      policies: {
        api: `<policies>
          <inbound><check-header name="X-Tenant" failed-check-httpcode="401" failed-check-error-message="no" ignore-case="true" /></inbound>
          <on-error>
            <return-response>
              <set-body>@("was " + context.Response.StatusCode)</set-body>
              <set-status code="404" reason="Not Found" />
              <set-header name="X-Status" exists-action="override"><value>@(context.Response.StatusCode.ToString())</value></set-header>
            </return-response>
          </on-error>
        </policies>`,
      },
    });
    const result = await remapped.send({ path: '/orders' });
    expect(result.status).toBe(404);
    expect(result.text).toBe('was 401');
    expect(result.headers['x-status']).toBe('404');
  });

  it('outside on-error still starts from 200 OK', async () => {
    const inbound = new PolicyTestHost({
      policies: {
        api: `<policies><inbound>
          <return-response><set-body>@(context.Response.StatusCode.ToString())</set-body></return-response>
        </inbound></policies>`,
      },
    });
    const result = await inbound.send({ path: '/x' });
    expect(result.status).toBe(200);
    expect(result.text).toBe('200');
  });
});
