import { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { compileExpression } from '../index';
import { writeXml } from './xml-format';
import { XElement, XName } from './xml-node';
import { MAX_XML_DEPTH, parseXDocument, parseXElement } from './xml-parse';

/** System.Xml.Linq: the parser and printer on their own, then through policy expressions. */

const ORDER = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<order id="o-1" xmlns:m="urn:meta">',
  '  <customer tier="gold">Ada &amp; Co</customer>',
  '  <line sku="p1" qty="2"/>',
  '  <line sku="p2" qty="1"></line>',
  '  <m:note><![CDATA[<fragile>]]></m:note>',
  '  <!-- internal -->',
  '</order>',
].join('\n');

describe('parseXElement / writeXml', () => {
  it('reads elements, attributes, entities, CDATA and comments; drops blank text', () => {
    const order = parseXElement(ORDER);
    expect(order.name.localName).toBe('order');
    expect(order.attribute(XName.parse('id'))?.value).toBe('o-1');
    expect(order.element(XName.parse('customer'))?.value).toBe('Ada & Co');
    expect(order.elements(XName.parse('line'))).toHaveLength(2);
    expect(order.element(XName.parse('{urn:meta}note'))?.value).toBe('<fragile>');
    expect(order.element(XName.parse('note'))).toBeNull();
    expect(order.nodes()).toHaveLength(5);
  });

  it('resolves the default namespace: a plain name does not find a namespaced element', () => {
    const root = parseXElement('<a xmlns="urn:x"><b>1</b></a>');
    expect(root.name.toString()).toBe('{urn:x}a');
    expect(root.element(XName.parse('b'))).toBeNull();
    expect(root.element(XName.parse('{urn:x}b'))?.value).toBe('1');
  });

  it('prints indented with "<a />" for empty elements and keeps mixed content as it is', () => {
    const order = parseXElement(ORDER);
    expect(writeXml(order)).toBe(
      [
        '<order id="o-1" xmlns:m="urn:meta">',
        '  <customer tier="gold">Ada &amp; Co</customer>',
        '  <line sku="p1" qty="2" />',
        '  <line sku="p2" qty="1" />',
        '  <m:note><![CDATA[<fragile>]]></m:note>',
        '  <!-- internal -->',
        '</order>',
      ].join('\n'),
    );
    expect(writeXml(parseXElement('<p>Hi <b>there</b>!</p>'))).toBe('<p>Hi <b>there</b>!</p>');
    expect(writeXml(order.element(XName.parse('customer')) as XElement, 'DisableFormatting')).toBe(
      '<customer tier="gold">Ada &amp; Co</customer>',
    );
  });

  it('keeps the XML declaration on XDocument (not in ToString)', () => {
    const document = parseXDocument(ORDER);
    expect(document.declaration?.encoding).toBe('utf-8');
    expect(document.root?.name.localName).toBe('order');
    expect(writeXml(document).startsWith('<order')).toBe(true);
  });

  it('refuses DOCTYPE (no entity expansion), undeclared entities and prefixes, malformed XML', () => {
    expect(() => parseXElement('<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>')).toThrow('DTD is prohibited');
    expect(() => parseXElement('<a>&nbsp;</a>')).toThrow("Reference to undeclared entity 'nbsp'.");
    expect(() => parseXElement('<p:a/>')).toThrow("'p' is an undeclared prefix");
    expect(parseXElement('<a p:k="v" xmlns:p="urn:p"/>').attribute(XName.parse('{urn:p}k'))?.value).toBe('v');
    expect(() => parseXElement('<a><b></a>')).toThrow(/Line 1/);
    expect(() => parseXElement('')).toThrow('Root element is missing.');
    expect(() => parseXElement('<a/><b/>')).toThrow();
  });

  it('refuses nesting deeper than the bound', () => {
    const ok = '<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH);
    expect(parseXElement(ok).name.localName).toBe('a');
    const deep = '<a>'.repeat(MAX_XML_DEPTH + 1) + '</a>'.repeat(MAX_XML_DEPTH + 1);
    expect(() => parseXElement(deep)).toThrow(`deeper than ${MAX_XML_DEPTH} levels`);
  });
});

function makeContext(body?: string): GatewayContext {
  return new GatewayContext({
    method: 'POST',
    originalUrl: new URL('https://gw.example.test/soap'),
    headers: HeaderBag.from({ 'x-xml': '<cfg env="prod"><limit>40</limit><flag>true</flag></cfg>' }),
    ipAddress: '10.0.0.1',
    body,
    api: { id: 'soap', name: 'Soap', path: 'soap', serviceUrl: 'http://soap.internal' },
    operation: { id: 'call', name: 'Call', method: 'POST', urlTemplate: '/' },
    backendPath: '/',
  });
}

const run = (source: string, context = makeContext()) =>
  compileExpression(source, { file: 'p.xml', line: 1 }).evaluate(context);
const CFG = 'XElement.Parse(context.Request.Headers.GetValueOrDefault("x-xml", "<none/>"))';

describe('XElement in expressions', () => {
  it('reads names, values, elements and attributes', () => {
    expect(run(`@(${CFG}.Name.LocalName)`)).toBe('cfg');
    expect(run(`@(${CFG}.Attribute("env").Value)`)).toBe('prod');
    expect(run(`@(${CFG}.Attribute("missing")?.Value ?? "none")`)).toBe('none');
    expect(run(`@(${CFG}.Element("limit").Value)`)).toBe('40');
    expect(run(`@((int)${CFG}.Element("limit") * 2)`)).toBe(80);
    expect(run(`@((bool)${CFG}.Element("flag"))`)).toBe(true);
    expect(run(`@(${CFG}.Elements().Count())`)).toBe(2);
    expect(run(`@(${CFG}.Descendants("limit").Count())`)).toBe(1);
    expect(run(`@(${CFG}.Value)`)).toBe('40true');
    expect(run(`@(${CFG}.Element("limit").Name == "limit")`)).toBe(true);
  });

  it('builds elements and prints them like .NET', () => {
    expect(
      run('@(new XElement("a", new XAttribute("k", 1), new XElement("b", "text"), new XElement("c")).ToString())'),
    ).toBe('<a k="1">\n  <b>text</b>\n  <c />\n</a>');
    expect(run('@(new XElement("x", "a < b").ToString(SaveOptions.DisableFormatting))')).toBe('<x>a &lt; b</x>');
  });

  it('uses namespaces through XNamespace + name', () => {
    const source = `@{
      XNamespace ns = "urn:orders";
      var root = XElement.Parse("<o:order xmlns:o=\\"urn:orders\\"><o:id>9</o:id></o:order>");
      return root.Element(ns + "id").Value + "|" + (root.Element("id") == null);
    }`;
    expect(run(source)).toBe('9|True');
  });

  it('reads XDocument.Parse(...).Root and the body as XElement', () => {
    expect(run('@(XDocument.Parse("<?xml version=\\"1.0\\"?><r><v>1</v></r>").Root.Element("v").Value)')).toBe('1');
    const context = makeContext('<req><id>77</id></req>');
    expect(run('@(context.Request.Body.As<XElement>(preserveContent: true).Element("id").Value)', context)).toBe('77');
    expect(run('@(context.Request.Body.As<XDocument>().Root.Name.LocalName)', context)).toBe('req');
    expect(context.request.body).toBe('');
  });

  it('changes elements: SetAttributeValue, SetElementValue, Add, Remove', () => {
    const source = `@{
      var e = XElement.Parse("<r a=\\"1\\"><old/></r>");
      e.SetAttributeValue("a", null);
      e.SetAttributeValue("b", 2);
      e.SetElementValue("n", "v");
      e.Element("old").Remove();
      e.Add(new XElement("z"));
      return e.ToString(SaveOptions.DisableFormatting);
    }`;
    expect(run(source)).toBe('<r b="2"><n>v</n><z /></r>');
  });

  it('faults on malformed XML at run time', () => {
    expect(() => run('@(XElement.Parse("<a><b></a>").Name.LocalName)')).toThrow('Expression evaluation failed');
  });
});

describe('LINQ over XML', () => {
  it('enumerates Elements() and Descendants()', () => {
    expect(
      run(
        '@{ var n = 0; foreach (var e in XElement.Parse("<r><x>1</x><x>2</x></r>").Elements()) { n += (int)e; } return n; }',
      ),
    ).toBe(3);
    expect(run('@(XElement.Parse("<r><a/><b><c/></b></r>").Descendants().Select(d => d.Name.LocalName).Last())')).toBe(
      'c',
    );
    expect(run('@(XElement.Parse("<r/>").Elements().Any())')).toBe(false);
  });

  it('declares a namespace an element was built with', () => {
    expect(run('@(new XElement("{urn:a}r", new XElement("{urn:a}c")).ToString())')).toBe(
      '<r xmlns="urn:a">\n  <c />\n</r>',
    );
  });
});

describe('XML normalisation', () => {
  it('normalises line ends in text and whitespace in attribute values, as an XML reader must', () => {
    const root = parseXElement('<a k="x\ny\tz" nl="1&#xA;2">line1\r\nline2</a>');
    expect(root.attribute(XName.parse('k'))?.value).toBe('x y z');
    expect(root.attribute(XName.parse('nl'))?.value).toBe('1\n2');
    expect(root.value).toBe('line1\nline2');
    expect(writeXml(root)).toBe('<a k="x y z" nl="1&#xA;2">line1\nline2</a>');
  });
});

describe('System.Xml.Linq.Extensions on element sequences', () => {
  it('applies Elements, Descendants and Attributes to each element; Remove() removes them all', () => {
    const doc = 'XElement.Parse("<r><g><i n=\\"1\\"/><i n=\\"2\\"/></g><g><i n=\\"3\\"/></g></r>")';
    expect(run(`@(${doc}.Elements("g").Elements("i").Count())`)).toBe(3);
    expect(
      run(`@(${doc}.Elements().Attributes().Count() + ${doc}.Elements("g").Descendants("i").Attributes("n").Count())`),
    ).toBe(3);
    expect(
      run(
        `@{ var r = ${doc}; r.Elements("g").Elements("i").Remove(); return r.ToString(SaveOptions.DisableFormatting); }`,
      ),
    ).toBe('<r><g /><g /></r>');
  });
});

describe('XDocument and XDeclaration', () => {
  it('builds a document with a declaration that ToString() leaves out', () => {
    const source = `@{
      var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("r", new XElement("v", 1)));
      return doc.Declaration.ToString() + "|" + doc.ToString(SaveOptions.DisableFormatting);
    }`;
    expect(run(source)).toBe('<?xml version="1.0" encoding="utf-8"?>|<r><v>1</v></r>');
    expect(run('@(XDocument.Parse("<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?><r/>").Declaration.Encoding)')).toBe(
      'utf-8',
    );
  });
});

describe('values as XML text', () => {
  it('writes dates, durations and booleans as XmlConvert does', () => {
    expect(
      run(
        '@(new XElement("t", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).ToString(SaveOptions.DisableFormatting))',
      ),
    ).toBe('<t>2024-01-02T03:04:05Z</t>');
    expect(run('@(new XElement("d", TimeSpan.FromSeconds(90)).Value)')).toBe('PT1M30S');
    expect(run('@(new XElement("b", true).Value)')).toBe('true');
    expect(run('@(new XAttribute("n", 1.5).ToString())')).toBe('n="1.5"');
  });
});

describe('(DateTime) of an element', () => {
  it('reads ISO dates with their kind', () => {
    expect(run('@(((DateTime)XElement.Parse("<d>2024-01-02T03:04:05Z</d>")).ToString("o"))')).toBe(
      '2024-01-02T03:04:05.0000000Z',
    );
    expect(run('@(((DateTime)XElement.Parse("<d>2024-01-02</d>")).ToString("o"))')).toBe('2024-01-02T00:00:00.0000000');
  });
});

describe('indentation around mixed content', () => {
  it('stops indenting once text is written inside an element, as XmlWriter does', () => {
    expect(writeXml(parseXElement('<a><b/>text<c/></a>'))).toBe('<a>\n  <b />text<c /></a>');
    expect(writeXml(parseXElement('<r><p>x<i>y</i></p><q/></r>'))).toBe('<r>\n  <p>x<i>y</i></p>\n  <q />\n</r>');
  });
});
