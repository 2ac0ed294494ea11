import { parsePolicyXml } from '../xml/read-policy-xml';
import { GatewayConfigError } from '../errors/gateway-config-error';
import { createCompileContext } from './compile-context';
import { PolicyHarness, TEST_FILE } from './test-support/policy-harness';

function setup(
  expressions = {},
  namedValues: Record<string, string> = { 'tenant-id': 'contoso', greeting: '@(greet)' },
) {
  const harness = new PolicyHarness({ namedValues, expressions });
  const context = createCompileContext({
    file: TEST_FILE,
    scope: 'api',
    section: 'inbound',
    services: harness.services,
    registry: harness.registry,
    compileExpression: (source, location) => {
      harness.compiled.push({ source, location });
      return { source, evaluate: () => (source === '@(greet)' ? 'hello' : true) };
    },
  });
  const element = (xml: string) => parsePolicyXml(xml, { fileName: TEST_FILE })[0];
  return { harness, context, element };
}

function errorOf(action: () => unknown): GatewayConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayConfigError) return error;
    throw error;
  }
  throw new Error('expected a GatewayConfigError');
}

describe('createCompileContext', () => {
  it('substitutes named values, then treats the result as a constant', () => {
    const { context, element, harness } = setup();
    const value = context.attribute(element('<x a="https://login/{{tenant-id}}/{{ tenant-id }}" />'), 'a', {
      required: true,
    });
    expect(value).toMatchObject({ isConstant: true, raw: 'https://login/contoso/contoso' });
    expect(value.evaluate(harness.context())).toBe('https://login/contoso/contoso');
  });

  it('compiles @( and @{ values (after trimming and after named values) with the element location', () => {
    const { context, element, harness } = setup();
    const el = element('<x\n  a="  @(context.Request.IpAddress)  " b="@{ return 1; }" c="{{greeting}}" />');
    const a = context.attribute(el, 'a', { required: true });
    expect(a.isConstant).toBe(false);
    expect(a.evaluate(harness.context())).toBe('True');
    expect(context.attribute(el, 'b')?.isConstant).toBe(false);
    expect(context.attribute(el, 'c')?.evaluate(harness.context())).toBe('hello');
    expect(harness.compiled).toEqual([
      { source: '@(context.Request.IpAddress)', location: { file: TEST_FILE, line: 1, element: 'x', attribute: 'a' } },
      { source: '@{ return 1; }', location: { file: TEST_FILE, line: 1, element: 'x', attribute: 'b' } },
      { source: '@(greet)', location: { file: TEST_FILE, line: 1, element: 'x', attribute: 'c' } },
    ]);
  });

  it('keeps text that merely contains @( as a constant (the whole value must be the expression)', () => {
    const { context, element } = setup();
    expect(context.text(element('<value>Bearer @(x)</value>'))).toMatchObject({ isConstant: true, raw: 'Bearer @(x)' });
  });

  it('names the unknown named value, the place and where named values come from', () => {
    const { context, element } = setup();
    const error = errorOf(() => context.attribute(element('\n<set-header name="{{missing}}" />'), 'name'));
    expect(error.code).toBe('POLICY_NAMED_VALUE_UNKNOWN');
    expect(error.message).toBe(
      `${TEST_FILE}:2 <set-header> attribute "name": unknown named value {{missing}}; named values come from ` +
        'config/gateway/named-values.json (a text value, or { "env": "VARIABLE" } to read the environment); ' +
        'add "missing" there or fix the name.',
    );
  });

  it('refuses expressions where APIM does', () => {
    const { context, element } = setup();
    const error = errorOf(() =>
      context.attribute(element('<rate-limit calls="@(5)" />'), 'calls', { expressions: false }),
    );
    expect(error.code).toBe('EXPRESSION_UNSUPPORTED');
    expect(error.message).toBe(
      `${TEST_FILE}:1 <rate-limit> attribute "calls" expression @(5): policy expressions aren't allowed here (as in APIM); write a literal value or a {{named value}}.`,
    );
  });

  it('reports missing and unknown attributes and unknown children, always accepting id', () => {
    const { context, element } = setup();
    const el = element('<set-status id="s1" code="200" colour="red"><foo /></set-status>');
    expect(errorOf(() => context.attribute(el, 'reason', { required: true })).message).toBe(
      `${TEST_FILE}:1 <set-status> attribute "reason": required; add reason="…".`,
    );
    const unknown = errorOf(() => context.expectAttributes(el, ['code', 'reason']));
    expect(unknown.code).toBe('POLICY_UNKNOWN_ATTRIBUTE');
    expect(unknown.message).toBe(
      `${TEST_FILE}:1 <set-status> attribute "colour": unknown attribute; <set-status> takes code, reason.`,
    );
    const child = errorOf(() => context.expectChildren(el, []));
    expect(child.code).toBe('POLICY_UNKNOWN_ELEMENT');
    expect(child.message).toBe(`${TEST_FILE}:1 <foo>: not allowed here: <set-status> holds no elements.`);
    expect(context.locate(el)).toEqual({
      file: TEST_FILE,
      line: 1,
      scope: 'api',
      section: 'inbound',
      element: 'set-status',
      policyId: 's1',
    });
  });
});
