import { cs, type CatalogueExpression } from '../catalogue-entry';

/** System.Xml.Linq basics. */
export const XML_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'xml/parse-element-value',
    features: ['xml'],
    source: cs`@(XElement.Parse("<order><id>17</id></order>").Element("id").Value)`,
    expected: '17',
  },
  {
    id: 'xml/build-element',
    features: ['xml', 'new', 'context'],
    source: cs`@(new XElement("fault", new XElement("code", context.Response.StatusCode), new XElement("requestId", context.RequestId)).ToString())`,
  },
  {
    id: 'xml/attribute-value',
    features: ['xml'],
    source: cs`@((string)XElement.Parse("<item sku=\"X1\" />").Attribute("sku"))`,
    expected: 'X1',
  },
  {
    id: 'xml/descendants-count',
    features: ['xml', 'linq'],
    source: cs`@(XDocument.Parse("<a><b/><b/><c><b/></c></a>").Descendants("b").Count())`,
    expected: '3',
  },
  {
    id: 'xml/namespace',
    features: ['xml', 'body', 'context'],
    source: cs`@{
    XNamespace soap = "http://schemas.xmlsoap.org/soap/envelope/";
    var envelope = context.Request.Body.As<XElement>(preserveContent: true);
    return envelope.Element(soap + "Body").FirstNode.ToString();
}`,
  },
  {
    id: 'xml/response-to-json',
    features: ['xml', 'json', 'body', 'context', 'disallowed-type'],
    source: cs`@(JsonConvert.SerializeXNode(context.Response.Body.As<XDocument>()))`,
    expect: 'refused',
    note: 'APIM allows only SerializeObject and DeserializeObject on JsonConvert; use the json-to-xml/xml-to-json policies instead',
  },
];
