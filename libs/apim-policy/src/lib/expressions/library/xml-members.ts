import { type Method, type Property, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, OBJECT, STRING, type Type, enumerableOf, named } from '../types';
import { addContent, contentOverloads, xmlText } from './xml-content';
import { type SaveOptions, writeXml } from './xml-format';
import {
  XAttribute,
  type XComment,
  type XContainerNode,
  XDeclaration,
  XDocument,
  XElement,
  XName,
  XNamespace,
  XNode,
  XText,
} from './xml-node';

/** Instance members of XElement, XAttribute, XDocument, XName, XNamespace and the other XNodes. */

export const XELEMENT = named('XElement');
export const XATTRIBUTE = named('XAttribute');
export const XDOCUMENT = named('XDocument');
export const XNODE = named('XNode');
export const XNAME = named('XName');
export const XNAMESPACE = named('XNamespace');
export const XTEXT = named('XText');
export const XCDATA = named('XCData');
export const XCOMMENT = named('XComment');
export const SAVE_OPTIONS = named('SaveOptions');
export const LOAD_OPTIONS = named('LoadOptions');
const VOID = named('void');
const ELEMENTS = enumerableOf(XELEMENT);
const ATTRIBUTES = enumerableOf(XATTRIBUTE);
const NODES = enumerableOf(XNODE);

const toStringMethod = method(
  sig<XNode, []>([], STRING, (n) => writeXml(n)),
  sig<XNode, [SaveOptions]>([SAVE_OPTIONS], STRING, (n, options) => writeXml(n, options)),
);

const nodeProperties: Record<string, Property> = {
  Parent: prop<XNode>(XELEMENT, (n) => (n.parent instanceof XElement ? n.parent : null)),
  Document: prop<XNode>(XDOCUMENT, (n) => documentOf(n)),
  NextNode: prop<XNode>(XNODE, (n) => sibling(n, 1)),
  PreviousNode: prop<XNode>(XNODE, (n) => sibling(n, -1)),
};

function documentOf(node: XNode): XDocument | null {
  let at: XNode = node;
  while (at.parent instanceof XElement) at = at.parent;
  return at.parent instanceof XDocument ? at.parent : at instanceof XDocument ? at : null;
}

function sibling(node: XNode, step: number): XNode | null {
  const siblings = node.parent?.nodes();
  if (!siblings) return null;
  return siblings[siblings.indexOf(node) + step] ?? null;
}

const nodeMethods: Record<string, Method> = {
  ToString: toStringMethod,
  Remove: method(sig<XNode, []>([], VOID, (n) => n.remove())),
  Ancestors: method(
    sig<XNode, []>([], ELEMENTS, (n) => ancestors(n)),
    sig<XNode, [XName]>([XNAME], ELEMENTS, (n, name) => ancestors(n).filter((e) => e.name.equals(name))),
  ),
  ElementsAfterSelf: method(sig<XNode, []>([], ELEMENTS, (n) => siblingsOf(n, 1))),
  ElementsBeforeSelf: method(sig<XNode, []>([], ELEMENTS, (n) => siblingsOf(n, -1))),
};

function ancestors(node: XNode): XElement[] {
  const out: XElement[] = [];
  for (let at = node.parent; at instanceof XElement; at = at.parent) out.push(at);
  return out;
}

function siblingsOf(node: XNode, direction: 1 | -1): XElement[] {
  const siblings = node.parent?.elements() ?? [];
  const at = siblings.indexOf(node as XElement);
  return direction === 1 ? siblings.slice(at + 1) : siblings.slice(0, Math.max(at, 0));
}

/** Members of XElement and XDocument (XContainer). */
const containerMethods: Record<string, Method> = {
  Element: method(sig<XContainerNode, [XName]>([XNAME], XELEMENT, (c, name) => c.element(name))),
  Elements: method(
    sig<XContainerNode, []>([], ELEMENTS, (c) => c.elements()),
    sig<XContainerNode, [XName]>([XNAME], ELEMENTS, (c, name) => c.elements(name)),
  ),
  Descendants: method(
    sig<XContainerNode, []>([], ELEMENTS, (c) => c.descendants()),
    sig<XContainerNode, [XName]>([XNAME], ELEMENTS, (c, name) => c.descendants(name)),
  ),
  Nodes: method(sig<XContainerNode, []>([], NODES, (c) => [...c.nodes()])),
  DescendantNodes: method(sig<XContainerNode, []>([], NODES, (c) => descendantNodes(c))),
  Add: method(...contentOverloads((c: XContainerNode, items) => items.forEach((item) => addContent(c, item)))),
  AddFirst: method(
    sig<XContainerNode, [unknown]>(
      [OBJECT],
      VOID,
      (c, item) => {
        const rest = [...c.nodes()];
        c.removeNodes();
        addContent(c, item);
        rest.forEach((n) => c.add(n));
      },
      { allowsNull: true },
    ),
  ),
  RemoveNodes: method(sig<XContainerNode, []>([], VOID, (c) => c.removeNodes())),
  ReplaceNodes: method(
    ...contentOverloads((c: XContainerNode, items) => {
      c.removeNodes();
      items.forEach((item) => addContent(c, item));
    }),
  ),
};

function descendantNodes(container: XContainerNode): XNode[] {
  const out: XNode[] = [];
  for (const node of container.nodes()) {
    out.push(node);
    if (node instanceof XElement) out.push(...descendantNodes(node));
  }
  return out;
}

const XElementMembers = members(
  {
    ...nodeProperties,
    Name: {
      ...prop<XElement>(XNAME, (e) => e.name),
      set: (target: unknown, value: unknown) => {
        const element = target as XElement;
        element.name = value as XName;
        element.prefix = '';
      },
    },
    Value: {
      ...prop<XElement>(STRING, (e) => e.value),
      set: (target: unknown, value: unknown) => {
        if (value === null) throw fault("Value cannot be null. (Parameter 'value')");
        (target as XElement).value = xmlText(value);
      },
    },
    HasElements: prop<XElement>(BOOL, (e) => e.elements().length > 0),
    HasAttributes: prop<XElement>(BOOL, (e) => e.attributes().length > 0),
    IsEmpty: prop<XElement>(BOOL, (e) => e.isEmpty),
    FirstNode: prop<XElement>(XNODE, (e) => e.nodes()[0] ?? null),
    LastNode: prop<XElement>(XNODE, (e) => e.nodes()[e.nodes().length - 1] ?? null),
    FirstAttribute: prop<XElement>(XATTRIBUTE, (e) => e.attributes()[0] ?? null),
    LastAttribute: prop<XElement>(XATTRIBUTE, (e) => e.attributes()[e.attributes().length - 1] ?? null),
  },
  {
    ...nodeMethods,
    ...containerMethods,
    Attribute: method(sig<XElement, [XName]>([XNAME], XATTRIBUTE, (e, name) => e.attribute(name))),
    Attributes: method(
      sig<XElement, []>([], ATTRIBUTES, (e) => e.attributes()),
      sig<XElement, [XName]>([XNAME], ATTRIBUTES, (e, name) => e.attributes(name)),
    ),
    DescendantsAndSelf: method(
      sig<XElement, []>([], ELEMENTS, (e) => [e, ...e.descendants()]),
      sig<XElement, [XName]>([XNAME], ELEMENTS, (e, name) =>
        [e, ...e.descendants()].filter((x) => x.name.equals(name)),
      ),
    ),
    AncestorsAndSelf: method(sig<XElement, []>([], ELEMENTS, (e) => [e, ...ancestors(e)])),
    SetAttributeValue: method(
      sig<XElement, [XName, unknown]>(
        [XNAME, OBJECT],
        VOID,
        (e, name, value) => e.setAttributeValue(name, value === null ? null : xmlText(value)),
        { allowsNull: true },
      ),
    ),
    SetElementValue: method(
      sig<XElement, [XName, unknown]>([XNAME, OBJECT], VOID, (e, name, value) => setElementValue(e, name, value), {
        allowsNull: true,
      }),
    ),
    SetValue: method(
      sig<XElement, [unknown]>(
        [OBJECT],
        VOID,
        (e, value) => {
          if (value === null) throw fault("Value cannot be null. (Parameter 'value')");
          e.value = xmlText(value);
        },
        { allowsNull: true },
      ),
    ),
    RemoveAll: method(
      sig<XElement, []>([], VOID, (e) => {
        e.attributes().forEach((a) => e.removeAttribute(a));
        e.removeNodes();
      }),
    ),
    RemoveAttributes: method(sig<XElement, []>([], VOID, (e) => e.attributes().forEach((a) => e.removeAttribute(a)))),
    GetDefaultNamespace: method(sig<XElement, []>([], XNAMESPACE, (e) => new XNamespace(e.lookupNamespace('') ?? ''))),
    GetNamespaceOfPrefix: method(
      sig<XElement, [string]>([STRING], XNAMESPACE, (e, prefix) => {
        const namespace = e.lookupNamespace(prefix);
        return namespace === undefined ? null : new XNamespace(namespace);
      }),
    ),
  },
);

function setElementValue(element: XElement, name: XName, value: unknown): void {
  const existing = element.element(name);
  if (value === null) {
    existing?.remove();
    return;
  }
  if (existing) existing.value = xmlText(value);
  else {
    const child = new XElement(name);
    child.value = xmlText(value);
    element.add(child);
  }
}

const XDocumentMembers = members(
  {
    Root: prop<XDocument>(XELEMENT, (d) => d.root),
    Declaration: prop<XDocument>(named('XDeclaration'), (d) => d.declaration),
  },
  { ...containerMethods, ToString: toStringMethod },
);

const settable = (
  get: (d: XDeclaration) => string | null,
  set: (d: XDeclaration, v: string | null) => void,
): Property => ({
  ...prop<XDeclaration>(STRING, get),
  set: (target: unknown, value: unknown) => set(target as XDeclaration, value === null ? null : String(value)),
});

const XDeclarationMembers = members(
  {
    Version: settable(
      (d) => d.version,
      (d, v) => (d.version = v),
    ),
    Encoding: settable(
      (d) => d.encoding,
      (d, v) => (d.encoding = v),
    ),
    Standalone: settable(
      (d) => d.standalone,
      (d, v) => (d.standalone = v),
    ),
  },
  { ToString: method(sig<XDeclaration, []>([], STRING, (d) => d.toString())) },
);

const XAttributeMembers = members(
  {
    Name: prop<XAttribute>(XNAME, (a) => a.name),
    Value: {
      ...prop<XAttribute>(STRING, (a) => a.value),
      set: (target: unknown, value: unknown) => {
        if (value === null) throw fault("Value cannot be null. (Parameter 'value')");
        (target as XAttribute).value = xmlText(value);
      },
    },
    Parent: prop<XAttribute>(XELEMENT, (a) => a.parent),
    IsNamespaceDeclaration: prop<XAttribute>(BOOL, (a) => a.isNamespaceDeclaration),
    NextAttribute: prop<XAttribute>(XATTRIBUTE, (a) => neighbour(a, 1)),
    PreviousAttribute: prop<XAttribute>(XATTRIBUTE, (a) => neighbour(a, -1)),
  },
  {
    ToString: method(sig<XAttribute, []>([], STRING, (a) => writeXml(a))),
    Remove: method(sig<XAttribute, []>([], VOID, (a) => a.remove())),
    SetValue: method(
      sig<XAttribute, [unknown]>([OBJECT], VOID, (a, v) => {
        a.value = xmlText(v);
      }),
    ),
  },
);

function neighbour(attribute: XAttribute, step: number): XAttribute | null {
  const all = attribute.parent?.attributes() ?? [];
  return all[all.indexOf(attribute) + step] ?? null;
}

const XNodeMembers = members({ ...nodeProperties }, { ...nodeMethods });

const textProperties = (type: Type) => ({
  ...nodeProperties,
  Value: {
    ...prop<XText | XComment>(STRING, (t) => t.value),
    set: (target: unknown, value: unknown) => {
      (target as XText).value = String(value ?? '');
    },
  },
  NodeType: prop<XNode>(named('XmlNodeType'), () => type.name.slice(1)),
});

const XTextMembers = members(textProperties(XTEXT), { ...nodeMethods });
const XCDataMembers = members(textProperties(XCDATA), { ...nodeMethods });
const XCommentMembers = members(textProperties(XCOMMENT), { ...nodeMethods });

const XNameMembers = members(
  {
    LocalName: prop<XName>(STRING, (n) => n.localName),
    NamespaceName: prop<XName>(STRING, (n) => n.namespaceName),
    Namespace: prop<XName>(XNAMESPACE, (n) => new XNamespace(n.namespaceName)),
  },
  {
    ToString: method(sig<XName, []>([], STRING, (n) => n.toString())),
    Equals: method(
      sig<XName, [XName | null]>([XNAME], BOOL, (n, other) => other !== null && n.equals(other), { allowsNull: true }),
    ),
  },
);

const XNamespaceMembers = members(
  { NamespaceName: prop<XNamespace>(STRING, (n) => n.namespaceName) },
  {
    ToString: method(sig<XNamespace, []>([], STRING, (n) => n.namespaceName)),
    GetName: method(sig<XNamespace, [string]>([STRING], XNAME, (n, local) => n.name(local))),
  },
);

/**
 * System.Xml.Linq.Extensions on a sequence of elements (`root.Elements("a").Elements("b")`):
 * the same axis applied to each element, in document order of the sequence.
 */
const ElementSequenceMembers = members(
  {},
  {
    Elements: method(
      sig<Iterable<XElement>, []>([], ELEMENTS, (items) => [...items].flatMap((e) => e.elements())),
      sig<Iterable<XElement>, [XName]>([XNAME], ELEMENTS, (items, name) => [...items].flatMap((e) => e.elements(name))),
    ),
    Descendants: method(
      sig<Iterable<XElement>, []>([], ELEMENTS, (items) => [...items].flatMap((e) => e.descendants())),
      sig<Iterable<XElement>, [XName]>([XNAME], ELEMENTS, (items, name) =>
        [...items].flatMap((e) => e.descendants(name)),
      ),
    ),
    Attributes: method(
      sig<Iterable<XElement>, []>([], ATTRIBUTES, (items) => [...items].flatMap((e) => e.attributes())),
      sig<Iterable<XElement>, [XName]>([XNAME], ATTRIBUTES, (items, name) =>
        [...items].flatMap((e) => e.attributes(name)),
      ),
    ),
    Nodes: method(sig<Iterable<XElement>, []>([], NODES, (items) => [...items].flatMap((e) => [...e.nodes()]))),
    Ancestors: method(sig<Iterable<XElement>, []>([], ELEMENTS, (items) => [...items].flatMap((e) => ancestors(e)))),
    Remove: method(sig<Iterable<XElement>, []>([], VOID, (items) => [...items].forEach((e) => e.parent && e.remove()))),
  },
);

/** `Remove()` on a sequence of attributes or nodes. */
const RemovableSequenceMembers = members(
  {},
  {
    Remove: method(
      sig<Iterable<XAttribute | XNode>, []>([], VOID, (items) => [...items].forEach((n) => n.parent && n.remove())),
    ),
  },
);

/** Members of `IEnumerable<XElement>`, `IEnumerable<XAttribute>`, `IEnumerable<XNode>`; undefined otherwise. */
export function xmlSequenceMembers(type: Type): TypeMembers | undefined {
  if (type.name !== 'IEnumerable' || type.args?.length !== 1) return undefined;
  const element = type.args[0].name;
  if (element === 'XElement') return ElementSequenceMembers;
  if (element === 'XAttribute' || element === 'XNode') return RemovableSequenceMembers;
  return undefined;
}

/** Enum values are their names. */
const EnumMembers = members({}, { ToString: method(sig<string, []>([], STRING, (name) => name)) });

export const XML_INSTANCE_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  XElement: XElementMembers,
  XDocument: XDocumentMembers,
  XDeclaration: XDeclarationMembers,
  XAttribute: XAttributeMembers,
  XNode: XNodeMembers,
  XText: XTextMembers,
  XCData: XCDataMembers,
  XComment: XCommentMembers,
  XName: XNameMembers,
  XNamespace: XNamespaceMembers,
  SaveOptions: EnumMembers,
  LoadOptions: EnumMembers,
  XmlNodeType: EnumMembers,
};
