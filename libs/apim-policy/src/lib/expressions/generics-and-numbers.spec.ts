import { refusal, run, specContext } from './expression-spec-kit';

describe('generic types in source', () => {
  it('declares and casts List<T>, IList<T>, IEnumerable<T>, Dictionary<K, V> and KeyValuePair<K, V>', () => {
    expect(
      run(`@{
        List<string> names = new List<string> { "b", "a" };
        IList<string> alias = names;
        IEnumerable<string> sequence = names;
        string[] array = sequence.ToArray();
        return alias.Count + array.Length + sequence.Count();
      }`),
    ).toBe(6);
    expect(run('@(((List<string>)context.Variables["list"]).Count)', specContext({ list: ['x', 'y'] }))).toBe(2);
    expect(run('@((context.Variables["list"] as List<int>) == null)', specContext({ list: ['x'] }))).toBe(true);
    expect(run('@{ var pair = new KeyValuePair<string, int>("k", 3); return pair.Key + pair.Value; }')).toBe('k3');
  });

  it('gives default(T) values and treats a string[] as an object[] (array covariance)', () => {
    expect(run('@(default(int) + "," + (default(string) == null) + "," + default(bool))')).toBe('0,True,False');
    expect(run('@{ object[] boxes = new string[] { "a", "b" }; return boxes.Length; }')).toBe(2);
    expect(refusal('@{ object[] boxes = new int[] { 1 }; return 1; }').code).toBe('EXPRESSION_INVALID');
  });

  it('offers List<T> members: Add, AddRange, Insert, Remove, RemoveAt, Contains, IndexOf, indexer, Count', () => {
    expect(
      run(`@{
        var l = new List<string> { "a", "b" };
        l.AddRange(new[] { "c", "d" });
        l.Insert(0, "z");
        var removed = l.Remove("b");
        l.RemoveAt(l.Count - 1);
        l[0] = l[0].ToUpper();
        return string.Join(",", l.ToArray()) + "|" + removed + "|" + l.Contains("c") + "|" + l.IndexOf("c");
      }`),
    ).toBe('Z,a,c|True|True|2');
  });

  it('offers List<T> search and sort members: Sort, Reverse, Exists, Find, FindAll, FindIndex, RemoveAll, GetRange', () => {
    expect(
      run(`@{
        var l = new List<int> { 5, 1, 4, 2 };
        l.Sort();
        var sorted = string.Join(",", l);
        l.Sort((a, b) => b - a);
        l.Reverse();
        var removed = l.RemoveAll(n => n > 4);
        return sorted + "|" + string.Join(",", l) + "|" + removed + "|" + l.Exists(n => n == 2) + "|" + l.Find(n => n > 1) +
          "|" + l.FindAll(n => n < 4).Count + "|" + l.FindIndex(n => n == 4) + "|" + l.GetRange(1, 2)[1] + "|" + l.TrueForAll(n => n > 0);
      }`),
    ).toBe('1,2,4,5|1,2,4|1|True|2|2|2|4|True');
  });

  it('offers Dictionary<K, V> members: ContainsKey, Keys, Values, Remove, Count, foreach over pairs', () => {
    expect(
      run(`@{
        var d = new Dictionary<string, int> { { "a", 1 }, { "b", 2 }, { "c", 3 } };
        d.Remove("b");
        var text = "";
        foreach (var pair in d) { text += pair.Key + "=" + pair.Value + ";"; }
        return text + d.Count + d.ContainsKey("a") + d.ContainsKey("b") + string.Join("", d.Keys.ToArray()) + d.Values.Sum();
      }`),
    ).toBe('a=1;c=3;2TrueFalseac4');
  });

  it('fails at run time like .NET collections', () => {
    expect(() => run('@(new Dictionary<string, int>()["x"])')).toThrow('the key "x" was not present in the dictionary');
    expect(() => run('@{ var d = new Dictionary<string, int>(); d.Add("a", 1); d.Add("a", 2); return 1; }')).toThrow(
      'an item with the key "a" has already been added',
    );
    expect(() => run('@(new List<int>()[0])')).toThrow('index 0 is out of range for List<int> of length 0');
  });

  it('refuses unknown generic types and wrong arities', () => {
    expect(refusal('@{ Dictionary<string> d = null; return 1; }').detail).toBe(
      'Dictionary takes 2 type argument(s): Dictionary<string>',
    );
    expect(refusal('@{ SortedSet<string> s = null; return 1; }').code).toBe('EXPRESSION_UNSUPPORTED');
    expect(refusal('@{ List l = null; return 1; }').detail).toBe(
      'type List is not supported; give its type arguments: List<…>',
    );
  });
});

describe('numbers and operators', () => {
  it('types literals: int, long (L suffix or too big for int), double', () => {
    expect(run('@(2147483647 + 1)')).toBe(-2147483648);
    expect(run('@(2147483647L + 1)')).toBe(2147483648);
    expect(run('@(3000000000 * 2)')).toBe(6000000000);
  });

  it('promotes byte → int → long → double', () => {
    expect(run('@{ byte b = 200; int i = b + b; return i; }')).toBe(400);
    expect(run('@{ long big = 5000000000; int small = 2; return big * small; }')).toBe(10000000000);
    expect(run('@{ long l = 7; double d = l / 2.0; return d; }')).toBe(3.5);
    expect(run('@{ long l = 7; return l / 2; }')).toBe(3);
    expect(refusal('@{ int i = 5000000000; return i; }').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@{ long l = 1; int i = l; return i; }').detail).toBe(
      'cannot assign l (long) to int i; cast it: (int)l',
    );
  });

  it('does bitwise and shift operators on integers, and the logical & | ^ on bools', () => {
    expect(run('@((12 & 10) + "," + (12 | 3) + "," + (12 ^ 10) + "," + ~5)')).toBe('8,15,6,-6');
    expect(run('@((1 << 4) + "," + (-16 >> 2) + "," + (1 << 33))')).toBe('16,-4,2');
    expect(run('@((1L << 40) + "," + (0xFFL & 0x0F))')).toBe('1099511627776,15');
    expect(run('@(true & false | true ^ false)')).toBe(true);
    expect(run('@{ int flags = 1; flags |= 4; flags <<= 1; flags >>= 1; return flags; }')).toBe(5);
    expect(refusal('@(1.5 & 1)').detail).toBe('operator & cannot be applied to double and int');
  });

  it('computes % on ints and doubles, and refuses integer division by zero at run time', () => {
    expect(run('@(-7 % 3)')).toBe(-1);
    expect(run('@(7.5 % 2)')).toBe(1.5);
    expect(() => run('@{ var z = 0; return 1 / z; }')).toThrow('division by zero');
    expect(() => run('@{ long z = 0; return 1L % z; }')).toThrow('division by zero');
  });

  it('casts between numeric types: truncation and wrap-around', () => {
    expect(run('@((int)2.9 + "," + (int)-2.9)')).toBe('2,-2');
    expect(run('@((byte)300 + "," + (byte)-1)')).toBe('44,255');
    expect(run('@((long)1.5e10)')).toBe(15000000000);
    expect(run('@((int)4294967297L)')).toBe(1);
    expect(run('@((char)65 + "" + (int)\'a\')')).toBe('A97');
    expect(run("@('7' - '0' + 1)")).toBe(8);
  });

  it('reads nullable values with GetValueOrDefault, HasValue and Value', () => {
    expect(
      run('@{ int? limit = null; return limit.GetValueOrDefault(25) + limit.GetValueOrDefault() + (limit ?? 1); }'),
    ).toBe(26);
    expect(run('@{ int? limit = 3; return limit.HasValue && limit.Value == limit.GetValueOrDefault(25); }')).toBe(true);
  });

  it('compares through == and != across numeric types', () => {
    expect(run('@(1 == 1L && 2.0 == 2 && (byte)3 != 4)')).toBe(true);
  });
});

describe('System.Array', () => {
  it('sorts, reverses, searches and converts arrays, inferring T from the array', () => {
    expect(
      run(`@{
        var names = new[] { "pear", "apple", "fig" };
        Array.Sort(names);
        var sorted = string.Join(",", names);
        Array.Sort(names, (a, b) => a.Length - b.Length);
        Array.Reverse(names);
        return sorted + "|" + string.Join(",", names) + "|" + Array.IndexOf(names, "fig");
      }`),
    ).toBe('apple,fig,pear|apple,pear,fig|2');
    expect(run('@(Array.Exists(new[] { 1, 5 }, n => n > 3) && Array.TrueForAll(new[] { 1, 5 }, n => n > 0))')).toBe(
      true,
    );
    expect(run('@(Array.Find(new[] { 1, 5, 7 }, n => n > 3) + Array.FindIndex(new[] { 1, 5 }, n => n > 3))')).toBe(6);
    expect(run('@(Array.FindAll(new[] { 1, 5, 7 }, n => n > 3).Length)')).toBe(2);
    expect(run('@(Array.ConvertAll(new[] { 1, 22 }, n => n.ToString())[1].Length)')).toBe(2);
    expect(run('@(Array.Empty<string>().Length)')).toBe(0);
    expect(run('@{ var a = new[] { 1, 2, 3 }; var b = new int[3]; Array.Copy(a, b, 2); return b[1] + b[2]; }')).toBe(2);
  });

  it('refuses Array methods that do not fit', () => {
    expect(refusal('@(Array.IndexOf(new[] { 1 }, "x"))').code).toBe('EXPRESSION_INVALID');
    expect(refusal('@{ var a = new[] { 1 }; Array.Resize(ref a, 2); return 1; }').code).toBe('EXPRESSION_UNSUPPORTED');
  });
});

describe('HashSet, StringComparer and Tuple', () => {
  it('keeps unique items in a HashSet, optionally ignoring case', () => {
    expect(
      run(`@{
        var allowed = new HashSet<string>(new[] { "GET", "HEAD" }, StringComparer.OrdinalIgnoreCase);
        var added = allowed.Add("get");
        return allowed.Contains("head") + "," + added + "," + allowed.Count + "," + new HashSet<int> { 1, 1, 2 }.Count;
      }`),
    ).toBe('True,False,2,2');
    expect(run('@(new HashSet<string> { "a" }.Contains("A"))')).toBe(false);
    expect(run('@(string.Join(",", new HashSet<string>(new[] { "b", "a", "b" }).OrderBy(s => s)))')).toBe('a,b');
  });

  it('builds case-insensitive dictionaries with a StringComparer', () => {
    expect(
      run(`@{
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { { "Content-Type", "json" } };
        return d["content-type"] + "," + d.ContainsKey("CONTENT-TYPE") + "," + new Dictionary<string, int>(StringComparer.Ordinal).Count;
      }`),
    ).toBe('json,True,0');
  });

  it('creates tuples with Tuple.Create and new Tuple<…>, read through Item1…', () => {
    expect(run('@(Tuple.Create("eu", 2).Item1 + Tuple.Create("eu", 2).Item2)')).toBe('eu2');
    expect(run('@(new Tuple<string, bool>("x", true).Item2)')).toBe(true);
    expect(refusal('@(Tuple.Create("a").Item2)').code).toBe('EXPRESSION_UNSUPPORTED');
  });
});
