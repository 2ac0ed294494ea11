import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('set-status', () => {
  const harness = new PolicyHarness({ expressions: { '@(418)': () => 418, '@(42)': () => 42 } });

  it('sets code and reason, starting a response when there is none', async () => {
    const ctx = harness.context();
    await harness.run(harness.compile('<set-status code="401" reason="Unauthorized" />'), ctx);
    expect(ctx.response).toMatchObject({ statusCode: 401, reason: 'Unauthorized', body: undefined });
  });

  it('uses the standard reason phrase when reason is left out (write-up and snippets do)', async () => {
    const ctx = harness.context();
    ctx.ensureResponse().headers.set('X-Kept', ['1']);
    await harness.run(harness.compile('<set-status code="200" />', 'outbound'), ctx);
    expect(ctx.response).toMatchObject({ statusCode: 200, reason: 'OK' });
    expect(ctx.response?.headers.joined('x-kept')).toBe('1');
    await harness.run(harness.compile('<set-status code="@(418)" />', 'outbound'), ctx);
    expect(ctx.response).toMatchObject({ statusCode: 418, reason: "I'm a Teapot" });
  });

  it('refuses a missing, non-integer or out-of-range code at load, and a bad expression result per request', () => {
    expect(harness.loadError('<set-status reason="OK" />').message).toBe(
      `${TEST_FILE}:1 <set-status> attribute "code": required; add code="…".`,
    );
    expect(harness.loadError('<set-status code="20.5" />').message).toBe(
      `${TEST_FILE}:1 <set-status> attribute "code": "20.5" is not a whole number from 100 to 599.`,
    );
    expect(harness.loadError('<set-status code="600" />').code).toBe('POLICY_INVALID_VALUE');
    const [step] = harness.compile('<set-status code="@(42)" />');
    expect(() => step.run(harness.context())).toThrow(
      '<set-status> attribute "code": the expression gave "42", not a whole number from 100 to 599.',
    );
  });
});
