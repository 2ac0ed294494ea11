import { fault } from '../members';

/**
 * Run-time model of System.Xml.Linq as policy expressions see it: XElement, XAttribute, XText
 * (XCData), XComment, XDocument, XName and XNamespace. Names are namespace-qualified as in .NET:
 * `Element("b")` finds only a `b` in no namespace; `Element("{urn:x}b")` or `ns + "b"` finds one
 * in `urn:x`. Elements remember the prefix they were written with, for printing.
 */

/** `XName`: a local name in a namespace (empty for none). Compared by value. */
export class XName {
  constructor(
    readonly namespaceName: string,
    readonly localName: string,
  ) {}

  /** `"{urn:x}b"` or `"b"`, as .NET's implicit string → XName conversion reads it. */
  static parse(text: string): XName {
    if (text.startsWith('{')) {
      const close = text.indexOf('}');
      if (close < 1 || close === text.length - 1) throw fault(`The '${text}' name is not a valid XName`);
      return new XName(text.slice(1, close), checkLocalName(text.slice(close + 1)));
    }
    return new XName('', checkLocalName(text));
  }

  equals(other: XName): boolean {
    return this.namespaceName === other.namespaceName && this.localName === other.localName;
  }

  toString(): string {
    return this.namespaceName === '' ? this.localName : `{${this.namespaceName}}${this.localName}`;
  }
}

function checkLocalName(name: string): string {
  if (!/^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$/.test(name)) {
    throw fault(
      `The '${name}' character, hexadecimal value 0x${(name.codePointAt(0) ?? 0).toString(16).toUpperCase()}, cannot be included in a name.`,
    );
  }
  return name;
}

/** `XNamespace`: `ns + "local"` makes an XName. */
export class XNamespace {
  constructor(readonly namespaceName: string) {}

  name(local: string): XName {
    return new XName(this.namespaceName, checkLocalName(local));
  }

  toString(): string {
    return this.namespaceName;
  }
}

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

export abstract class XNode {
  parent: XElement | XDocument | null = null;

  /** Detaches the node from its parent (`Remove()`). */
  remove(): void {
    const parent = this.parent;
    if (parent === null) throw fault('The parent is missing.');
    parent.removeNode(this);
  }
}

export class XText extends XNode {
  constructor(public value: string) {
    super();
  }
}

/** A CDATA section: its text is part of the element's Value, printed as `<![CDATA[…]]>`. */
export class XCData extends XText {}

export class XComment extends XNode {
  constructor(public value: string) {
    super();
  }
}

export class XAttribute {
  parent: XElement | null = null;

  constructor(
    readonly name: XName,
    public value: string,
    /** The prefix it was written with (`xmlns`, `p`), for printing. */
    readonly prefix = '',
  ) {}

  get isNamespaceDeclaration(): boolean {
    return (
      this.name.namespaceName === XMLNS_NAMESPACE || (this.name.namespaceName === '' && this.name.localName === 'xmlns')
    );
  }

  remove(): void {
    if (!this.parent) throw fault('The parent is missing.');
    this.parent.removeAttribute(this);
  }
}

/** Content a container holds: child nodes in order. */
abstract class XContainer extends XNode {
  protected readonly content: XNode[] = [];

  nodes(): readonly XNode[] {
    return this.content;
  }

  elements(name?: XName): XElement[] {
    return this.content.filter((n): n is XElement => n instanceof XElement && (!name || n.name.equals(name)));
  }

  element(name: XName): XElement | null {
    return this.elements(name)[0] ?? null;
  }

  /** Elements below this one, in document order. */
  descendants(name?: XName): XElement[] {
    const out: XElement[] = [];
    const visit = (container: XContainer) => {
      for (const child of container.elements()) {
        if (!name || child.name.equals(name)) out.push(child);
        visit(child);
      }
    };
    visit(this);
    return out;
  }

  add(node: XNode): void {
    const owned = node.parent !== null ? cloneNode(node) : node;
    owned.parent = this as unknown as XElement | XDocument;
    this.content.push(owned);
  }

  removeNode(node: XNode): void {
    const at = this.content.indexOf(node);
    if (at >= 0) this.content.splice(at, 1);
    node.parent = null;
  }

  removeNodes(): void {
    for (const node of this.content) node.parent = null;
    this.content.length = 0;
  }
}

export class XElement extends XContainer {
  private readonly attributeList: XAttribute[] = [];
  /** `<a/>`: no content at all (IsEmpty); adding content clears it. */
  private empty = true;

  constructor(
    public name: XName,
    /** The prefix it was written with; empty for none. */
    public prefix = '',
  ) {
    super();
  }

  get isEmpty(): boolean {
    return this.empty && this.content.length === 0;
  }

  /** Marks `<a></a>` / `new XElement("a", "")`: not empty though it has no nodes. */
  markNotEmpty(): void {
    this.empty = false;
  }

  attributes(name?: XName): XAttribute[] {
    return this.attributeList.filter((a) => !name || a.name.equals(name));
  }

  attribute(name: XName): XAttribute | null {
    return this.attributes(name)[0] ?? null;
  }

  setAttribute(attribute: XAttribute): void {
    if (this.attribute(attribute.name)) throw fault(`Duplicate attribute: ${attribute.name.toString()}.`);
    const owned = attribute.parent ? new XAttribute(attribute.name, attribute.value, attribute.prefix) : attribute;
    owned.parent = this;
    this.attributeList.push(owned);
  }

  /** `SetAttributeValue(name, value)`: null removes the attribute. */
  setAttributeValue(name: XName, value: string | null): void {
    const existing = this.attribute(name);
    if (value === null) {
      if (existing) this.removeAttribute(existing);
    } else if (existing) existing.value = value;
    else this.setAttribute(new XAttribute(name, value));
  }

  removeAttribute(attribute: XAttribute): void {
    const at = this.attributeList.indexOf(attribute);
    if (at >= 0) this.attributeList.splice(at, 1);
    attribute.parent = null;
  }

  /** `Value`: the text of every descendant text node, concatenated. */
  get value(): string {
    let text = '';
    const visit = (element: XElement) => {
      for (const node of element.nodes()) {
        if (node instanceof XText) text += node.value;
        else if (node instanceof XElement) visit(node);
      }
    };
    visit(this);
    return text;
  }

  /** `Value = "…"`: replaces the content with one text node. */
  set value(text: string) {
    this.removeNodes();
    this.markNotEmpty();
    if (text !== '') this.add(new XText(text));
  }

  /** Removing the last node leaves the element without content, as `<a />` (.NET sets its content to null). */
  override removeNode(node: XNode): void {
    super.removeNode(node);
    if (this.nodes().length === 0) this.empty = true;
  }

  override removeNodes(): void {
    super.removeNodes();
    this.empty = true;
  }

  override add(node: XNode): void {
    if (node instanceof XDocument) throw fault('An XDocument cannot be added to an element.');
    this.empty = false;
    super.add(node);
  }

  /** The namespace a prefix (or `''` for the default) means here, from the xmlns declarations in scope. */
  lookupNamespace(prefix: string): string | undefined {
    if (prefix === 'xml') return XML_NAMESPACE;
    if (prefix === 'xmlns') return XMLNS_NAMESPACE;
    for (const a of this.attributeList) {
      if (prefix === '' && a.name.namespaceName === '' && a.name.localName === 'xmlns') return a.value;
      if (prefix !== '' && a.name.namespaceName === XMLNS_NAMESPACE && a.name.localName === prefix) return a.value;
    }
    const parent = this.parentElement;
    if (parent) return parent.lookupNamespace(prefix);
    return prefix === '' ? '' : undefined;
  }

  get parentElement(): XElement | null {
    return this.parent instanceof XElement ? this.parent : null;
  }

  get document(): XDocument | null {
    return this.parent instanceof XDocument ? this.parent : (this.parentElement?.document ?? null);
  }
}

/** `<?xml version="1.0" encoding="utf-8"?>`: kept on an XDocument, never printed by its ToString(). */
export class XDeclaration {
  constructor(
    public version: string | null,
    public encoding: string | null = null,
    public standalone: string | null = null,
  ) {}

  toString(): string {
    const attribute = (name: string, value: string | null) => (value === null ? '' : ` ${name}="${value}"`);
    return `<?xml${attribute('version', this.version)}${attribute('encoding', this.encoding)}${attribute('standalone', this.standalone)}?>`;
  }
}

export class XDocument extends XContainer {
  declaration: XDeclaration | null = null;

  get root(): XElement | null {
    return this.elements()[0] ?? null;
  }

  override add(node: XNode): void {
    if (node instanceof XText && node.value.trim() !== '')
      throw fault('Non-whitespace characters cannot be added to content.');
    if (node instanceof XElement && this.root)
      throw fault('This operation would create an incorrectly structured document.');
    super.add(node);
  }
}

/** A deep copy (adding a node that already has a parent adds a copy, as .NET does). */
export function cloneNode<T extends XNode>(node: T): T {
  if (node instanceof XElement) {
    const copy = new XElement(node.name, node.prefix);
    if (!node.isEmpty) copy.markNotEmpty();
    for (const a of node.attributes()) copy.setAttribute(new XAttribute(a.name, a.value, a.prefix));
    for (const child of node.nodes()) copy.add(cloneNode(child));
    return copy as unknown as T;
  }
  if (node instanceof XCData) return new XCData(node.value) as unknown as T;
  if (node instanceof XText) return new XText(node.value) as unknown as T;
  if (node instanceof XComment) return new XComment(node.value) as unknown as T;
  if (node instanceof XDocument) {
    const copy = new XDocument();
    copy.declaration = node.declaration;
    for (const child of node.nodes()) copy.add(cloneNode(child));
    return copy as unknown as T;
  }
  return node;
}

/** XElement or XDocument: what `Add`, `Elements`, `Descendants` work on. */
export type XContainerNode = XElement | XDocument;
