import { PolicyFailure } from './policy-step';
import { PolicyHarness, rejectionOf, TEST_FILE } from './test-support/policy-harness';

const DOC_EXAMPLE = `<check-header name="Authorization" failed-check-httpcode="401" failed-check-error-message="Not authorized" ignore-case="false">
    <value>f6dc69a089844cf6b2019bae6d36fac8</value>
</check-header>`;

describe('check-header', () => {
  const harness = new PolicyHarness({
    expressions: { '@(context.Variables["expected"])': (ctx) => ctx.variables.get('expected') },
  });

  it('lets the doc example through with the listed value', async () => {
    const ctx = harness.context({ headers: { authorization: 'f6dc69a089844cf6b2019bae6d36fac8' } });
    await expect(harness.run(harness.compile(DOC_EXAMPLE), ctx)).resolves.toBeUndefined();
  });

  it('fails with the configured status and message when the header is missing (HeaderNotFound)', async () => {
    const failure = await rejectionOf(harness.run(harness.compile(DOC_EXAMPLE), harness.context()));
    expect(failure).toBeInstanceOf(PolicyFailure);
    expect(failure).toMatchObject({
      status: 401,
      message: 'Not authorized',
      source: 'check-header',
      reason: 'HeaderNotFound',
      headers: {},
      detail: 'Header Authorization was not found in the request. Access denied.',
    });
  });

  it('fails with HeaderValueNotAllowed for another value, and compares case as configured', async () => {
    const ctx = harness.context({ headers: { Authorization: 'F6DC69A089844CF6B2019BAE6D36FAC8' } });
    expect(await rejectionOf(harness.run(harness.compile(DOC_EXAMPLE), ctx))).toMatchObject({
      status: 401,
      message: 'Not authorized',
      reason: 'HeaderValueNotAllowed',
      detail: 'Header Authorization value of F6DC69A089844CF6B2019BAE6D36FAC8 is not allowed. Access denied.',
    });
    const ignoring = harness.compile(DOC_EXAMPLE.replace('ignore-case="false"', 'ignore-case="true"'));
    await expect(harness.run(ignoring, ctx)).resolves.toBeUndefined();
  });

  it('accepts any listed value, checks presence only without values, and evaluates expressions', async () => {
    const xml = `<check-header name="X-Tier" failed-check-httpcode="403" failed-check-error-message="No" ignore-case="true">
      <value>gold</value><value>@(context.Variables["expected"])</value></check-header>`;
    const ctx = harness.context({ headers: { 'x-tier': 'Silver' } });
    ctx.variables.set('expected', 'silver');
    await expect(harness.run(harness.compile(xml), ctx)).resolves.toBeUndefined();
    const presence = harness.compile(
      '<check-header name="X-Tier" failed-check-httpcode="403" failed-check-error-message="No" ignore-case="false" />',
    );
    await expect(harness.run(presence, harness.context({ headers: { 'X-Tier': '' } }))).resolves.toBeUndefined();
    expect(await rejectionOf(harness.run(presence, harness.context()))).toMatchObject({ status: 403, message: 'No' });
  });

  it('refuses bad configuration at load with the place and the fix', () => {
    expect(
      harness.loadError('<check-header name="A" failed-check-httpcode="401" failed-check-error-message="m" />').message,
    ).toBe(`${TEST_FILE}:1 <check-header> attribute "ignore-case": required; add ignore-case="…".`);
    const status = harness.loadError(
      '<check-header name="A" failed-check-httpcode="4o1" failed-check-error-message="m" ignore-case="false" />',
    );
    expect(status.code).toBe('POLICY_INVALID_VALUE');
    expect(status.message).toBe(
      `${TEST_FILE}:1 <check-header> attribute "failed-check-httpcode": "4o1" is not a whole number from 100 to 599.`,
    );
    expect(
      harness.loadError(
        '<check-header name="A" failed-check-httpcode="401" failed-check-error-message="m" ignore-case="maybe" />',
      ).message,
    ).toBe(`${TEST_FILE}:1 <check-header> attribute "ignore-case": "maybe" is not true or false.`);
    expect(
      harness.loadError(
        '<check-header name="A" failed-check-httpcode="401" failed-check-error-message="m" ignore-case="true"><val>x</val></check-header>',
      ).message,
    ).toBe(`${TEST_FILE}:1 <val>: not allowed here: <check-header> holds only <value>.`);
  });
});
