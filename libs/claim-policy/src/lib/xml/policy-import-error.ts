/** Stable codes of {@link PolicyImportError}. */
export type PolicyImportErrorCode =
  | 'IMPORT_XML_INVALID'
  | 'IMPORT_UNKNOWN_ELEMENT'
  | 'IMPORT_UNKNOWN_ATTRIBUTE'
  | 'IMPORT_UNSUPPORTED'
  | 'IMPORT_MISSING'
  | 'IMPORT_DUPLICATE'
  | 'IMPORT_INVALID_VALUE'
  | 'IMPORT_NAMED_VALUE_UNKNOWN'
  | 'IMPORT_EXPRESSION_UNSUPPORTED'
  | 'IMPORT_EXPRESSION_FAILED';

/** Where in the policy XML a problem is. */
export interface PolicyLocation {
  readonly element?: string;
  readonly attribute?: string;
  readonly file?: string;
  readonly line?: number;
}

/**
 * A policy the importer cannot turn into a {@link ClaimPolicy}. The message names the file, line,
 * element and attribute, and says what to change.
 */
export class PolicyImportError extends Error {
  readonly code: PolicyImportErrorCode;
  readonly element?: string;
  readonly attribute?: string;
  readonly file?: string;
  readonly line?: number;

  constructor(code: PolicyImportErrorCode, detail: string, location: PolicyLocation = {}) {
    super(`${prefix(location)}${detail}`);
    this.name = 'PolicyImportError';
    this.code = code;
    this.element = location.element;
    this.attribute = location.attribute;
    this.file = location.file;
    this.line = location.line;
  }
}

function prefix({ file, line, element, attribute }: PolicyLocation): string {
  const place =
    file === undefined
      ? line === undefined
        ? ''
        : `line ${line}`
      : [file, line].filter((part) => part !== undefined).join(':');
  const what = element === undefined ? '' : `<${element}>${attribute === undefined ? '' : ` attribute "${attribute}"`}`;
  return [place, what].filter((part) => part !== '').join(' ') + (place || what ? ': ' : '');
}
