import type { PolicyElement } from '@stack/claim-policy';
import { GatewayConfigError } from '../../errors/gateway-config-error';
import type { PolicySource } from '../../model/gateway-definition';
import { readPolicySource } from '../../xml/read-policy-source';
import { runSteps, type PolicyCompileContext, type PolicyDefinition, type PolicyStep } from '../policy-step';

/** Fragments being expanded right now (compilation is synchronous): an include cycle is a load error. */
const expanding: string[] = [];

/**
 * `include-fragment fragment-id="x"`: the statements of policy fragment `x` (fragments/x.xml, a `<fragment>` root)
 * compiled in place, in the including section, with the fragment file's name and lines in load errors and traces.
 */
export const includeFragmentPolicy: PolicyDefinition = {
  name: 'include-fragment',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, ['fragment-id']);
    context.expectChildren(element, []);
    const id = context.attribute(element, 'fragment-id', { required: true, expressions: false }).raw.trim();
    const fragments = context.services.fragments ?? new Map<string, PolicySource>();
    const source = fragments.get(id);
    if (!source) {
      const known = [...fragments.keys()].sort();
      throw context.error(
        'CONFIG_REFERENCE_UNKNOWN',
        element,
        `no policy fragment "${id}"; fragments are the files fragments/<id>.xml of the gateway configuration folder (config/gateway/fragments/${id}.xml). ${
          known.length > 0 ? `Known fragments: ${known.join(', ')}.` : 'There are none.'
        }`,
        { attribute: 'fragment-id' },
      );
    }
    if (expanding.includes(id)) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        `fragment "${id}" includes itself (${[...expanding, id].join(' → ')}); remove the cycle.`,
        { attribute: 'fragment-id' },
      );
    }
    expanding.push(id);
    let steps: PolicyStep[];
    try {
      steps = fragmentContext(context, source.file).compileChildren(fragmentStatements(source));
    } finally {
      expanding.pop();
    }
    return {
      location: context.locate(element),
      run: (ctx) => runSteps(steps, ctx),
    };
  },
};

/** The statements of a fragment file: one `<fragment>` root, no `<base />`, no section elements. */
function fragmentStatements(source: PolicySource): readonly PolicyElement[] {
  const roots = readPolicySource(source);
  const root = roots[0];
  if (roots.length !== 1 || root.name !== 'fragment') {
    throw new GatewayConfigError(
      'POLICY_XML_INVALID',
      `a policy fragment holds exactly one <fragment> element with policy statements inside; found ${
        roots.map((found) => `<${found.name}>`).join(', ') || 'nothing'
      }.`,
      { file: source.file, line: roots[1]?.line ?? root?.line },
    );
  }
  const misplaced = root.children.find((child) =>
    ['base', 'inbound', 'backend', 'outbound', 'on-error', 'policies'].includes(child.name),
  );
  if (misplaced) {
    throw new GatewayConfigError(
      'POLICY_WRONG_SECTION',
      `a fragment holds policy statements only (no <base />, sections or <policies>); the including section decides where they run.`,
      { file: source.file, line: misplaced.line, element: misplaced.name },
    );
  }
  return root.children;
}

/**
 * The including context, but naming the fragment's file: errors, step locations and expression locations point
 * into the fragment, and nested statements (choose, return-response) compile in it too.
 */
function fragmentContext(context: PolicyCompileContext, file: string): PolicyCompileContext {
  return Object.create(context, { file: { value: file, enumerable: true } }) as PolicyCompileContext;
}
