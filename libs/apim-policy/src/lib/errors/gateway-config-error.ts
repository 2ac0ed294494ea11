/** Stable codes of {@link GatewayConfigError}. */
export type GatewayConfigErrorCode =
  | 'CONFIG_FILE_MISSING'
  | 'CONFIG_FILE_INVALID'
  | 'CONFIG_REFERENCE_UNKNOWN'
  | 'POLICY_XML_INVALID'
  | 'POLICY_UNKNOWN_ELEMENT'
  | 'POLICY_UNKNOWN_ATTRIBUTE'
  | 'POLICY_MISSING_ATTRIBUTE'
  | 'POLICY_INVALID_VALUE'
  | 'POLICY_WRONG_SECTION'
  | 'POLICY_NAMED_VALUE_UNKNOWN'
  | 'EXPRESSION_INVALID'
  | 'EXPRESSION_UNSUPPORTED';

/** Where a configuration problem is. Every field is optional; the message names those present. */
export interface ConfigLocation {
  /** Path relative to the working directory, e.g. `config/gateway/policies/echo-api.xml`. */
  readonly file?: string;
  readonly line?: number;
  /** Policy element (`validate-jwt`) or JSON path (`apis[0].serviceUrl`). */
  readonly element?: string;
  readonly attribute?: string;
  /** The policy expression at fault, verbatim. */
  readonly expression?: string;
}

/**
 * A gateway configuration the gateway refuses to start with. The message names the file, line,
 * element, attribute and expression, then says what to change, e.g.
 * `config/gateway/policies/echo-api.xml:7 <check-header> attribute "name": required; add name="…".`
 */
export class GatewayConfigError extends Error {
  readonly code: GatewayConfigErrorCode;
  readonly location: ConfigLocation;

  constructor(code: GatewayConfigErrorCode, detail: string, location: ConfigLocation = {}) {
    super(`${describeLocation(location)}${detail}`);
    this.name = 'GatewayConfigError';
    this.code = code;
    this.location = location;
  }
}

function describeLocation(location: ConfigLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.line ? `${location.file}:${location.line}` : location.file);
  if (location.element) parts.push(location.element.includes('.') ? location.element : `<${location.element}>`);
  if (location.attribute) parts.push(`attribute "${location.attribute}"`);
  if (location.expression) parts.push(`expression ${location.expression}`);
  return parts.length === 0 ? '' : `${parts.join(' ')}: `;
}
