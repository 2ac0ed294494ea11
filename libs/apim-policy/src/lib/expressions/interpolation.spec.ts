import { refusal, run, specContext } from './expression-spec-kit';

describe('interpolated strings', () => {
  it('fills holes with C# ToString() text; null gives nothing', () => {
    expect(run('@($"{context.Request.Method} {context.Api.Name}: {1 + 2} {true} {null}|")')).toBe(
      'POST Orders: 3 True |',
    );
    expect(run('@{ string missing = null; return $"[{missing}]"; }')).toBe('[]');
    expect(run('@($"{context.Variables["count"]}")', specContext({ count: 3 }))).toBe('3');
  });

  it('formats holes with :format and pads with ,alignment like string.Format', () => {
    expect(run('@($"{42:D5}|{3.14159:F2}|{0.5:P0}")')).toBe('00042|3.14|50 %');
    expect(run('@($"[{"ab",5}][{"ab",-5}][{7,3:D2}]")')).toBe('[   ab][ab   ][ 07]');
    expect(run('@($"{context.Timestamp:yyyy}")')).toMatch(/^\d{4}$/);
  });

  it('reads {{ and }} as braces, escapes in regular strings, and verbatim $@"…" / @$"…"', () => {
    expect(run('@($"{{\\"id\\": {7}}}")')).toBe('{"id": 7}');
    expect(run('@($"a\\tb")')).toBe('a\tb');
    expect(run('@($@"C:\\{context.Api.Id}\\""x""")')).toBe('C:\\orders\\"x"');
    expect(run('@(@$"{1}\\n")')).toBe('1\\n');
  });

  it('allows any expression in a hole, including calls with strings, indexers and parenthesised conditionals', () => {
    expect(run('@($"{context.Request.Headers.GetValueOrDefault("x-tenant", "none").ToLower()}")')).toBe('contoso');
    expect(run('@($"{(context.Request.Method == "POST" ? "write" : "read")}")')).toBe('write');
    expect(run('@($"{new[] { "a", "b" }[1]}")')).toBe('b');
  });

  it('refuses broken holes at load time', () => {
    expect(refusal('@($"{}")').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@($"{1 +}")').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@($"{nope}")').detail).toBe(
      '"nope" is not defined; expressions start from context or from a variable declared in the block',
    );
  });
});
