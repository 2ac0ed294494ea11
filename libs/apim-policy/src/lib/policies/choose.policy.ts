import type { PolicyElement } from '@stack/claim-policy';
import { runSteps, type PolicyCompileContext, type PolicyDefinition, type PolicyStep } from './policy-step';
import { conditionType, requiredTyped, type TypedValue } from './typed-attribute';

interface Branch {
  /** Absent for `<otherwise>`. */
  readonly condition?: TypedValue<boolean>;
  readonly steps: readonly PolicyStep[];
}

/**
 * `choose`: runs the statements of the first `<when condition="@(…)">` that holds, else those of
 * `<otherwise>` (optional, last, at most one). Nested statements obey the section's rules.
 */
export const choosePolicy: PolicyDefinition = {
  name: 'choose',
  sections: ['inbound', 'backend', 'outbound', 'on-error'],
  compile(element, context) {
    context.expectAttributes(element, []);
    context.expectChildren(element, ['when', 'otherwise']);
    checkShape(element, context);
    const branches = element.children.map((child) => compileBranch(child, context));
    return {
      location: context.locate(element),
      async run(ctx) {
        const chosen = branches.find((branch) => branch.condition === undefined || branch.condition.evaluate(ctx));
        return chosen ? runSteps(chosen.steps, ctx) : undefined;
      },
    };
  },
};

function checkShape(element: PolicyElement, context: PolicyCompileContext): void {
  const { children } = element;
  if (!children.some((child) => child.name === 'when')) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      '<choose> needs at least one <when condition="@(…)">; add one or remove the <choose>.',
    );
  }
  const otherwise = children.findIndex((child) => child.name === 'otherwise');
  if (otherwise >= 0 && otherwise !== children.length - 1) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      children[otherwise],
      '<otherwise> must be the last element of <choose>, after every <when>, and appear once.',
    );
  }
}

function compileBranch(child: PolicyElement, context: PolicyCompileContext): Branch {
  if (child.name === 'otherwise') {
    context.expectAttributes(child, []);
    return { steps: context.compileChildren(child.children) };
  }
  context.expectAttributes(child, ['condition']);
  return {
    condition: requiredTyped(context, child, 'condition', conditionType),
    steps: context.compileChildren(child.children),
  };
}
