import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, OBJECT, STRING, type Type, named } from '../types';
import type { LibraryConversion, LibraryModule, LibraryOperator } from './library-module';
import { writeXml } from './xml-format';
import {
  LOAD_OPTIONS,
  SAVE_OPTIONS,
  XATTRIBUTE,
  XCDATA,
  XCOMMENT,
  XDOCUMENT,
  XELEMENT,
  XML_INSTANCE_MEMBERS,
  XNAME,
  XNAMESPACE,
  XTEXT,
  xmlSequenceMembers,
} from './xml-members';
import { addContent, contentOverloads } from './xml-content';
import {
  XAttribute,
  XCData,
  XComment,
  XDeclaration,
  XDocument,
  XElement,
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  XName,
  XNamespace,
  XNode,
  XText,
} from './xml-node';
import { parseIsoDate } from './json-parse';
import { withKind } from './system-date-kind';
import { parseXDocument, parseXElement } from './xml-parse';

/** System.Xml.Linq for policy expressions (APIM allows the whole namespace; this is its everyday part). */

const CLASSES: Readonly<Record<string, abstract new (...args: never[]) => unknown>> = {
  XNode,
  XElement,
  XDocument,
  XText,
  XCData,
  XComment,
  XAttribute,
  XName,
  XNamespace,
  XDeclaration,
};

const NODE_SUBTYPES = ['XElement', 'XDocument', 'XText', 'XCData', 'XComment'];

type LoadOption = 'None' | 'PreserveWhitespace' | 'SetBaseUri' | 'SetLineInfo';

const XElementStatics = members(
  {},
  {
    Parse: method(
      sig<null, [string]>([STRING], XELEMENT, (_, text) => parseXElement(text)),
      sig<null, [string, LoadOption]>([STRING, LOAD_OPTIONS], XELEMENT, (_, text, options) =>
        parseXElement(text, options === 'PreserveWhitespace'),
      ),
    ),
  },
);

const XDocumentStatics = members(
  {},
  {
    Parse: method(
      sig<null, [string]>([STRING], XDOCUMENT, (_, text) => parseXDocument(text)),
      sig<null, [string, LoadOption]>([STRING, LOAD_OPTIONS], XDOCUMENT, (_, text, options) =>
        parseXDocument(text, options === 'PreserveWhitespace'),
      ),
    ),
  },
);

const XNameStatics = members(
  {},
  {
    Get: method(
      sig<null, [string]>([STRING], XNAME, (_, expanded) => XName.parse(expanded)),
      sig<null, [string, string]>([STRING, STRING], XNAME, (_, local, ns) => new XNamespace(ns).name(local)),
    ),
  },
);

const XNamespaceStatics = members(
  {
    None: prop(XNAMESPACE, () => new XNamespace('')),
    Xml: prop(XNAMESPACE, () => new XNamespace(XML_NAMESPACE)),
    Xmlns: prop(XNAMESPACE, () => new XNamespace(XMLNS_NAMESPACE)),
  },
  { Get: method(sig<null, [string]>([STRING], XNAMESPACE, (_, ns) => new XNamespace(ns))) },
);

const enumStatics = (type: Type, names: readonly string[]): TypeMembers =>
  members(Object.fromEntries(names.map((name) => [name, prop(type, () => name)])));

const STATIC_MEMBERS: Readonly<Record<string, TypeMembers>> = qualified({
  XElement: XElementStatics,
  XDocument: XDocumentStatics,
  XName: XNameStatics,
  XNamespace: XNamespaceStatics,
  SaveOptions: enumStatics(SAVE_OPTIONS, ['None', 'DisableFormatting', 'OmitDuplicateNamespaces']),
  LoadOptions: enumStatics(LOAD_OPTIONS, ['None', 'PreserveWhitespace', 'SetBaseUri', 'SetLineInfo']),
});

function qualified<T>(table: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = { ...table };
  for (const [name, value] of Object.entries(table)) out[`System.Xml.Linq.${name}`] = value;
  return out;
}

function newElement(name: XName, items: unknown[]): XElement {
  const element = new XElement(name);
  for (const item of items) addContent(element, item);
  return element;
}

const CONSTRUCTORS: Readonly<Record<string, readonly Overload[]>> = qualified({
  XElement: [
    sig<null, [XElement]>([XELEMENT], XELEMENT, (_, other) => cloneElement(other)),
    sig<null, [XName]>([XNAME], XELEMENT, (_, name) => new XElement(name)),
    ...contentOverloads<null>(() => undefined).map((overload) => ({
      ...overload,
      params: [XNAME, ...overload.params],
      returns: XELEMENT,
      invoke: (_: unknown, name: unknown, ...items: unknown[]) => newElement(name as XName, items),
    })),
  ],
  XAttribute: [
    sig<null, [XName, unknown]>(
      [XNAME, OBJECT],
      XATTRIBUTE,
      (_, name, value) => {
        if (value === null) throw fault("Value cannot be null. (Parameter 'value')");
        return new XAttribute(name, valueText(value));
      },
      { allowsNull: true },
    ),
  ],
  XDocument: [
    sig<null, []>([], XDOCUMENT, () => new XDocument()),
    ...contentOverloads<null>(() => undefined).map((overload) => ({
      ...overload,
      returns: XDOCUMENT,
      invoke: (_: unknown, ...items: unknown[]) => {
        const document = new XDocument();
        for (const item of items) addContent(document, item);
        return document;
      },
    })),
  ],
  XComment: [sig<null, [string]>([STRING], XCOMMENT, (_, text) => new XComment(text))],
  XDeclaration: [
    sig<null, [string | null, string | null, string | null]>(
      [STRING, STRING, STRING],
      named('XDeclaration'),
      (_, version, encoding, standalone) => new XDeclaration(version, encoding, standalone),
      { allowsNull: true },
    ),
  ],
  XText: [sig<null, [string]>([STRING], XTEXT, (_, text) => new XText(text))],
  XCData: [sig<null, [string]>([STRING], XCDATA, (_, text) => new XCData(text))],
});

function cloneElement(element: XElement): XElement {
  const copy = new XElement(element.name, element.prefix);
  if (!element.isEmpty) copy.markNotEmpty();
  for (const a of element.attributes()) copy.setAttribute(new XAttribute(a.name, a.value, a.prefix));
  for (const node of element.nodes()) copy.add(node);
  return copy;
}

function valueText(value: unknown): string {
  const holder = new XElement(new XName('', 'v'));
  addContent(holder, value);
  return holder.value;
}

/** .NET's explicit operators on XElement / XAttribute: the text read with XmlConvert's rules. */
function readAs(target: 'string' | 'int' | 'long' | 'double' | 'bool' | 'DateTime') {
  return (value: unknown): unknown => {
    const text = value instanceof XElement ? value.value : (value as XAttribute).value;
    const trimmed = text.trim();
    switch (target) {
      case 'string':
        return text;
      case 'bool':
        if (trimmed === 'true' || trimmed === '1') return true;
        if (trimmed === 'false' || trimmed === '0') return false;
        throw fault(`The string '${text}' is not a valid Boolean value.`);
      case 'int':
      case 'long': {
        if (!/^[+-]?\d+$/.test(trimmed)) throw fault(`Input string was not in a correct format. ('${text}')`);
        const n = Number(trimmed);
        const limit = target === 'int' ? 2147483647 : Number.MAX_SAFE_INTEGER;
        if (n > limit || n < -limit - (target === 'int' ? 1 : 0)) {
          throw fault(`Value was either too large or too small for an ${target === 'int' ? 'Int32' : 'Int64'}.`);
        }
        return n;
      }
      case 'double': {
        if (trimmed === 'INF') return Infinity;
        if (trimmed === '-INF') return -Infinity;
        if (trimmed === 'NaN') return NaN;
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
          throw fault(`Input string was not in a correct format. ('${text}')`);
        }
        return Number(trimmed);
      }
      case 'DateTime': {
        // XmlConvert's round-trip reading: `Z` is Utc, an offset Local, no zone Unspecified.
        const iso = parseIsoDate(trimmed);
        if (iso)
          return withKind(
            iso.value as Date,
            iso.zone === 'utc' ? 'Utc' : iso.zone === 'offset' ? 'Local' : 'Unspecified',
          );
        const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
        if (day) return withKind(new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))), 'Unspecified');
        throw fault(`The string '${text}' is not a valid AllXsd value.`);
      }
    }
  };
}

const READ_TARGETS = ['string', 'int', 'long', 'double', 'bool', 'DateTime'] as const;

const CONVERSIONS: readonly LibraryConversion[] = [
  { from: 'string', to: 'XName', implicit: true, convert: (v) => XName.parse(v as string) },
  { from: 'string', to: 'XNamespace', implicit: true, convert: (v) => new XNamespace(v as string) },
  ...NODE_SUBTYPES.flatMap((name) => [
    { from: name, to: 'XNode', implicit: true, convert: (v: unknown) => v },
    {
      from: 'XNode',
      to: name,
      implicit: false,
      convert: (v: unknown) => {
        if (v instanceof CLASSES[name]) return v;
        throw fault(
          `Unable to cast object of type 'System.Xml.Linq.${(v as object).constructor.name}' to type 'System.Xml.Linq.${name}'.`,
        );
      },
    },
  ]),
  { from: 'XCData', to: 'XText', implicit: true, convert: (v) => v },
  ...['XElement', 'XAttribute'].flatMap((from) =>
    READ_TARGETS.map((to) => ({ from, to, implicit: false, convert: readAs(to) })),
  ),
];

const nameEquals = (a: unknown, b: unknown) => {
  const left = typeof a === 'string' ? XName.parse(a) : (a as XName | null);
  const right = typeof b === 'string' ? XName.parse(b) : (b as XName | null);
  return left === null || right === null ? left === right : left.equals(right);
};

const OPERATORS: readonly LibraryOperator[] = [
  ...(
    [
      ['XName', 'XName'],
      ['XName', 'string'],
      ['string', 'XName'],
    ] as const
  ).flatMap(([left, right]) => [
    { op: '==' as const, left, right, returns: BOOL, apply: nameEquals },
    { op: '!=' as const, left, right, returns: BOOL, apply: (a: unknown, b: unknown) => !nameEquals(a, b) },
  ]),
  {
    op: '+',
    left: 'XNamespace',
    right: 'string',
    returns: XNAME,
    apply: (ns, local) => (ns as XNamespace).name(local as string),
  },
];

const TYPE_NAMES: Readonly<Record<string, Type>> = qualified(
  Object.fromEntries([...Object.keys(CLASSES), 'SaveOptions', 'LoadOptions'].map((name) => [name, { name }])),
);

export const XML_MODULE: LibraryModule = {
  instanceMembers: (type) =>
    Object.prototype.hasOwnProperty.call(XML_INSTANCE_MEMBERS, type.name)
      ? XML_INSTANCE_MEMBERS[type.name]
      : xmlSequenceMembers(type),
  staticMembers: STATIC_MEMBERS,
  constructors: CONSTRUCTORS,
  typeNames: TYPE_NAMES,
  valueTypes: ['SaveOptions', 'LoadOptions'],
  conversions: CONVERSIONS,
  operators: OPERATORS,
  isInstanceOf(value, type) {
    const type_ = Object.prototype.hasOwnProperty.call(CLASSES, type.name) ? CLASSES[type.name] : undefined;
    return type_ ? value instanceof type_ : undefined;
  },
  format(value) {
    if (value instanceof XNode || value instanceof XAttribute) return writeXml(value);
    if (value instanceof XName || value instanceof XNamespace || value instanceof XDeclaration) return value.toString();
    return undefined;
  },
  runtimeTypeName: (value) =>
    Object.values(CLASSES).some((c) => value instanceof c) ? (value as object).constructor.name : undefined,
};
