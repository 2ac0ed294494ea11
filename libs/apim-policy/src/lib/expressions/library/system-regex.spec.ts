import { failure, refusal, run, specContext } from '../expression-spec-kit';
import { translateRegex } from './system-regex-translate';

describe('Regex in expressions', () => {
  it('matches, reads named and numbered groups, and gives an unsuccessful group for unknown names', () => {
    const context = specContext({ cc: 'public, max-age=600' });
    expect(
      run(
        '@(Regex.Match((string)context.Variables["cc"], @"max-age=(?<maxAge>\\d+)").Groups["maxAge"]?.Value)',
        context,
      ),
    ).toBe('600');
    expect(run('@(Regex.Match("v2.15", @"v(\\d+)\\.(\\d+)").Groups[2].Value)')).toBe('15');
    expect(run('@(Regex.Match("abc", "x").Success)')).toBe(false);
    expect(run('@(Regex.Match("abc", "(?<a>b)").Groups["zzz"].Success)')).toBe(false);
    expect(run('@(Regex.Match("say hello", "hel+o").Index)')).toBe(4);
    expect(run('@(Regex.IsMatch("ABC", "^abc$", RegexOptions.IgnoreCase))')).toBe(true);
    expect(run('@(Regex.IsMatch("ABC", "b", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100)))')).toBe(true);
    expect(run('@(new Regex("c$", RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch("abc"))')).toBe(true);
    expect(run('@(Regex.Replace("a-b", "-", "+", RegexOptions.None, TimeSpan.FromSeconds(1)))')).toBe('a+b');
    expect(run('@(Regex.IsMatch("a\\nb", "^b$", RegexOptions.IgnoreCase | RegexOptions.Multiline))')).toBe(true);
  });

  it('numbers unnamed groups before named ones, as .NET does', () => {
    expect(run('@(Regex.Match("2024-05", @"(?<year>\\d{4})-(\\d{2})").Groups[1].Value)')).toBe('05');
    expect(run('@(Regex.Match("2024-05", @"(?<year>\\d{4})-(\\d{2})").Groups[2].Value)')).toBe('2024');
    expect(run('@(new Regex(@"(?<year>\\d{4})-(\\d{2})").GetGroupNames().Length)')).toBe(3);
  });

  it('iterates Matches with foreach, Count and an indexer', () => {
    expect(run('@(Regex.Matches("a1b22c333", @"\\d+").Count)')).toBe(3);
    expect(run('@(Regex.Matches("a1b22c333", @"\\d+")[2].Value)')).toBe('333');
    expect(
      run(
        '@{ var total = 0; foreach (Match m in Regex.Matches("a1b22c333", @"\\d+")) { total += m.Length; } return total; }',
      ),
    ).toBe(6);
    expect(failure('@(Regex.Matches("a", "b")[0].Value)')).toContain('ArgumentOutOfRangeException');
  });

  it('replaces with .NET substitutions and with a lambda', () => {
    expect(run('@(Regex.Replace("John Smith", @"(?<first>\\w+) (?<last>\\w+)", "${last}, ${first}"))')).toBe(
      'Smith, John',
    );
    expect(run('@(Regex.Replace("a-b", "-", "[$&][$$]"))')).toBe('a[-][$]b');
    expect(run('@(Regex.Replace("x1y2", @"\\d", m => (int.Parse(m.Value) * 2).ToString()))')).toBe('x2y4');
    expect(run('@(new Regex("o").Replace("foo", "0"))')).toBe('f00');
    expect(run('@(Regex.Match("key=value", "(\\\\w+)=(\\\\w+)").Result("$2:$1"))')).toBe('value:key');
  });

  it('splits the .NET way, keeping captured separators', () => {
    expect(run('@(string.Join("|", Regex.Split("a, b;c", @"[,;]\\s*")))')).toBe('a|b|c');
    expect(run('@(string.Join("|", Regex.Split("1-2", "(-)")))')).toBe('1|-|2');
  });

  it('keeps .NET meanings of . $ \\A \\z and leading inline options', () => {
    expect(run('@(Regex.IsMatch("line\\n", "line$"))')).toBe(true);
    expect(run('@(Regex.IsMatch("a\\nb", "a.b"))')).toBe(false);
    expect(run('@(Regex.IsMatch("a\\nb", "a.b", RegexOptions.Singleline))')).toBe(true);
    expect(run('@(Regex.IsMatch("ABC", "(?i)^abc\\\\z"))')).toBe(true);
    expect(run('@(Regex.IsMatch("x\\nabc", @"\\Aabc"))')).toBe(false);
    expect(run('@(Regex.Unescape(@"a\\tb"))')).toBe('a\tb');
  });

  it('refuses what JavaScript cannot run, and Regex.Escape / NextMatch which APIM does not list', () => {
    expect(failure('@(Regex.IsMatch("aaa", "(?>a+)a"))')).toContain('an atomic group');
    expect(failure('@(Regex.IsMatch("aaaa!", "(a+)+$"))')).toContain('exponential time');
    expect(failure('@(Regex.IsMatch("a", "[a-z-[aeiou]]"))')).toContain('class subtraction');
    expect(failure('@(Regex.IsMatch("a", "("))')).toContain('is not a valid regular expression');
    expect(refusal('@(Regex.Escape("a.b"))').detail).toContain('not among the Regex members APIM allows');
    expect(refusal('@(Regex.Match("a", "a").NextMatch())').detail).toContain('Regex.Matches');
  });
});

describe('the .NET → JavaScript translation', () => {
  it("turns 'name' groups into <name> groups and strips comments with IgnorePatternWhitespace", () => {
    expect(translateRegex("(?'id'\\d+)\\k'id'", 0).regex.source).toBe('(?<id>\\d+)\\k<id>');
    expect(translateRegex('a b # comment\n c', 32).regex.source).toBe('abc');
    expect(translateRegex('(a)(?<n>b)', 4).names).toEqual(['0', 'n']);
    // .NET's \1 is the first unnamed group even when a named group comes first.
    expect(translateRegex('(?<n>x)(y)\\1\\2', 0).regex.source).toBe('(?<n>x)(y)\\2\\1');
    expect(() => translateRegex('(a)\\2', 0)).toThrow('refers to group 2');
  });
});
