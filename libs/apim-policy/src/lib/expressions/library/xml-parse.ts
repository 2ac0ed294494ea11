import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fault } from '../members';
import {
  XAttribute,
  XCData,
  XComment,
  XDeclaration,
  XDocument,
  XElement,
  XMLNS_NAMESPACE,
  XName,
  XText,
} from './xml-node';

/**
 * XML text → XElement / XDocument (`XElement.Parse`, `XDocument.Parse`, `Body.As<XElement>()`),
 * read with fast-xml-parser:
 * - a DOCTYPE is refused (as .NET's default DtdProcessing.Prohibit), so no entity is ever expanded;
 *   only the five predefined entities and character references are decoded;
 * - whitespace-only text between elements is dropped (LoadOptions.None) unless `preserveWhitespace`;
 * - names resolve against the `xmlns` declarations in scope; an undeclared prefix is an error;
 * - bounded: {@link MAX_XML_CHARS} characters and {@link MAX_XML_DEPTH} nested elements.
 * Errors read like XmlException: `… Line 1, position 7.`
 */

export const MAX_XML_CHARS = 4 * 1024 * 1024;
export const MAX_XML_DEPTH = 64;

type RawNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXDocument(text: string, preserveWhitespace = false): XDocument {
  if (text.length > MAX_XML_CHARS) {
    throw fault(`XML text of ${text.length} characters is over the ${MAX_XML_CHARS} this gateway parses`);
  }
  const source = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(source)) {
    throw fault(
      'For security reasons DTD is prohibited in this XML document. (this gateway never processes DOCTYPE declarations)',
    );
  }
  if (source.trim() === '') throw fault('Root element is missing.');
  checkDepth(source);
  const valid = XMLValidator.validate(source, { allowBooleanAttributes: false });
  if (valid !== true)
    throw fault(`${valid.err.msg.replace(/\.?$/, '.')} Line ${valid.err.line}, position ${valid.err.col}.`);
  let nodes: RawNode[];
  try {
    nodes = parser.parse(source) as RawNode[];
  } catch (error) {
    throw fault(`The XML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const document = new XDocument();
  document.declaration = readDeclaration(source);
  for (const node of nodes) {
    const converted = convert(node, null, preserveWhitespace);
    if (converted instanceof XText && converted.value.trim() === '') continue;
    if (converted instanceof XText) throw fault('Data at the root level is invalid. Line 1, position 1.');
    if (converted) document.add(converted);
  }
  const roots = document.elements();
  if (roots.length === 0) throw fault('Root element is missing.');
  if (roots.length > 1) throw fault('There are multiple root elements.');
  return document;
}

export function parseXElement(text: string, preserveWhitespace = false): XElement {
  const root = parseXDocument(text, preserveWhitespace).root as XElement;
  root.remove();
  return root;
}

/** Counts element nesting without building anything, so a hostile document cannot exhaust the stack. */
function checkDepth(text: string): void {
  const tags =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?][^\s/>]*(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;
  let depth = 0;
  for (const match of text.matchAll(tags)) {
    if (match[0].startsWith('<!') || match[0].startsWith('<?')) continue;
    if (match[1] === '/') depth--;
    else if (match[2] !== '/' && ++depth > MAX_XML_DEPTH) {
      throw fault(`the XML nests elements deeper than ${MAX_XML_DEPTH} levels, the most this gateway reads`);
    }
  }
}

function readDeclaration(text: string): XDeclaration | null {
  const match = /^\s*<\?xml\s([^?]*)\?>/.exec(text);
  if (!match) return null;
  const attr = (name: string) => new RegExp(`${name}\\s*=\\s*["']([^"']*)["']`).exec(match[1])?.[1] ?? null;
  return new XDeclaration(attr('version') ?? '1.0', attr('encoding'), attr('standalone'));
}

function convert(
  node: RawNode,
  parent: XElement | null,
  preserveWhitespace: boolean,
): XElement | XText | XComment | null {
  if ('#text' in node) return new XText(decodeEntities(normalizeLineEnds(String(node['#text']))));
  if ('#cdata' in node) return new XCData(innerText(node['#cdata']));
  if ('#comment' in node) return new XComment(innerText(node['#comment']));
  const qualified = Object.keys(node).find((key) => key !== ':@');
  if (qualified === undefined) return null;
  const [prefix, local] = splitName(qualified);
  const element = new XElement(new XName('', local), prefix);
  // Attached for prefix lookups only; the caller adds it to the parent's content.
  element.parent = parent;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(rawAttributes)) {
    const [attrPrefix, attrLocal] = splitName(name);
    const decoded = attributeValue(value);
    if (attrPrefix === '' && attrLocal === 'xmlns') {
      element.setAttribute(new XAttribute(new XName('', 'xmlns'), decoded));
    } else if (attrPrefix === 'xmlns') {
      element.setAttribute(new XAttribute(new XName(XMLNS_NAMESPACE, attrLocal), decoded, 'xmlns'));
    }
  }
  element.name = new XName(resolve(element, prefix, qualified), local);
  // Declarations were added first for the lookups; re-add everything in the written order.
  const namespaces = Object.keys(rawAttributes).map((name) => {
    const [attrPrefix] = splitName(name);
    return attrPrefix === '' || attrPrefix === 'xmlns' ? '' : resolve(element, attrPrefix, name);
  });
  const declarations = element.attributes();
  declarations.forEach((a) => element.removeAttribute(a));
  for (const [index, [name, value]] of Object.entries(rawAttributes).entries()) {
    const [attrPrefix, attrLocal] = splitName(name);
    const declaration = declarations.find(
      (a) => (a.prefix ? `${a.prefix}:${a.name.localName}` : a.name.localName) === name,
    );
    if (declaration) {
      element.setAttribute(declaration);
      continue;
    }
    element.setAttribute(new XAttribute(new XName(namespaces[index], attrLocal), attributeValue(value), attrPrefix));
  }
  const children = (node[qualified] ?? []) as RawNode[];
  if (children.length > 0) element.markNotEmpty();
  for (const child of children) {
    const converted = convert(child, element, preserveWhitespace);
    if (converted === null) continue;
    const blank = converted instanceof XText && !(converted instanceof XCData) && converted.value.trim() === '';
    if (blank && !preserveWhitespace) continue;
    element.add(converted);
  }
  element.parent = null;
  return element;
}

function innerText(value: unknown): string {
  return Array.isArray(value) ? value.map((part: RawNode) => String(part['#text'] ?? '')).join('') : '';
}

function splitName(qualified: string): [string, string] {
  const colon = qualified.indexOf(':');
  return colon < 0 ? ['', qualified] : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

function resolve(element: XElement, prefix: string, written: string): string {
  const namespace = element.lookupNamespace(prefix);
  if (namespace === undefined) throw fault(`'${prefix}' is an undeclared prefix (in '${written}').`);
  return namespace;
}

/** XML line-end normalisation: CR LF and a lone CR become LF. */
function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Attribute-value normalisation: each literal tab or line break is a space (`&#xA;` stays a line break). */
function attributeValue(raw: string): string {
  return decodeEntities(normalizeLineEnds(raw).replace(/[\t\n]/g, ' '));
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and `&#…;` character references; anything else is undeclared. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw fault(`An error occurred while parsing EntityName ('${match}').`);
    if (NAMED_ENTITIES[name] !== undefined) return NAMED_ENTITIES[name];
    const numeric = /^#(?:x([0-9A-Fa-f]+)|(\d+))$/.exec(name);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0x10ffff || code === 0) throw fault(`Invalid character reference ${match}.`);
      return String.fromCodePoint(code);
    }
    throw fault(`Reference to undeclared entity '${name}'.`);
  });
}
