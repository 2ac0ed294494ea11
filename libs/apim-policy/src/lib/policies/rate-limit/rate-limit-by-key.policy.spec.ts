import { completeResponse } from '../response-hooks';
import { PolicyHarness, rejectionOf, TEST_FILE } from '../test-support/policy-harness';

const DOC_EXAMPLE = `<rate-limit-by-key calls="10"
              renewal-period="60"
              increment-condition="@(context.Response.StatusCode == 200)"
              counter-key="@(context.Request.IpAddress)"
              remaining-calls-variable-name="remainingCallsPerIP"/>`;

describe('rate-limit-by-key', () => {
  const expressions = {
    '@(context.Response.StatusCode == 200)': (ctx: { response?: { statusCode: number } }) =>
      ctx.response?.statusCode === 200,
    '@(context.Request.IpAddress)': (ctx: { request: { ipAddress: string } }) => ctx.request.ipAddress,
  };

  it('runs the doc example: checks in inbound, counts only calls whose response was 200, per IP address', async () => {
    const harness = new PolicyHarness({ expressions });
    const steps = harness.compile(DOC_EXAMPLE);
    const call = async (ipAddress: string, status: number) => {
      const ctx = harness.context({ ipAddress });
      await harness.run(steps, ctx);
      Object.assign(ctx.ensureResponse(), { statusCode: status });
      expect(completeResponse(ctx)).toEqual([]);
      return ctx.variables.get('remainingCallsPerIP');
    };
    for (let i = 0; i < 5; i++) await call('10.0.0.1', 500);
    const remaining: unknown[] = [];
    for (let i = 0; i < 10; i++) remaining.push(await call('10.0.0.1', 200));
    expect(remaining).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await rejectionOf(harness.run(steps, harness.context({ ipAddress: '10.0.0.1' })))).toMatchObject({
      status: 429,
      message: 'Rate limit is exceeded. Try again in 60 seconds.',
      source: 'rate-limit',
      reason: 'RateLimitExceeded',
      headers: { 'Retry-After': '60' },
    });
    expect(await call('10.0.0.2', 200)).toBe(10);
  });

  it('counts at once without increment-condition, by increment-count, one counter per key across statements', async () => {
    const harness = new PolicyHarness({ namedValues: { key: 'shared' } });
    const a = harness.compile(
      '<rate-limit-by-key calls="3" renewal-period="10" counter-key="{{key}}" increment-count="2" />',
    );
    const b = harness.compile('\n<rate-limit-by-key calls="3" renewal-period="10" counter-key="shared" />');
    await harness.run(a, harness.context());
    await harness.run(b, harness.context());
    const failure = await rejectionOf(harness.run(b, harness.context()));
    expect(failure).toMatchObject({ status: 429, headers: { 'Retry-After': '10' } });
    harness.advanceSeconds(10);
    await expect(harness.run(a, harness.context())).resolves.toBeUndefined();
  });

  it('refuses bad configuration at load', () => {
    const harness = new PolicyHarness({ expressions });
    expect(harness.loadError('<rate-limit-by-key calls="3" renewal-period="10" />').message).toBe(
      `${TEST_FILE}:1 <rate-limit-by-key> attribute "counter-key": required; add counter-key="…".`,
    );
    expect(harness.loadError('<rate-limit-by-key calls="3" renewal-period="0" counter-key="k" />').message).toBe(
      `${TEST_FILE}:1 <rate-limit-by-key> attribute "renewal-period": "0" is not a whole number from 1 to 300.`,
    );
    expect(
      harness.loadError('<rate-limit-by-key calls="3" renewal-period="10" counter-key="k" increment-count="-1" />')
        .code,
    ).toBe('POLICY_INVALID_VALUE');
    expect(
      harness.loadError(
        '<rate-limit-by-key calls="3" renewal-period="10" counter-key="k" retry-after-header-name="@(x)" />',
      ).code,
    ).toBe('EXPRESSION_UNSUPPORTED');
  });
});
