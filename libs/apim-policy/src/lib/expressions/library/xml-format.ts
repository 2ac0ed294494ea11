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

/**
 * `depth` is the indentation level, or -1 when not indenting. `defaultNs` is the default namespace
 * in scope. `mixed` is XmlWriter's mixed-content state: once text is written inside an element,
 * nothing more is indented until that element ends (its children inherit the state).
 */
function write(node: XNode, depth: number, defaultNs: string, out: string[], mixed = false): void {
  if (node instanceof XCData) out.push(`<![CDATA[${node.value}]]>`);
  else if (node instanceof XText) out.push(escapeText(node.value));
  else if (node instanceof XComment) out.push(`<!--${node.value}-->`);
  else if (node instanceof XElement) writeElement(node, depth, defaultNs, out, mixed);
}

function writeElement(element: XElement, depth: number, defaultNs: string, out: string[], inherited: boolean): void {
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
  if (element.isEmpty) {
    out.push(' />');
    return;
  }
  out.push('>');
  const indenting = depth >= 0;
  let mixed = inherited;
  let wroteChild = false;
  for (const child of element.nodes()) {
    // Text and CDATA make the content mixed before they are written (no line break before them).
    if (child instanceof XText) mixed = true;
    else if (indenting && !mixed) out.push('\n', '  '.repeat(depth + 1));
    write(child, indenting ? depth + 1 : -1, scope, out, mixed);
    wroteChild = true;
  }
  if (indenting && !mixed && wroteChild) out.push('\n', '  '.repeat(depth));
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
