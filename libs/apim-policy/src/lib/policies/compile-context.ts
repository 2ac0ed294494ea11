import type { PolicyElement } from '@stack/claim-policy';
import { GatewayConfigError, type ConfigLocation, type GatewayConfigErrorCode } from '../errors/gateway-config-error';
import { expressionValueToString, isExpression, type CompiledExpression } from '../expressions';
import { mentionsBody } from '../expressions/mentions-body';
import type { GatewayContext, PolicyScope, PolicySection } from '../context/gateway-context';
import type { GatewayServices } from './gateway-services';
import type { PolicyCompileContext, PolicyStep, StepLocation, ValueSource } from './policy-step';
import type { PolicyRegistry } from './registry';

/** What {@link createCompileContext} needs: where the statements are and how to compile expressions. */
export interface CompileContextOptions {
  readonly file: string;
  readonly scope: PolicyScope;
  readonly section: PolicySection;
  readonly services: GatewayServices;
  readonly registry: PolicyRegistry;
  readonly compileExpression: (source: string, location: ConfigLocation) => CompiledExpression;
  /** Set when any expression compiled here reads a message body (the pipeline then buffers bodies). */
  readonly bodyUsage?: { readsBodies: boolean };
}

/** Every APIM policy may carry `id` (LastError.PolicyId), so no policy lists it. */
const UNIVERSAL_ATTRIBUTES = ['id'];
const NAMED_VALUE = /\{\{([^{}]+)\}\}/g;

/**
 * The compile context for statements of one section of one policy file: `{{named values}}` are
 * substituted first, then a value whose trimmed text starts with `@(` or `@{` is compiled as an
 * expression (as APIM, the whole value must be the expression), anything else is a constant.
 */
export function createCompileContext(options: CompileContextOptions): PolicyCompileContext {
  return new CompileContext(options);
}

class CompileContext implements PolicyCompileContext {
  readonly file: string;
  readonly scope: PolicyScope;
  readonly section: PolicySection;
  readonly services: GatewayServices;

  constructor(private readonly options: CompileContextOptions) {
    this.file = options.file;
    this.scope = options.scope;
    this.section = options.section;
    this.services = options.services;
  }

  locate(element: PolicyElement): StepLocation {
    return {
      file: this.file,
      line: element.line,
      scope: this.scope,
      section: this.section,
      element: element.name,
      policyId: element.attributes['id'],
    };
  }

  expectAttributes(element: PolicyElement, known: readonly string[]): void {
    const allowed = [...known, ...UNIVERSAL_ATTRIBUTES];
    for (const name of Object.keys(element.attributes)) {
      if (allowed.includes(name)) continue;
      const takes = known.length === 0 ? 'takes no attributes' : `takes ${known.join(', ')}`;
      throw this.error('POLICY_UNKNOWN_ATTRIBUTE', element, `unknown attribute; <${element.name}> ${takes}.`, {
        attribute: name,
      });
    }
  }

  expectChildren(element: PolicyElement, known: readonly string[]): void {
    for (const child of element.children) {
      if (known.includes(child.name)) continue;
      const holds =
        known.length === 0 ? 'holds no elements' : `holds only ${known.map((name) => `<${name}>`).join(', ')}`;
      throw this.error('POLICY_UNKNOWN_ELEMENT', child, `not allowed here: <${element.name}> ${holds}.`);
    }
  }

  attribute(element: PolicyElement, name: string, options: { required: true; expressions?: boolean }): ValueSource;
  attribute(
    element: PolicyElement,
    name: string,
    options?: { required?: false; expressions?: boolean },
  ): ValueSource | undefined;
  attribute(
    element: PolicyElement,
    name: string,
    options: { required?: boolean; expressions?: boolean } = {},
  ): ValueSource | undefined {
    const written = element.attributes[name];
    if (written === undefined) {
      if (!options.required) return undefined;
      throw this.error('POLICY_MISSING_ATTRIBUTE', element, `required; add ${name}="…".`, { attribute: name });
    }
    return this.value(written, element, name, options.expressions ?? true);
  }

  text(element: PolicyElement): ValueSource {
    return this.value(element.text, element, undefined, true);
  }

  expression(source: string, element: PolicyElement, attribute?: string): CompiledExpression {
    const compiled = this.options.compileExpression(source.trim(), {
      file: this.file,
      line: element.line,
      element: element.name,
      attribute,
    });
    if (this.options.bodyUsage && mentionsBody(compiled.source)) this.options.bodyUsage.readsBodies = true;
    return compiled;
  }

  compileChildren(elements: readonly PolicyElement[]): PolicyStep[] {
    return elements.map((element) => this.options.registry.compile(element, this));
  }

  error(
    code: GatewayConfigErrorCode,
    element: PolicyElement,
    detail: string,
    location: Partial<ConfigLocation> = {},
  ): GatewayConfigError {
    return new GatewayConfigError(code, detail, {
      file: this.file,
      line: element.line,
      element: element.name,
      ...location,
    });
  }

  private value(written: string, element: PolicyElement, attribute: string | undefined, expressions: boolean) {
    const raw = this.substituteNamedValues(written, element, attribute);
    if (!isExpression(raw)) return constant(raw);
    if (!expressions) {
      throw this.error(
        'EXPRESSION_UNSUPPORTED',
        element,
        `policy expressions aren't allowed here (as in APIM); write a literal value or a {{named value}}.`,
        { attribute, expression: raw.trim() },
      );
    }
    const compiled = this.expression(raw, element, attribute);
    return {
      isConstant: false,
      raw,
      evaluate: (context: GatewayContext) => expressionValueToString(compiled.evaluate(context)),
    };
  }

  private substituteNamedValues(text: string, element: PolicyElement, attribute: string | undefined): string {
    const { namedValues } = this.services;
    return text.replace(NAMED_VALUE, (_whole, written: string) => {
      const name = written.trim();
      const value = Object.prototype.hasOwnProperty.call(namedValues, name) ? namedValues[name] : undefined;
      if (value === undefined) {
        throw this.error(
          'POLICY_NAMED_VALUE_UNKNOWN',
          element,
          `unknown named value {{${name}}}; named values come from config/gateway/named-values.json ` +
            `(a text value, or { "env": "VARIABLE" } to read the environment); add "${name}" there or fix the name.`,
          { attribute },
        );
      }
      return value;
    });
  }
}

function constant(raw: string): ValueSource {
  return { isConstant: true, raw, evaluate: () => raw };
}
