import { APIM_POLICY_NAMES } from './apim-policy-names';
import { BUILTIN_POLICIES } from './builtin-policies';
import type { PolicyDefinition } from './policy-step';
import { createPolicyRegistry } from './registry';
import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

const SUPPORTED = BUILTIN_POLICIES.map((definition) => definition.name)
  .sort()
  .join(', ');
/** An APIM policy this engine does not implement (GraphQL resolvers need a GraphQL API type it lacks). */
const LACKING = 'set-graphql-resolver';

describe('createPolicyRegistry', () => {
  const harness = new PolicyHarness();

  it('lists the built-in statements, sorted, among them every family', () => {
    expect(createPolicyRegistry().names.join(', ')).toBe(SUPPORTED);
    expect(createPolicyRegistry().names).toEqual(expect.arrayContaining(['check-header', 'set-header', 'choose']));
    expect(createPolicyRegistry().names).not.toContain(LACKING);
  });

  it('refuses an unknown element, listing what is supported and what APIM has beyond it', () => {
    const error = harness.loadError('<set-headr name="x" />');
    expect(error.code).toBe('POLICY_UNKNOWN_ELEMENT');
    const unsupported = APIM_POLICY_NAMES.filter((name) => !SUPPORTED.split(', ').includes(name));
    expect(unsupported).toContain('validate-jwt');
    expect(error.message).toBe(
      `${TEST_FILE}:1 <set-headr>: not a policy statement; check the spelling. Supported here: ${SUPPORTED}. ` +
        `APIM has more that this gateway does not support: ${unsupported.join(', ')}.`,
    );
  });

  it('says an APIM policy it lacks is not supported here', () => {
    expect(harness.loadError(`<${LACKING} />`).message).toBe(
      `${TEST_FILE}:1 <${LACKING}>: an APIM policy this gateway does not support; remove it or replace it. Supported here: ${SUPPORTED}.`,
    );
  });

  it('refuses a statement in a section APIM does not allow', () => {
    const error = harness.loadError(
      '<check-header name="a" failed-check-httpcode="401" failed-check-error-message="m" ignore-case="false" />',
      'outbound',
    );
    expect(error.code).toBe('POLICY_WRONG_SECTION');
    expect(error.message).toBe(
      `${TEST_FILE}:1 <check-header>: not allowed in <outbound>; APIM allows <check-header> in <inbound>. Move it there.`,
    );
  });

  it('refuses <when> outside <choose> and nested statements in a wrong section', () => {
    const when = harness.loadError('<when condition="true" />');
    expect(when.code).toBe('POLICY_WRONG_SECTION');
    expect(when.message).toBe(`${TEST_FILE}:1 <when>: belongs inside <choose>, not here.`);
    const nested = harness.loadError(
      '<choose>\n<when condition="true">\n<rewrite-uri template="/x" />\n</when>\n</choose>',
      'outbound',
    );
    expect(nested.message).toBe(
      `${TEST_FILE}:3 <rewrite-uri>: not allowed in <outbound>; APIM allows <rewrite-uri> in <inbound>. Move it there.`,
    );
  });

  it('adds extra definitions (validate-jwt comes this way) and lets them replace built-ins', () => {
    const extra: PolicyDefinition = {
      name: 'validate-jwt',
      sections: ['inbound'],
      compile: (element, context) => ({ location: context.locate(element), run: () => undefined }),
    };
    const registry = createPolicyRegistry([extra]);
    expect(registry.names).toContain('validate-jwt');
    expect(createPolicyRegistry([{ ...extra, name: 'set-status' }]).names).toEqual(createPolicyRegistry().names);
  });

  it('compiles a section in order', () => {
    const steps = harness.compile('<set-variable name="a" value="1" />\n<set-status code="204" />');
    expect(steps.map((step) => [step.location.element, step.location.line])).toEqual([
      ['set-variable', 1],
      ['set-status', 2],
    ]);
  });
});
