import type { PolicyElement } from '@stack/claim-policy';
import { APIM_POLICY_NAMES, NESTED_ONLY } from './apim-policy-names';
import { BUILTIN_POLICIES } from './builtin-policies';
import type { PolicyCompileContext, PolicyDefinition, PolicyStep } from './policy-step';

/** The policy statements a gateway understands, by element name. */
export interface PolicyRegistry {
  /** Element names this registry compiles, sorted. */
  readonly names: readonly string[];
  /** Compiles one statement; unknown elements and elements in a section APIM forbids are load-time errors. */
  compile(element: PolicyElement, context: PolicyCompileContext): PolicyStep;
  /** Compiles a section's statements in order. */
  compileSection(elements: readonly PolicyElement[], context: PolicyCompileContext): PolicyStep[];
}

/**
 * A registry of the built-in statements (check-header, choose, rate-limit, set-header …) plus
 * `extra` (e.g. validate-jwt, which needs the gateway's Entra mapping); an extra definition with a
 * built-in's name replaces it.
 */
export function createPolicyRegistry(extra: readonly PolicyDefinition[] = []): PolicyRegistry {
  const definitions = new Map<string, PolicyDefinition>();
  for (const definition of [...BUILTIN_POLICIES, ...extra]) definitions.set(definition.name, definition);
  const names = [...definitions.keys()].sort();

  const compile = (element: PolicyElement, context: PolicyCompileContext): PolicyStep => {
    const definition = definitions.get(element.name);
    if (!definition) throw unknownElement(element, context, names);
    if (!definition.sections.includes(context.section)) {
      throw context.error(
        'POLICY_WRONG_SECTION',
        element,
        `not allowed in <${context.section}>; APIM allows <${element.name}> in ${definition.sections
          .map((section) => `<${section}>`)
          .join(', ')}. Move it there.`,
      );
    }
    return definition.compile(element, context);
  };
  return {
    names,
    compile,
    compileSection: (elements, context) => elements.map((element) => compile(element, context)),
  };
}

function unknownElement(element: PolicyElement, context: PolicyCompileContext, names: readonly string[]) {
  const parent = NESTED_ONLY[element.name];
  if (parent) return context.error('POLICY_WRONG_SECTION', element, `belongs inside ${parent}, not here.`);
  const supported = `Supported here: ${names.join(', ')}.`;
  const unsupported = APIM_POLICY_NAMES.filter((name) => !names.includes(name));
  if (unsupported.includes(element.name)) {
    return context.error(
      'POLICY_UNKNOWN_ELEMENT',
      element,
      `an APIM policy this gateway does not support; remove it or replace it. ${supported}`,
    );
  }
  return context.error(
    'POLICY_UNKNOWN_ELEMENT',
    element,
    `not a policy statement; check the spelling. ${supported} ` +
      `APIM has more that this gateway does not support: ${unsupported.join(', ')}.`,
  );
}
