import { parsePolicyXml } from './read-policy-xml';

describe('parsePolicyXml', () => {
  it('gives elements with attributes, decoded text and 1-based lines', () => {
    const [root] = parsePolicyXml(
      '<?xml version="1.0"?>\n<inbound>\n  <!-- a comment -->\n  <set-header name="X-A&amp;B" exists-action="override">\n    <value>a &lt; b</value>\n  </set-header>\n</inbound>',
      {
        fileName: 'api.xml',
      },
    );
    expect(root).toMatchObject({ name: 'inbound', line: 2, file: 'api.xml' });
    const [header] = root.children;
    expect(header).toMatchObject({
      name: 'set-header',
      attributes: { name: 'X-A&B', 'exists-action': 'override' },
      line: 4,
    });
    expect(header.children[0]).toMatchObject({
      name: 'value',
      text: 'a < b',
      line: 5,
      children: [],
    });
  });

  it('accepts several top-level elements', () => {
    expect(parsePolicyXml('<a/>\n<b/>').map((element) => [element.name, element.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('tolerates raw && in attribute values as APIM documents write them, but not inside CDATA', () => {
    const [when] = parsePolicyXml('<when condition="@(a && b)"><![CDATA[x &amp; y]]></when>');
    expect(when.attributes['condition']).toBe('@(a && b)');
    expect(when.text).toBe('x &amp; y');
  });
});
