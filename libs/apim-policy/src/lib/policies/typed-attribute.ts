import type { PolicyElement } from '@stack/claim-policy';
import { ExpressionEvaluationError } from '../expressions/compiled-expression';
import type { GatewayContext } from '../context/gateway-context';
import type { PolicyCompileContext, ValueSource } from './policy-step';

/** An attribute read as a typed value: checked at load when constant, per request when an expression. */
export interface TypedValue<T> {
  /** The value when it is the same for every request. */
  readonly constant?: T;
  evaluate(context: GatewayContext): T;
}

/** How to read one attribute's text. */
export interface ValueType<T> {
  /** What a good value looks like, for messages: `a whole number from 100 to 599`. */
  readonly describe: string;
  parse(text: string): T | undefined;
}

interface AttributeOptions {
  readonly expressions?: boolean;
}

/** A required attribute of type `type`. */
export function requiredTyped<T>(
  context: PolicyCompileContext,
  element: PolicyElement,
  name: string,
  type: ValueType<T>,
  options: AttributeOptions = {},
): TypedValue<T> {
  const source = context.attribute(element, name, { required: true, expressions: options.expressions });
  return typed(context, element, name, source, type);
}

/** An optional attribute of type `type`; `fallback` (APIM's default) when absent. */
export function optionalTyped<T>(
  context: PolicyCompileContext,
  element: PolicyElement,
  name: string,
  type: ValueType<T>,
  fallback: T,
  options: AttributeOptions = {},
): TypedValue<T> {
  const source = context.attribute(element, name, { expressions: options.expressions });
  return source ? typed(context, element, name, source, type) : { constant: fallback, evaluate: () => fallback };
}

/** A constant-only attribute's text (header and variable names), or `undefined`. */
export function optionalName(context: PolicyCompileContext, element: PolicyElement, name: string): string | undefined {
  const source = context.attribute(element, name, { expressions: false });
  if (source && source.raw.trim() === '') {
    throw context.error('POLICY_INVALID_VALUE', element, 'empty; give a name or remove the attribute.', {
      attribute: name,
    });
  }
  return source?.raw.trim();
}

function typed<T>(
  context: PolicyCompileContext,
  element: PolicyElement,
  name: string,
  source: ValueSource,
  type: ValueType<T>,
): TypedValue<T> {
  if (source.isConstant) {
    const value = type.parse(source.raw.trim());
    if (value === undefined) {
      throw context.error('POLICY_INVALID_VALUE', element, `"${source.raw}" is not ${type.describe}.`, {
        attribute: name,
      });
    }
    return { constant: value, evaluate: () => value };
  }
  const expression = source.raw.trim();
  return {
    evaluate(ctx) {
      const text = source.evaluate(ctx);
      const value = type.parse(text.trim());
      if (value === undefined) {
        throw new ExpressionEvaluationError(
          `<${element.name}> attribute "${name}": the expression gave ${quoteValue(text)}, not ${type.describe}.`,
          expression,
        );
      }
      return value;
    },
  };
}

/** Whole numbers in `[min, max]`. */
export function integerType(min: number, max: number = Number.MAX_SAFE_INTEGER): ValueType<number> {
  const describe =
    max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return {
    describe,
    parse(text) {
      if (!/^\d+$/.test(text)) return undefined;
      const value = Number(text);
      return value >= min && value <= max ? value : undefined;
    },
  };
}

/** `true` / `false`, any case (C# `bool.Parse`). */
export const booleanType: ValueType<boolean> = {
  describe: 'true or false',
  parse: (text) => (/^true$/i.test(text) ? true : /^false$/i.test(text) ? false : undefined),
};

/** One of `choices`, spelt exactly. */
export function choiceType<T extends string>(choices: readonly T[]): ValueType<T> {
  return {
    describe: `one of ${choices.join(', ')}`,
    parse: (text) => choices.find((choice) => choice === text),
  };
}

/** A condition: a policy expression giving a bool, or `true`/`false` (e.g. from a named value). */
export const conditionType: ValueType<boolean> = {
  describe: 'true or false; write a policy expression such as @(context.Request.Method == "POST")',
  parse: booleanType.parse,
};

/**
 * The start of a value an expression gave, for an error that is logged: the value may be request data (a header,
 * a token), so never all of it (a subscription key or a token would not fit in 20 characters).
 */
function quoteValue(text: string): string {
  return text.length <= 20 ? `"${text}"` : `"${text.slice(0, 20)}…" (${text.length} characters)`;
}
