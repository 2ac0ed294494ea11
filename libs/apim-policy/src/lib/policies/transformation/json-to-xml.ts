/** How json-to-xml names and shapes elements (its attributes, evaluated for one request). */
export interface JsonToXmlOptions {
  /** Character between a namespace prefix and a local name in JSON property names (APIM default `_`). */
  readonly namespaceSeparator: string;
  /** Properties whose names start with it are namespace declarations (usually `xmlns`). */
  readonly namespacePrefix?: string;
  /** A property with this name holds the element's attributes. */
  readonly attributeBlockName?: string;
  /** ISO 8601 date-time strings are written as .NET writes a parsed DateTime (`parse-date`). */
  readonly parseDate: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The root element when the JSON is not a single named object, as APIM writes it. */
export const DOCUMENT_ELEMENT = 'Document';
/** Each item of a top-level array. */
export const ARRAY_ITEM_ELEMENT = 'Array';

/**
 * JSON → XML text, no declaration. An object with a single property that is not an array becomes that
 * element (`{"order": {…}}` → `<order>…</order>`); anything else is wrapped in `<Document>` (a top-level
 * array's items as `<Array>`). Array properties repeat their element, `null` and `{}` are empty elements,
 * numbers and booleans are written as JSON writes them.
 */
export function jsonToXml(value: Json, options: JsonToXmlOptions): string {
  const writer = new XmlWriter(options);
  if (isObject(value)) {
    const keys = Object.keys(value);
    const single = keys.length === 1 && !Array.isArray(value[keys[0]]) && !writer.isSpecial(keys[0]);
    if (single) return writer.element(keys[0], value[keys[0]], new Set());
    return writer.element(DOCUMENT_ELEMENT, value, new Set());
  }
  if (Array.isArray(value)) {
    return `<${DOCUMENT_ELEMENT}>${writer.repeated(ARRAY_ITEM_ELEMENT, value, new Set())}</${DOCUMENT_ELEMENT}>`;
  }
  return writer.element(DOCUMENT_ELEMENT, value, new Set());
}

class XmlWriter {
  constructor(private readonly options: JsonToXmlOptions) {}

  /** The attribute block or a namespace declaration: written as attributes, not elements. */
  isSpecial(key: string): boolean {
    return key === this.options.attributeBlockName || this.declaredPrefix(key) !== undefined;
  }

  element(key: string, value: Json, inScope: ReadonlySet<string>): string {
    if (!isObject(value)) {
      const name = this.name(key, inScope);
      const text = this.text(value);
      return text === '' ? `<${name} />` : `<${name}>${text}</${name}>`;
    }
    const declared = new Set(inScope);
    const attributes: string[] = [];
    for (const [property, inner] of Object.entries(value)) {
      const prefix = this.declaredPrefix(property);
      if (prefix === undefined) continue;
      if (prefix !== '') declared.add(prefix);
      attributes.push(`${prefix === '' ? 'xmlns' : `xmlns:${encodeName(prefix)}`}="${escape(this.text(inner), true)}"`);
    }
    const name = this.name(key, declared);
    const children: string[] = [];
    for (const [property, inner] of Object.entries(value)) {
      if (this.declaredPrefix(property) !== undefined) continue;
      if (property === this.options.attributeBlockName && isObject(inner)) {
        for (const [attribute, text] of Object.entries(inner))
          attributes.push(`${this.name(attribute, declared)}="${escape(this.text(text), true)}"`);
        continue;
      }
      children.push(
        Array.isArray(inner) ? this.repeated(property, inner, declared) : this.element(property, inner, declared),
      );
    }
    const open = [name, ...attributes].join(' ');
    return children.length === 0 ? `<${open} />` : `<${open}>${children.join('')}</${name}>`;
  }

  repeated(key: string, items: readonly Json[], inScope: ReadonlySet<string>): string {
    return items
      .map((item) => (Array.isArray(item) ? this.repeated(key, item, inScope) : this.element(key, item, inScope)))
      .join('');
  }

  /** `xmlns` → '' (default namespace), `xmlns:p` / `xmlns<sep>p` → 'p'; undefined for other names. */
  private declaredPrefix(key: string): string | undefined {
    const prefix = this.options.namespacePrefix;
    if (!prefix || !key.startsWith(prefix)) return undefined;
    const rest = key.slice(prefix.length);
    if (rest === '') return '';
    const separator = [':', this.options.namespaceSeparator].find(
      (candidate) => candidate && rest.startsWith(candidate),
    );
    return separator === undefined || rest.length === separator.length ? undefined : rest.slice(separator.length);
  }

  /** `p<sep>local` becomes `p:local` when `p` is a declared prefix; otherwise the name is encoded as is. */
  private name(key: string, declared: ReadonlySet<string>): string {
    for (const separator of new Set([this.options.namespaceSeparator, ':'])) {
      if (!separator) continue;
      const at = key.indexOf(separator);
      if (at > 0 && declared.has(key.slice(0, at)) && at + separator.length < key.length)
        return `${encodeName(key.slice(0, at))}:${encodeName(key.slice(at + separator.length))}`;
    }
    return encodeName(key);
  }

  private text(value: Json): string {
    if (value === null) return '';
    if (typeof value === 'string') return escape(this.options.parseDate ? normaliseDate(value) : value, false);
    if (typeof value === 'object') return escape(JSON.stringify(value), false);
    return String(value);
  }
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** XML 1.0 NameStartChar ranges (without ':', which only a declared prefix may use). */
const NAME_START: ReadonlyArray<readonly [number, number]> = [
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
];
/** XML 1.0 NameChar ranges beyond NameStartChar. */
const NAME_MORE: ReadonlyArray<readonly [number, number]> = [
  [0x2d, 0x2e],
  [0x30, 0x39],
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

const within = (code: number, ranges: ReadonlyArray<readonly [number, number]>) =>
  ranges.some(([low, high]) => code >= low && code <= high);

/** .NET XmlConvert.EncodeName: a character a name cannot hold becomes `_xHHHH_`; an empty name `_`. */
export function encodeName(name: string): string {
  if (name === '') return '_';
  let encoded = '';
  for (const [index, char] of [...name].entries()) {
    const code = char.codePointAt(0) ?? 0;
    const allowed = within(code, NAME_START) || (index > 0 && within(code, NAME_MORE));
    encoded += allowed ? char : `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  return encoded;
}

function escape(text: string, attribute: boolean): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;

/** A date-time string as .NET round-trips a parsed DateTime: trailing zeros of the fraction dropped, zone kept. */
export function normaliseDate(text: string): string {
  const match = ISO_DATE_TIME.exec(text);
  if (!match || Number.isNaN(Date.parse(match[1] + 'Z'))) return text;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return `${match[1]}${fraction ? `.${fraction}` : ''}${match[3] ?? ''}`;
}
