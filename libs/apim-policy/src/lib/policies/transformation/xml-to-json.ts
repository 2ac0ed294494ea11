import { XCData, XElement, XText, type XDocument } from '../../expressions/library/xml-node';

/** xml-to-json's `kind`. */
export type XmlToJsonKind = 'direct' | 'javascript-friendly';

export interface XmlToJsonOptions {
  readonly kind: XmlToJsonKind;
  /** Every child element becomes an array, even a single one (`always-array-child-elements`). */
  readonly alwaysArray: boolean;
}

type Json = null | string | Json[] | { [key: string]: Json };

/**
 * XML → JSON value.
 * - `direct` reflects the document: the declaration's fields (`version`, `encoding`, `standalone`) at the top,
 *   prefixes kept with `$` in place of `:` (`soap$Envelope`), attributes and namespace declarations as `@name`,
 *   text beside attributes or elements as `#text`.
 * - `javascript-friendly` keeps only data: no declaration, no namespace declarations, local names without
 *   prefixes, attributes as plain properties.
 * In both, an element holding only text is that string, an empty one `null`, and repeated child elements
 * an array (every child element with `alwaysArray`). All values stay strings, as in the XML.
 */
export function xmlToJson(document: XDocument, options: XmlToJsonOptions): Record<string, Json> {
  const result: Record<string, Json> = {};
  if (options.kind === 'direct' && document.declaration) {
    const { version, encoding, standalone } = document.declaration;
    result['version'] = version;
    // Absent fields may be undefined or null, depending on how the XML reader reports them.
    if (typeof encoding === 'string') result['encoding'] = encoding;
    if (typeof standalone === 'string') result['standalone'] = standalone;
  }
  const root = document.root;
  if (root) result[elementName(root, options)] = elementValue(root, options);
  return result;
}

function elementValue(element: XElement, options: XmlToJsonOptions): Json {
  const value: Record<string, Json> = {};
  for (const attribute of element.attributes()) {
    if (options.kind === 'javascript-friendly') {
      if (!attribute.isNamespaceDeclaration) value[attribute.name.localName] = attribute.value;
      continue;
    }
    const local = attribute.name.localName;
    value[`@${attribute.prefix ? `${attribute.prefix}$${local}` : local}`] = attribute.value;
  }
  const text: string[] = [];
  const children = new Map<string, Json[]>();
  for (const node of element.nodes()) {
    if (node instanceof XElement) {
      const name = elementName(node, options);
      const list = children.get(name) ?? [];
      list.push(elementValue(node, options));
      children.set(name, list);
    } else if (node instanceof XText || node instanceof XCData) {
      text.push(node.value);
    }
  }
  const joined = text.join('');
  if (Object.keys(value).length === 0 && children.size === 0) return joined === '' ? null : joined;
  if (joined.trim() !== '') value['#text'] = joined;
  for (const [name, items] of children) value[name] = items.length > 1 || options.alwaysArray ? items : items[0];
  return value;
}

function elementName(element: XElement, options: XmlToJsonOptions): string {
  const local = element.name.localName;
  return options.kind === 'direct' && element.prefix ? `${element.prefix}$${local}` : local;
}
