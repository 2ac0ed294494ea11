import { ExpressionEvaluationError } from '../expressions';
import { PolicyFailure, STOP } from './policy-step';
import { completeResponse } from './response-hooks';
import { PolicyHarness, rejectionOf } from './test-support/policy-harness';

/** APIM documentation examples, compiled with the gateway's real expression compiler. */
describe('APIM doc examples with real expressions', () => {
  const harness = new PolicyHarness({ expressions: 'real' });

  it('set-variable IsMobile (set-variable doc) keeps the bool', async () => {
    const steps = harness.compile(
      `<set-variable name="IsMobile" value="@(context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPad") || context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPhone"))" />`,
    );
    const ipad = harness.context({ headers: { 'User-Agent': 'Mozilla/5.0 (iPad)' } });
    await harness.run(steps, ipad);
    expect(ipad.variables.get('IsMobile')).toBe(true);
    const desktop = harness.context({ headers: { 'User-Agent': 'curl/8' } });
    await harness.run(steps, desktop);
    expect(desktop.variables.get('IsMobile')).toBe(false);
  });

  it('choose on the request method, with return-response (error-handling style)', async () => {
    const steps = harness.compile(`<choose>
  <when condition="@(context.Request.Method == "POST")">
    <return-response>
      <set-status code="401" reason="Unauthorized" />
      <set-header name="WWW-Authenticate" exists-action="override"><value>Bearer error="invalid_token"</value></set-header>
    </return-response>
  </when>
</choose>`);
    const post = harness.context({ method: 'POST' });
    await expect(harness.run(steps, post)).resolves.toBe(STOP);
    expect(post.response?.statusCode).toBe(401);
    expect(post.response?.headers.joined('www-authenticate')).toBe('Bearer error="invalid_token"');
    await expect(harness.run(steps, harness.context())).resolves.toBeUndefined();
  });

  it('set-header "Forward context information": loads; context.User is null here, so evaluating fails as in APIM', async () => {
    const steps = harness.compile(`<set-header name="x-request-context-data" exists-action="override">
  <value>@(context.User.Id)</value>
  <value>@(context.Deployment.Region)</value>
</set-header>`);
    expect(await rejectionOf(harness.run(steps, harness.context()))).toBeInstanceOf(ExpressionEvaluationError);
  });

  it('rate-limit-by-key keyed by IP address, counting 200 responses', async () => {
    const steps = harness.compile(`<rate-limit-by-key calls="2"
              renewal-period="60"
              increment-condition="@(context.Response.StatusCode == 200)"
              counter-key="@(context.Request.IpAddress)"
              remaining-calls-variable-name="remainingCallsPerIP"/>`);
    for (let i = 0; i < 2; i++) {
      const ctx = harness.context({ ipAddress: '192.0.2.7' });
      await harness.run(steps, ctx);
      ctx.ensureResponse();
      expect(completeResponse(ctx)).toEqual([]);
    }
    const refused = await rejectionOf(harness.run(steps, harness.context({ ipAddress: '192.0.2.7' })));
    expect(refused).toBeInstanceOf(PolicyFailure);
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '60' } });
  });
});
