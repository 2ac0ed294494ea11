import type { ImportOptions } from './import-options';
import type { PolicyElement } from './policy-element';
import { PolicyImportError, type PolicyLocation } from './policy-import-error';

/**
 * Reads one policy element strictly: unknown attributes and child elements are errors, `{{named
 * values}}` resolve, `@(expressions)` go to the caller's evaluator or are refused.
 */
export class ElementReader {
  constructor(
    readonly element: PolicyElement,
    private readonly options: ImportOptions,
  ) {}

  /** Location for errors, defaulting the file name from the options. */
  at(attribute?: string): PolicyLocation {
    const { name, line, file } = this.element;
    return {
      element: name,
      attribute,
      line,
      file: file ?? this.options.fileName,
    };
  }

  /** Throws on any attribute not listed, and on non-blank text when the element holds no value. */
  expectShape(attributes: readonly string[], children: readonly string[], holdsText = false): void {
    for (const attribute of Object.keys(this.element.attributes)) {
      if (!attributes.includes(attribute)) {
        const known = attributes.length === 0 ? 'it takes no attributes' : `supported: ${attributes.join(', ')}`;
        throw new PolicyImportError(
          'IMPORT_UNKNOWN_ATTRIBUTE',
          `is not supported here (${known}).`,
          this.at(attribute),
        );
      }
    }
    for (const child of this.element.children) {
      if (!children.includes(child.name)) {
        const known =
          children.length === 0
            ? 'it takes no child elements'
            : `supported: ${children.map((c) => `<${c}>`).join(', ')}`;
        throw new PolicyImportError(
          'IMPORT_UNKNOWN_ELEMENT',
          `<${child.name}> is not supported inside <${this.element.name}> (${known}).`,
          {
            ...this.at(),
            element: child.name,
            line: child.line ?? this.element.line,
          },
        );
      }
    }
    if (!holdsText && this.element.text.trim() !== '') {
      throw new PolicyImportError(
        'IMPORT_INVALID_VALUE',
        'holds text where only child elements are allowed; remove the text.',
        this.at(),
      );
    }
  }

  /** Readers for every child of that name. */
  children(name: string): ElementReader[] {
    return this.element.children
      .filter((child) => child.name === name)
      .map((child) => new ElementReader(child, this.options));
  }

  /** The single child of that name, if any; a second one is an error. */
  child(name: string): ElementReader | undefined {
    const found = this.children(name);
    if (found.length > 1) {
      throw new PolicyImportError(
        'IMPORT_DUPLICATE',
        `<${name}> appears more than once; merge them into one.`,
        found[1].at(),
      );
    }
    return found[0];
  }

  /** A resolved attribute value, or `undefined` when absent. */
  attribute(name: string, { expressions = true } = {}): string | undefined {
    const raw = this.element.attributes[name];
    return raw === undefined ? undefined : this.resolve(raw, this.at(name), expressions);
  }

  /** A resolved, non-empty attribute value; absent or empty is an error. */
  requiredAttribute(name: string, options: { expressions?: boolean } = {}): string {
    const value = this.attribute(name, options);
    if (value === undefined || value.trim() === '') {
      throw new PolicyImportError('IMPORT_MISSING', `is required; give it a value.`, this.at(name));
    }
    return value;
  }

  /** The element's trimmed, resolved text; empty is an error. */
  text({ expressions = true } = {}): string {
    const value = this.resolve(this.element.text.trim(), this.at(), expressions).trim();
    if (value === '') throw new PolicyImportError('IMPORT_MISSING', 'is empty; give it a value.', this.at());
    return value;
  }

  private resolve(raw: string, location: PolicyLocation, expressions: boolean): string {
    const named = raw.replace(/\{\{([^{}]+)\}\}/g, (_whole, name: string) => this.namedValue(name.trim(), location));
    const trimmed = named.trim();
    if (!trimmed.startsWith('@(') && !trimmed.startsWith('@{')) return named;
    if (!expressions) {
      throw new PolicyImportError(
        'IMPORT_EXPRESSION_UNSUPPORTED',
        `does not allow policy expressions (APIM forbids them here); use a literal value.`,
        location,
      );
    }
    const evaluate = this.options.evaluateExpression;
    if (evaluate === undefined) {
      throw new PolicyImportError(
        'IMPORT_EXPRESSION_UNSUPPORTED',
        `holds the policy expression ${shorten(trimmed)}, and no expression evaluator was given; pass options.evaluateExpression (the gateway does) or use a literal value.`,
        location,
      );
    }
    let result: unknown;
    try {
      result = evaluate(trimmed);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new PolicyImportError(
        'IMPORT_EXPRESSION_FAILED',
        `expression ${shorten(trimmed)} failed: ${why}`,
        location,
      );
    }
    if (typeof result !== 'string') {
      throw new PolicyImportError(
        'IMPORT_EXPRESSION_FAILED',
        `expression ${shorten(trimmed)} did not return a string.`,
        location,
      );
    }
    return result;
  }

  private namedValue(name: string, location: PolicyLocation): string {
    const values = this.options.namedValues ?? {};
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      const known = Object.keys(values);
      throw new PolicyImportError(
        'IMPORT_NAMED_VALUE_UNKNOWN',
        `uses the named value {{${name}}}, which is not defined; add "${name}" to the named values${known.length ? ` (defined: ${known.join(', ')})` : ''}.`,
        location,
      );
    }
    return values[name];
  }
}

function shorten(expression: string): string {
  return expression.length > 80 ? `${expression.slice(0, 77)}...` : expression;
}
