import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

describe('set-body', () => {
  const harness = new PolicyHarness({
    expressions: { '@{ return "{\\"n\\":" + 1 + "}"; }': () => '{"n":1}' },
  });

  it('replaces the request body in inbound (doc example "Literal text") and drops the stale Content-Length', async () => {
    const ctx = harness.context({
      method: 'POST',
      headers: { 'Content-Length': '3', 'Content-Type': 'text/plain' },
      body: 'abc',
    });
    await harness.run(harness.compile('<set-body>Hello world!</set-body>'), ctx);
    expect(ctx.request.body).toBe('Hello world!');
    expect(ctx.request.headers.toRecord()).toEqual({ 'Content-Type': 'text/plain' });
    expect(ctx.response).toBeUndefined();
  });

  it('replaces the response body in outbound with an expression result', async () => {
    const ctx = harness.context();
    Object.assign(ctx.ensureResponse(), { body: 'backend' });
    ctx.response?.headers.set('Content-Length', ['7']);
    await harness.run(harness.compile('<set-body>\n@{ return "{\\"n\\":" + 1 + "}"; }\n</set-body>', 'outbound'), ctx);
    expect(ctx.response?.body).toBe('{"n":1}');
    expect(ctx.response?.headers.has('content-length')).toBe(false);
  });

  it('refuses unknown template modes, Liquid-only attributes without Liquid, and elements', () => {
    expect(harness.loadError('<set-body template="razor">x</set-body>').message).toBe(
      `${TEST_FILE}:1 <set-body> attribute "template": "razor" is not a template mode; APIM knows only template="liquid" ` +
        '(or remove the attribute for text or an expression).',
    );
    expect(harness.loadError('<set-body xsi-nil="null">x</set-body>').message).toContain(
      'xsi-nil applies to Liquid templates only; add template="liquid" or remove it.',
    );
    expect(harness.loadError('<set-body><order /></set-body>').message).toBe(
      `${TEST_FILE}:1 <order>: set-body holds text, a policy expression or a Liquid template, not elements; to write XML, wrap it in <![CDATA[ … ]]>.`,
    );
    expect(harness.loadError('<set-body>x</set-body>', 'on-error').code).toBe('POLICY_WRONG_SECTION');
  });
});
