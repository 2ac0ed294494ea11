import { failure, run, specContext } from '../expression-spec-kit';
import { compareStrings, splitOn } from './system-strings';

describe('string members beyond the core', () => {
  it('splits on char[] and string[] with StringSplitOptions and a count', () => {
    expect(run('@(string.Join("|", "a,b;;c".Split(new[] { \',\', \';\' })))')).toBe('a|b||c');
    expect(
      run('@(string.Join("|", "a,b;;c".Split(new char[] { \',\', \';\' }, StringSplitOptions.RemoveEmptyEntries)))'),
    ).toBe('a|b|c');
    expect(
      run(
        '@(string.Join("|", "a, b ,,c".Split(\',\', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))',
      ),
    ).toBe('a|b|c');
    expect(run('@(string.Join("|", "k=v=w".Split(new[] { \'=\' }, 2)))')).toBe('k|v=w');
    expect(run('@(string.Join("|", "a::b::c".Split(new[] { "::" }, StringSplitOptions.None)))')).toBe('a|b|c');
    expect(run('@("x y".Split("", StringSplitOptions.None).Length)')).toBe(1);
    expect(splitOn('a b\tc', [], 0)).toEqual(['a', 'b', 'c']);
    expect(splitOn('a,b,c', [','], 1, 2)).toEqual(['a', 'b,c']);
  });

  it('pads, trims any of several characters, inserts and removes', () => {
    expect(run('@("7".PadLeft(3, \'0\') + "|" + "ab".PadRight(4) + "|")')).toBe('007|ab  |');
    expect(run("@(\"--=x=--\".Trim('-', '='))")).toBe('x');
    expect(run('@("/path/".TrimEnd(new[] { \'/\' }))')).toBe('/path');
    expect(run('@("abef".Insert(2, "cd"))')).toBe('abcdef');
    expect(run('@("abcdef".Remove(3))')).toBe('abc');
    expect(run('@("abcdef".Remove(1, 2))')).toBe('adef');
    expect(failure('@("abc".Remove(5))')).toContain('ArgumentOutOfRangeException');
    expect(failure('@("abc".PadLeft(-1))')).toContain('ArgumentOutOfRangeException');
    expect(failure('@("abc".PadLeft(2000000000))')).toContain('OutOfMemoryException');
    expect(failure("@(new string('x', 2000000000))")).toContain('OutOfMemoryException');
  });

  it('finds with ranges, comparisons and any-of sets', () => {
    expect(run('@("a.b.c".IndexOf(\'.\', 2))')).toBe(3);
    expect(run('@("abcabc".IndexOf("c", 3, 2))')).toBe(-1);
    expect(run('@("abcabc".IndexOf("C", 3, StringComparison.OrdinalIgnoreCase))')).toBe(5);
    expect(run('@("a.b.c".LastIndexOf(\'.\', 2))')).toBe(1);
    expect(run("@(\"key=value&x\".IndexOfAny(new[] { '=', '&' }))")).toBe(3);
    expect(run("@(\"a/b\\\\c\".LastIndexOfAny(new[] { '/', '\\\\' }))")).toBe(3);
    expect(run('@("Hello".StartsWith(\'H\') && "Hello".EndsWith(\'o\'))')).toBe(true);
  });

  it('replaces ignoring case and turns text into chars', () => {
    expect(run('@("Bearer abc".Replace("bearer ", "", StringComparison.OrdinalIgnoreCase))')).toBe('abc');
    expect(run('@("abc".ToCharArray().Length)')).toBe(3);
    expect(run('@(new string("abc".ToCharArray().Reverse().ToArray()))')).toBe('cba');
    expect(run("@(new string('*', 3))")).toBe('***');
  });
});

describe('string statics beyond the core', () => {
  it('concatenates many values and enumerables', () => {
    expect(run('@(string.Concat("a", "b", "c", "d"))')).toBe('abcd');
    expect(run('@(string.Concat(1, true, null, 2.5))')).toBe('1True2.5');
    expect(run('@(string.Concat(new List<string> { "x", "y" }))')).toBe('xy');
  });

  it('joins enumerables, lists, object arrays and ranges', () => {
    expect(run('@(string.Join(",", new List<string> { "a", "b" }))')).toBe('a,b');
    expect(run('@(string.Join("-", new[] { "a", "b", "c" }.Where(s => s != "b")))')).toBe('a-c');
    expect(run('@(string.Join(";", new object[] { 1, "two", true }))')).toBe('1;two;True');
    expect(run('@(string.Join("+", new[] { "a", "b", "c", "d" }, 1, 2))')).toBe('b+c');
    expect(
      run('@(string.Join(\',\', context.Request.Headers.GetValueOrDefault("x-list", "").Split(\',\')))', specContext()),
    ).toBe('a,b,,c');
  });

  it('compares culturally, ordinally and ignoring case', () => {
    expect(run('@(string.Compare("apple", "Banana"))')).toBe(-1);
    expect(run('@(string.CompareOrdinal("apple", "Banana") > 0)')).toBe(true);
    expect(run('@(string.Compare("abc", "ABC", true))')).toBe(0);
    expect(run('@(string.Compare("abc", "ABC", StringComparison.OrdinalIgnoreCase))')).toBe(0);
    expect(run('@(string.Equals("abc", "ABC", StringComparison.OrdinalIgnoreCase))')).toBe(true);
    expect(run('@("b".CompareTo("a"))')).toBe(1);
    expect(compareStrings(null, 'a', 'Ordinal')).toBe(-1);
  });
});

describe('char statics', () => {
  it('classifies and converts characters', () => {
    expect(run("@(char.IsDigit('7') && Char.IsLetter('é') && char.IsWhiteSpace(' ') && char.IsUpper('Q'))")).toBe(true);
    expect(run('@(char.IsDigit("a1", 1))')).toBe(true);
    expect(run("@(char.ToUpper('x'))")).toBe('X');
    expect(run('@("a1b2".ToCharArray().Count(c => char.IsDigit(c)))')).toBe(2);
  });
});

describe('params-style calls spelled out', () => {
  it('formats up to eight arguments and joins sequences of numbers', () => {
    expect(run('@(string.Format("{0}{1}{2}{3}{4}", 1, 2, 3, 4, 5))')).toBe('12345');
    expect(run('@(string.Join(",", new List<int> { 1, 2 }))')).toBe('1,2');
    expect(run('@(string.Join(";", new[] { 1.5, 2 }.Select(x => x * 2)))')).toBe('3;4');
  });
});

describe('StringComparer', () => {
  it('compares and tests equality by the chosen rule', () => {
    expect(run('@(StringComparer.OrdinalIgnoreCase.Equals("ETag", "etag"))')).toBe(true);
    expect(run('@(StringComparer.Ordinal.Equals("ETag", "etag"))')).toBe(false);
    expect(run('@(StringComparer.Ordinal.Compare("a", "B"))')).toBe(1);
    expect(run('@(StringComparer.InvariantCulture.Compare("a", "B"))')).toBe(-1);
    expect(run('@(StringComparer.FromComparison(StringComparison.OrdinalIgnoreCase).Equals("A", "a"))')).toBe(true);
  });
});
