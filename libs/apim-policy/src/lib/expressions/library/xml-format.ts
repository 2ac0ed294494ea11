import { XAttribute, XCData, XComment, XDocument, XElement, type XNode, XText } from './xml-node';

/**
 * XNode → text as .NET's `ToString()` writes it. SaveOptions.None (the default) indents with two
 * spaces, except inside an element with text content (mixed content is written as it is), and
 * writes an element without content as `<a />`. `SaveOptions.DisableFormatting` writes no
 * whitespace. No XML declaration, as .NET's `ToString()`. Text escapes `& < >`, attribute values
 * also `"` and line breaks/tabs as character references.
 */

export type SaveOptions = 'None' | 'DisableFormatting';

export function writeXml(node: XNode | XAttribute, options: SaveOptions = 'None'): string {
  if (node instanceof XAttribute)
    return writeAttribute(node.prefix ? `${node.prefix}:${node.name.localName}` : node.name.localName, node.value);
  const out: string[] = [];
  const indent = options === 'None';
  if (node instanceof XDocument) {
    node.nodes().forEach((child, i) => {
      if (i > 0 && indent) out.push('\n');
      write(child, indent ? 0 : -1, '', out);
    });
  } else {
    const scope = node instanceof XElement ? (node.parentElement?.lookupNamespace('') ?? '') : '';
    write(node, indent ? 0 : -1, scope, out);
  }
  return out.join('');
}

/** `depth` is the indentation level, or -1 when not indenting. `defaultNs` is the default namespace in scope. */
function write(node: XNode, depth: number, defaultNs: string, out: string[]): void {
  if (node instanceof XCData) out.push(`<![CDATA[${node.value}]]>`);
  else if (node instanceof XText) out.push(escapeText(node.value));
  else if (node instanceof XComment) out.push(`<!--${node.value}-->`);
  else if (node instanceof XElement) writeElement(node, depth, defaultNs, out);
}

function writeElement(element: XElement, depth: number, defaultNs: string, out: string[]): void {
  const name = element.prefix ? `${element.prefix}:${element.name.localName}` : element.name.localName;
  out.push(`<${name}`);
  let scope = defaultNs;
  const declared = element.attributes().find((a) => a.name.namespaceName === '' && a.name.localName === 'xmlns');
  if (declared) scope = declared.value;
  else if (!element.prefix && element.name.namespaceName !== defaultNs) {
    // Built in code with a namespace no ancestor declares: declare it here, as .NET does.
    out.push(' ', writeAttribute('xmlns', element.name.namespaceName));
    scope = element.name.namespaceName;
  }
  for (const attribute of element.attributes()) {
    const attrName = attribute.prefix ? `${attribute.prefix}:${attribute.name.localName}` : attribute.name.localName;
    out.push(' ', writeAttribute(attrName, attribute.value));
  }
  const children = element.nodes();
  if (element.isEmpty) {
    out.push(' />');
    return;
  }
  out.push('>');
  const mixed = children.some((child) => child instanceof XText);
  const inner = depth < 0 || mixed ? -1 : depth + 1;
  for (const child of children) {
    if (inner >= 0) out.push('\n', '  '.repeat(inner));
    write(child, inner, scope, out);
  }
  if (inner >= 0 && children.length > 0) out.push('\n', '  '.repeat(depth));
  out.push(`</${name}>`);
}

function writeAttribute(name: string, value: string): string {
  return `${name}="${escapeAttribute(value)}"`;
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#xA;',
  '\r': '&#xD;',
  '\t': '&#x9;',
};

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\n\r\t]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}
