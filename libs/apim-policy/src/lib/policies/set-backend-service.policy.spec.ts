import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('set-backend-service', () => {
  const harness = new PolicyHarness({
    namedValues: { 'echo-backend': 'http://127.0.0.1:3002/v2/' },
    expressions: { '@((string)context.Variables["target"])': (ctx) => ctx.variables.get('target') },
  });

  it('sends the request to base-url, keeping the operation path and query', async () => {
    const ctx = harness.context();
    await harness.run(harness.compile('<set-backend-service base-url="{{echo-backend}}" />'), ctx);
    expect(ctx.backendUrl().toString()).toBe('http://127.0.0.1:3002/v2/resource?param1=sample');
  });

  it('takes base-url from an expression, refusing a result that is no URL', async () => {
    const steps = harness.compile(
      '<set-backend-service base-url="@((string)context.Variables[&quot;target&quot;])" />',
      'backend',
    );
    const ctx = harness.context();
    ctx.variables.set('target', 'https://other.test/api');
    await harness.run(steps, ctx);
    expect(ctx.backend.baseUrl).toBe('https://other.test/api');
    ctx.variables.set('target', 'not a url');
    expect(() => steps[0].run(ctx)).toThrow(
      '<set-backend-service> attribute "base-url": "not a url" is not an absolute URL; write e.g. https://backend.example.com/api.',
    );
  });

  it('refuses backend-id, a missing or bad base-url, and outbound', () => {
    expect(harness.loadError('<set-backend-service backend-id="my-backend" />').message).toBe(
      `${TEST_FILE}:1 <set-backend-service> attribute "backend-id": backend entities are not supported by this gateway; ` +
        'write the URL instead: base-url="https://…".',
    );
    expect(harness.loadError('<set-backend-service />').code).toBe('POLICY_MISSING_ATTRIBUTE');
    expect(harness.loadError('<set-backend-service base-url="ftp://x" />').message).toBe(
      `${TEST_FILE}:1 <set-backend-service> attribute "base-url": "ftp://x" is not an http(s) URL.`,
    );
    expect(harness.loadError('<set-backend-service base-url="http://x" />', 'outbound').code).toBe(
      'POLICY_WRONG_SECTION',
    );
  });
});
