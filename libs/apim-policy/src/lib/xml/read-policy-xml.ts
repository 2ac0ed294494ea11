import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeExpressions } from './escape-expressions';
import { PolicyImportError, type PolicyElement } from '@stack/claim-policy';

type RawNode = Record<string, unknown>;

/**
 * Parses policy XML into {@link PolicyElement}s (the top-level elements). Read the way APIM reads
 * it: policy expressions may hold raw `"`, `<` and `&&` inside attribute values and text (see
 * `escapeExpressions`), and any other bare `&` that starts no entity is escaped, so the
 * documentation's examples load. DOCTYPEs are refused (no entity expansion).
 */
export function parsePolicyXml(xml: string, options: { readonly fileName?: string } = {}): PolicyElement[] {
  const file = options.fileName;
  if (/<!DOCTYPE/i.test(xml)) {
    throw new PolicyImportError(
      'IMPORT_UNSUPPORTED',
      'DOCTYPE declarations are not allowed in policy XML; remove it.',
      { file },
    );
  }
  // Strip the XML declaration (kept length: offsets and lines stay right), then wrap everything in
  // one synthetic root so a fragment with several policy elements is accepted.
  const body = escapeExpressions(xml)
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, (declaration) => ' '.repeat(declaration.length))
    .replace(BARE_AMPERSAND_OUTSIDE_CDATA, (match) => (match === '&' ? '&amp;' : match));
  const escaped = `<${WRAPPER}>${body}</${WRAPPER}>`;
  const valid = XMLValidator.validate(escaped);
  if (valid !== true) {
    throw new PolicyImportError('IMPORT_XML_INVALID', `The policy is not well-formed XML: ${valid.err.msg}`, {
      file,
      line: valid.err.line,
    });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
  });
  const lineAt = lineCounter(escaped);
  const [wrapper] = parser.parse(escaped) as RawNode[];
  const nodes = (wrapper?.[WRAPPER] ?? []) as RawNode[];
  const stray = nodes.map(textOf).join('').trim();
  if (stray !== '') {
    throw new PolicyImportError(
      'IMPORT_XML_INVALID',
      `The policy has text outside any element: "${stray.slice(0, 40)}".`,
      { file },
    );
  }
  return nodes.filter(isElementNode).map((node) => toElement(node, lineAt, file));
}

const WRAPPER = 'policy-fragment-root';
/** CDATA sections and comments (kept as they are), or a `&` that starts no entity. */
const BARE_AMPERSAND_OUTSIDE_CDATA =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g;
const META = XMLParser.getMetaDataSymbol() as unknown as string;

function isElementNode(node: RawNode): boolean {
  return elementName(node) !== undefined;
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#'));
}

function toElement(node: RawNode, lineAt: (index: number) => number, file: string | undefined): PolicyElement {
  const name = elementName(node) as string;
  const content = (node[name] ?? []) as RawNode[];
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const attributes = Object.fromEntries(
    Object.entries(rawAttributes).map(([key, value]) => [key, decodeEntities(value)]),
  );
  const meta = node[META] as { startIndex?: number } | undefined;
  const text = content.map(textOf).join('');
  const children = content.filter(isElementNode).map((child) => toElement(child, lineAt, file));
  const line = meta?.startIndex === undefined ? undefined : lineAt(meta.startIndex);
  return {
    name,
    attributes,
    children,
    text,
    ...(line === undefined ? {} : { line }),
    ...(file === undefined ? {} : { file }),
  };
}

function textOf(node: RawNode): string {
  if (typeof node['#text'] === 'string') return decodeEntities(node['#text']);
  if (Array.isArray(node['#cdata']))
    return (node['#cdata'] as RawNode[]).map((part) => String(part['#text'] ?? '')).join('');
  return '';
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity];
  });
}

function lineCounter(text: string): (index: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (index) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid] < index) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}
