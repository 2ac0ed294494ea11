import { PolicyFailure } from '../policy-step';
import { completeResponse } from '../response-hooks';
import { PolicyHarness, rejectionOf, subscription, TEST_FILE } from '../test-support/policy-harness';

describe('rate-limit', () => {
  const STARTER = '<rate-limit calls="5" renewal-period="60" />';

  it('lets `calls` calls through per subscription, then answers 429 with Retry-After (Starter product policy)', async () => {
    const harness = new PolicyHarness();
    const steps = harness.compile(STARTER, 'inbound', 'product');
    const call = (id = 'sub-a') => harness.run(steps, harness.context({ subscription: subscription(id) }));
    for (let i = 0; i < 5; i++) await expect(call()).resolves.toBeUndefined();
    const failure = await rejectionOf(call());
    expect(failure).toBeInstanceOf(PolicyFailure);
    expect(failure).toMatchObject({
      status: 429,
      message: 'Rate limit is exceeded. Try again in 60 seconds.',
      source: 'rate-limit',
      reason: 'RateLimitExceeded',
      headers: { 'Retry-After': '60' },
    });
    await expect(call('sub-b')).resolves.toBeUndefined();
    harness.advanceSeconds(45);
    expect(await rejectionOf(call())).toMatchObject({ headers: { 'Retry-After': '15' } });
    harness.advanceSeconds(15);
    await expect(call()).resolves.toBeUndefined();
  });

  it('does not limit calls without a subscription, as APIM documents', async () => {
    const harness = new PolicyHarness();
    const steps = harness.compile('<rate-limit calls="1" renewal-period="10" />');
    for (let i = 0; i < 3; i++) await expect(harness.run(steps, harness.context())).resolves.toBeUndefined();
  });

  it('counts each statement separately', async () => {
    const harness = new PolicyHarness();
    const first = harness.compile('<rate-limit calls="1" renewal-period="10" />');
    const second = harness.compile('\n<rate-limit calls="1" renewal-period="10" />');
    const ctx = () => harness.context({ subscription: subscription('s') });
    await harness.run(first, ctx());
    await expect(harness.run(second, ctx())).resolves.toBeUndefined();
    expect(await rejectionOf(harness.run(first, ctx()))).toBeInstanceOf(PolicyFailure);
  });

  it('reports through the configured headers and variables', async () => {
    const harness = new PolicyHarness();
    const steps = harness.compile(`<rate-limit calls="2" renewal-period="30"
      retry-after-header-name="X-Retry" retry-after-variable-name="retry"
      remaining-calls-header-name="X-Remaining" remaining-calls-variable-name="remaining"
      total-calls-header-name="X-Total" />`);
    const ctx = harness.context({ subscription: subscription('s') });
    await harness.run(steps, ctx);
    expect(ctx.variables.get('remaining')).toBe(1);
    expect(ctx.response).toBeUndefined();
    ctx.response = { statusCode: 200, headers: ctx.request.headers, body: 'from backend' };
    expect(completeResponse(ctx)).toEqual([]);
    expect(ctx.response.headers.toRecord()).toEqual({ 'X-Remaining': '1', 'X-Total': '2' });

    await harness.run(steps, harness.context({ subscription: subscription('s') }));
    harness.advanceSeconds(10);
    const refused = harness.context({ subscription: subscription('s') });
    expect(await rejectionOf(harness.run(steps, refused))).toMatchObject({
      message: 'Rate limit is exceeded. Try again in 20 seconds.',
      headers: { 'X-Retry': '20', 'X-Remaining': '0', 'X-Total': '2' },
    });
    expect(refused.variables.get('retry')).toBe(20);
    expect(refused.variables.get('remaining')).toBe(0);
  });

  it('refuses bad configuration at load', () => {
    const harness = new PolicyHarness();
    expect(harness.loadError('<rate-limit calls="5" />').message).toBe(
      `${TEST_FILE}:1 <rate-limit> attribute "renewal-period": required; add renewal-period="…".`,
    );
    expect(harness.loadError('<rate-limit calls="5" renewal-period="301" />').message).toBe(
      `${TEST_FILE}:1 <rate-limit> attribute "renewal-period": "301" is not a whole number from 1 to 300.`,
    );
    expect(harness.loadError('<rate-limit calls="five" renewal-period="60" />').message).toBe(
      `${TEST_FILE}:1 <rate-limit> attribute "calls": "five" is not a whole number of at least 1.`,
    );
    expect(harness.loadError('<rate-limit calls="@(5)" renewal-period="60" />').code).toBe('EXPRESSION_UNSUPPORTED');
    expect(harness.loadError('<rate-limit calls="5" renewal-period="60" />', 'outbound').code).toBe(
      'POLICY_WRONG_SECTION',
    );
    expect(harness.loadError('<rate-limit calls="5" renewal-period="60" />', 'inbound', 'global').message).toBe(
      `${TEST_FILE}:1 <rate-limit>: APIM allows <rate-limit> at product, API and operation scope, not in the global policy; use <rate-limit-by-key> there.`,
    );
    expect(
      harness.loadError(
        '<rate-limit calls="5" renewal-period="60">\n<api name="echo" calls="1" renewal-period="10" />\n</rate-limit>',
      ).message,
    ).toBe(
      `${TEST_FILE}:2 <api>: per-API and per-operation limits inside <rate-limit> are not supported by this gateway; ` +
        "put a <rate-limit> in that API's or operation's policy instead.",
    );
  });
});
