import { escapeExpressions } from './escape-expressions';
import { parsePolicyXml } from './read-policy-xml';

describe('escapeExpressions', () => {
  it('escapes nested quotes, && and < inside an attribute expression (APIM doc example)', () => {
    const xml = `<when condition="@(context.Request.Method == "POST" && !((Jwt)context.Variables["jwt"]).Claims["group"].Contains("finance"))">`;
    expect(escapeExpressions(xml)).toBe(
      '<when condition="@(context.Request.Method == &quot;POST&quot; &amp;&amp; !((Jwt)context.Variables[&quot;jwt&quot;]).Claims[&quot;group&quot;].Contains(&quot;finance&quot;))">',
    );
  });

  it('skips parentheses and braces inside C# string, verbatim and char literals', () => {
    const xml = `<a v="@(x == ")" && y == @"a""(b" && z == ')')" />`;
    const [element] = parsePolicyXml(xml);
    expect(element.attributes['v']).toBe(`@(x == ")" && y == @"a""(b" && z == ')')`);
  });

  it('escapes multi-statement blocks in element text, keeping newlines', () => {
    const xml = '<set-body>@{\n  var n = 1;\n  if (n < 2) { return "<ok>"; }\n  return "no";\n}</set-body>\n<next />';
    const elements = parsePolicyXml(xml);
    expect(elements[0].text).toBe('@{\n  var n = 1;\n  if (n < 2) { return "<ok>"; }\n  return "no";\n}');
    expect(elements[1]).toMatchObject({ name: 'next', line: 6 });
  });

  it('handles single-quoted attributes', () => {
    const [element] = parsePolicyXml(`<a v='@(x == "it's")' />`);
    expect(element.attributes['v']).toBe(`@(x == "it's")`);
  });

  it('leaves properly escaped expressions, comments and CDATA alone', () => {
    const xml = '<a v="@(x &amp;&amp; y)"><!-- ="@(" --><![CDATA[>@(]]></a>';
    expect(escapeExpressions(xml)).toBe(xml);
    expect(parsePolicyXml(xml)[0].attributes['v']).toBe('@(x && y)');
  });

  it('leaves an unbalanced expression for the XML parser to report', () => {
    const xml = '<a v="@(x == "y"" />';
    expect(escapeExpressions(xml)).toBe(xml);
    expect(() => parsePolicyXml(xml)).toThrow(/not well-formed XML/);
  });

  it('skips C# comments: quotes, braces and parentheses inside them are not code', () => {
    const xml = [
      '<policies>',
      '  <inbound>',
      '    <set-variable name="tier" value="@{ /* it\'s "gold" unless ) or } says otherwise */ return "gold"; }" />',
      "    <set-header name='X-Who' exists-action='override'>",
      '      <value>@{',
      '        // don\'t trust the client\'s "X-Who" header { (',
      '        var who = context.Request.Headers.GetValueOrDefault("X-Who", "anon");',
      '        return who.Length < 10 ? who : "long"; // short names only',
      '      }</value>',
      '    </set-header>',
      "    <set-variable name='n' value='@(1 /* isn&apos;t it? */ + 2)' />",
      '  </inbound>',
      '</policies>',
    ].join('\n');
    const [policies] = parsePolicyXml(xml);
    const inbound = policies.children[0];
    expect(inbound.children[0].attributes['value']).toBe(
      '@{ /* it\'s "gold" unless ) or } says otherwise */ return "gold"; }',
    );
    expect(inbound.children[1].children[0].text).toContain('// don\'t trust the client\'s "X-Who" header { (');
    expect(inbound.children[1].children[0].text).toContain(
      'return who.Length < 10 ? who : "long"; // short names only\n      }',
    );
    expect(inbound.children[2].attributes['value']).toBe("@(1 /* isn't it? */ + 2)");
    expect(inbound.children[2].line).toBe(11);
  });

  it('keeps a division sign apart from comments', () => {
    const [element] = parsePolicyXml('<a v="@(10 / 2 &lt; 6 && "a/b" != "//")" />');
    expect(element.attributes['v']).toBe('@(10 / 2 < 6 && "a/b" != "//")');
  });
});
