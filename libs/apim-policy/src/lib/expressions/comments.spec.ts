import { parsePolicyXml } from '../xml/read-policy-xml';
import { run } from './expression-spec-kit';

describe('C# comments in expressions', () => {
  it('skips // and /* */ comments, including ones holding quotes, braces and parentheses', () => {
    expect(run('@(1 /* one ) } " */ + 2 // two\n)')).toBe(3);
    expect(run('@{\n  // don\'t return "early" {\n  var n = 4; /* it\'s } */\n  return n * 2;\n}')).toBe(8);
  });

  it('compiles the expressions of a policy document whose comments hold quotes', () => {
    const [policies] = parsePolicyXml(
      [
        '<policies><inbound>',
        '  <set-variable name="a" value="@{ /* it\'s "quoted" */ return "a"; }" />',
        "  <set-variable name='b' value='@( \"b\" /* don\\'t */ )' />",
        '  <set-header name="X-C" exists-action="override"><value>@{',
        '    // the client\'s "X-C" header is ignored { (',
        '    return context.Request.Method.Length < 10 ? "short" : "long";',
        '  }</value></set-header>',
        '</inbound></policies>',
      ].join('\n'),
    );
    const [a, b, header] = policies.children[0].children;
    expect(run(a.attributes['value'])).toBe('a');
    expect(run(b.attributes['value'])).toBe('b');
    expect(run(header.children[0].text)).toBe('short');
  });
});
