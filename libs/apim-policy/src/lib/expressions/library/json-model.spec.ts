import { EvaluationFault } from '../expression-error';
import { castToken, convertValue, roundToEven, toToken } from './json-convert';
import { formatDotNetDouble, formatJsonFloat, quote, tokenToString, writeJson } from './json-format';
import { MAX_JSON_DEPTH, parseJson } from './json-parse';
import { selectToken, selectTokens } from './json-path';
import { JArray, JObject, JProperty, JValue, deepEquals } from './json-token';

/** The Newtonsoft run-time model on its own (parse, print, paths, conversions), without the checker. */

const obj = (text: string) => parseJson(text, 'JObject') as JObject;

describe('parseJson', () => {
  it('keeps property order, integer vs float kinds and big integers exactly', () => {
    const o = obj('{"z":1,"a":1.0,"m":2e3,"big":123456789012345678901,"neg":-7}');
    expect(o.children().map((p) => p.name)).toEqual(['z', 'a', 'm', 'big', 'neg']);
    expect(o.get('z')?.type).toBe('Integer');
    expect(o.get('a')?.type).toBe('Float');
    expect(o.get('m')?.type).toBe('Float');
    expect(o.get('big')?.type).toBe('Integer');
    expect(writeJson(o, 'None')).toBe('{"z":1,"a":1.0,"m":2000.0,"big":123456789012345678901,"neg":-7}');
  });

  it('reads ISO 8601 strings as Date tokens, like Newtonsoft by default', () => {
    const o = obj('{"when":"2025-03-04T05:06:07Z","text":"2025-03-04","local":"2025-03-04T05:06:07.250"}');
    expect(o.get('when')?.type).toBe('Date');
    expect(o.get('text')?.type).toBe('String');
    expect(writeJson(o, 'None')).toBe(
      '{"when":"2025-03-04T05:06:07Z","text":"2025-03-04","local":"2025-03-04T05:06:07.25"}',
    );
    expect(castToken(o.get('when'), 'string')).toBe('03/04/2025 05:06:07');
  });

  it('a repeated name keeps its first place and its last value', () => {
    expect(writeJson(obj('{"a":1,"b":2,"a":3}'), 'None')).toBe('{"a":3,"b":2}');
  });

  it('reports malformed JSON the way JsonReaderException words it', () => {
    expect(() => parseJson('{"a": tru}')).toThrow(
      "Unexpected character encountered while parsing value: t. Path 'a', line 1, position 7.",
    );
    expect(() => parseJson('{"a":1')).toThrow("Unexpected end of content while loading JObject. Path 'a', line 1");
    expect(() => parseJson('[1,2] x')).toThrow('Additional text encountered after finished reading JSON content: x.');
    expect(() => parseJson('{"a" 1}')).toThrow(
      "Invalid character after parsing property name. Expected ':' but got: 1.",
    );
    expect(() => parseJson('[1,2]', 'JObject')).toThrow(
      "Error reading JObject from JsonReader. Current JsonReader item is not an object: StartArray. Path '', line 1, position 1.",
    );
    expect(() => parseJson('{}', 'JArray')).toThrow('Current JsonReader item is not an array: StartObject.');
    expect(() => parseJson('  ')).toThrow("Error reading JToken from JsonReader. Path '', line 0, position 0.");
    expect(() => parseJson('{"a":"x}')).toThrow(EvaluationFault);
    expect(() => parseJson('{"a":\n  01}')).toThrow('line 2');
  });

  it("accepts what Newtonsoft's reader accepts beyond strict JSON", () => {
    const lenient = '{ // note\n a: \'single\', /* block */ "b": [1, 2,], c: NaN, d: undefined, }';
    expect(writeJson(parseJson(lenient), 'None')).toBe('{"a":"single","b":[1,2],"c":"NaN","d":undefined}');
    expect(() => parseJson('[1 /* open')).toThrow('Unexpected end while parsing comment');
    expect(() => parseJson('[,]')).toThrow('Unexpected character encountered while parsing value: ,');
  });

  it('reads long strings full of escapes', () => {
    const escaped = 'x\\"y\\n'.repeat(50_000); // x \" y \n
    expect((parseJson(`"${escaped}"`) as JValue).value).toBe('x"y\n'.repeat(50_000));
  });

  it('refuses nesting deeper than 64 containers (Newtonsoft MaxDepth)', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJson(ok).type).toBe('Array');
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(() => parseJson(deep)).toThrow("The reader's MaxDepth of 64 has been exceeded.");
  });

  it('refuses text over 4 MiB', () => {
    expect(() => parseJson(`"${'x'.repeat(4 * 1024 * 1024)}"`)).toThrow('over the 4194304 this gateway parses');
  });
});

describe('writeJson', () => {
  it('indents with two spaces and ": " by default, compact with Formatting.None', () => {
    const o = obj('{"a":1,"list":[true,null,{}],"empty":[],"o":{"s":"x"}}');
    expect(tokenToString(o)).toBe(
      [
        '{',
        '  "a": 1,',
        '  "list": [',
        '    true,',
        '    null,',
        '    {}',
        '  ],',
        '  "empty": [],',
        '  "o": {',
        '    "s": "x"',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(writeJson(o, 'None')).toBe('{"a":1,"list":[true,null,{}],"empty":[],"o":{"s":"x"}}');
  });

  it('escapes strings as Newtonsoft does (quotes, backslash, controls, U+2028) and leaves the rest', () => {
    expect(quote('a"b\\c\n\t\u0001é/<\u2028')).toBe('"a\\"b\\\\c\\n\\t\\u0001é/<\\u2028"');
  });

  it('prints floats in .NET round-trip form with a decimal part', () => {
    expect(formatJsonFloat(1)).toBe('1.0');
    expect(formatJsonFloat(0.1)).toBe('0.1');
    expect(formatJsonFloat(1e15)).toBe('1E+15');
    expect(formatJsonFloat(123456789012345)).toBe('123456789012345.0');
    expect(formatJsonFloat(1.5e-7)).toBe('1.5E-07');
    expect(formatDotNetDouble(0.0001)).toBe('0.0001');
  });

  it('prints a JValue as its value (no quotes) and a property as "name": value', () => {
    expect(tokenToString(JValue.string('hi'))).toBe('hi');
    expect(tokenToString(JValue.boolean(true))).toBe('True');
    expect(tokenToString(JValue.null())).toBe('');
    expect(tokenToString(new JProperty('n', JValue.integer(2)))).toBe('"n": 2');
  });
});

describe('the token tree', () => {
  it('adds a copy of a token that already has a parent', () => {
    const inner = obj('{"x":1}');
    const a = new JObject();
    const b = new JObject();
    a.set('p', inner);
    b.set('p', inner);
    expect(a.get('p')).toBe(inner);
    expect(b.get('p')).not.toBe(inner);
    expect(writeJson(b, 'None')).toBe('{"p":{"x":1}}');
  });

  it('refuses a second property of the same name on Add, replaces on set', () => {
    const o = new JObject();
    o.add(new JProperty('a', JValue.integer(1)));
    expect(() => o.add(new JProperty('a', JValue.integer(2)))).toThrow(
      'Can not add property a to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.',
    );
    o.set('a', JValue.string('two'));
    expect(writeJson(o, 'None')).toBe('{"a":"two"}');
  });

  it('knows each token path, parent and siblings', () => {
    const o = obj('{"a":{"b":[10,20,{"odd key":true}]}}');
    const leaf = selectToken(o, "$.a.b[2]['odd key']");
    expect(leaf?.path).toBe("a.b[2]['odd key']");
    expect(selectToken(o, 'a.b[0]')?.next).toBe(selectToken(o, 'a.b[1]'));
    expect(selectToken(o, 'a.b')?.root).toBe(o);
  });

  it('gives an index out of range as a fault', () => {
    expect(() => (parseJson('[1]') as JArray).at(3)).toThrow('Index was out of range');
  });
});

describe('selectToken', () => {
  const doc = obj(
    '{"store":{"books":[{"title":"A","price":8},{"title":"B","price":12},{"title":"C"}],"owner":{"title":"O"}}}',
  );

  it('follows dots, brackets, indexes and quoted names', () => {
    expect(tokenToString(selectToken(doc, '$.store.books[1].title') as JValue)).toBe('B');
    expect(tokenToString(selectToken(doc, "store['books'][0]['title']") as JValue)).toBe('A');
    expect(selectToken(doc, 'store.missing')).toBeNull();
    expect(selectToken(doc, 'store.books[9]')).toBeNull();
  });

  it('supports wildcards, unions, slices and recursive descent', () => {
    const titles = (path: string) => selectTokens(doc, path).map((t) => tokenToString(t));
    expect(titles('store.books[*].title')).toEqual(['A', 'B', 'C']);
    expect(titles('store.books[0,2].title')).toEqual(['A', 'C']);
    expect(titles('store.books[-2:].title')).toEqual(['B', 'C']);
    expect(titles('$..title')).toEqual(['A', 'B', 'C', 'O']);
    expect(selectTokens(doc, 'store.*')).toHaveLength(2);
  });

  it('filters array items: comparisons, existence, && and ||, root paths, nested brackets', () => {
    const titles = (path: string) =>
      selectTokens(doc, path).map((t) =>
        tokenToString(t.type === 'Object' ? ((t as JObject).get('title') as JValue) : t),
      );
    expect(titles('$.store.books[?(@.price > 10)]')).toEqual(['B']);
    expect(titles('$.store.books[?(@.price)]')).toEqual(['A', 'B']);
    expect(titles("$.store.books[?(@.title == 'C' || @.price <= 8)]")).toEqual(['A', 'C']);
    expect(titles("$.store.books[?(@.price >= 8 && @.title != 'A')]")).toEqual(['B']);
    expect(titles('$.store.books[?(@.price != 8)]')).toEqual(['B']);
    expect(titles('$.store.books[?(@.price == 12.0)].title')).toEqual(['B']);
    expect(titles('$.store.books[?(@.title == $.store.owner.title)]')).toEqual([]);
    expect(titles("$..[?(@.title == 'O')].title")).toEqual(['O']);
    const tagged = parseJson('{"items":[{"tags":["x","y"]},{"tags":["z"]}]}');
    expect(selectTokens(tagged, "$.items[?(@.tags[0] == 'z')]")).toHaveLength(1);
  });

  it('errors on several matches, and on no match when errorWhenNoMatch', () => {
    expect(() => selectToken(doc, '$..title')).toThrow('Path returned multiple tokens.');
    expect(() => selectToken(doc, 'store.nope', true)).toThrow("Property 'nope' does not exist on JObject.");
    expect(() => selectToken(doc, 'store.books[7]', true)).toThrow('Index 7 outside the bounds of JArray.');
    expect(() => selectToken(doc, 'store.books[?(@.title =~ /A/)]')).toThrow(
      'regular expressions (=~) are not supported',
    );
  });
});

describe('conversions', () => {
  const o = obj('{"i":42,"f":2.5,"s":"12","t":"yes","b":true,"n":null,"o":{}}');

  it('explicit casts follow Newtonsoft operators and .NET Convert', () => {
    expect(castToken(o.get('i'), 'int')).toBe(42);
    expect(castToken(o.get('f'), 'int')).toBe(2);
    expect(castToken(o.get('s'), 'int')).toBe(12);
    expect(castToken(o.get('b'), 'int')).toBe(1);
    expect(castToken(o.get('i'), 'string')).toBe('42');
    expect(castToken(o.get('f'), 'string')).toBe('2.5');
    expect(castToken(o.get('b'), 'string')).toBe('True');
    expect(castToken(o.get('n'), 'string')).toBeNull();
    expect(castToken(o.get('n'), 'int', true)).toBeNull();
    expect(() => castToken(o.get('n'), 'int')).toThrow('Can not convert Null to Int32.');
    expect(() => castToken(o.get('o'), 'string')).toThrow('Can not convert Object to String.');
    expect(() => castToken(o.get('t'), 'bool')).toThrow("String 'yes' was not recognized as a valid Boolean.");
    expect(() => castToken(o.get('t'), 'int')).toThrow('Input string was not in a correct format.');
    expect(() => castToken(JValue.integer(2 ** 40), 'int')).toThrow('too large or too small for an Int32');
  });

  it('Value<T> gives default(T) for a missing token and refuses JSON null into a value type', () => {
    expect(convertValue(null, 'int')).toBe(0);
    expect(convertValue(null, 'string')).toBeNull();
    expect(convertValue(null, 'bool')).toBe(false);
    expect(convertValue(o.get('n'), 'int', true)).toBeNull();
    expect(() => convertValue(o.get('n'), 'int')).toThrow('Null object cannot be converted to a value type.');
    expect(() => convertValue(o.get('o'), 'string')).toThrow('Cannot cast Newtonsoft.Json.Linq.JObject');
  });

  it('rounds halves to even like Convert.ToInt32', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5].map(roundToEven)).toEqual([0, 2, 2, 0, -2]);
  });

  it('makes tokens from C# values (FromObject)', () => {
    const token = toToken({ name: 'n', list: [1, 2.5, 'x', null], nested: new Map([['k', true]]) });
    expect(writeJson(token, 'None')).toBe('{"name":"n","list":[1,2.5,"x",null],"nested":{"k":true}}');
  });
});

describe('deepEquals', () => {
  it('ignores property order and number kind, not array order', () => {
    expect(deepEquals(parseJson('{"a":1,"b":[1,2]}'), parseJson('{"b":[1,2],"a":1.0}'))).toBe(true);
    expect(deepEquals(parseJson('[1,2]'), parseJson('[2,1]'))).toBe(false);
    expect(deepEquals(parseJson('{"a":null}'), parseJson('{"b":null}'))).toBe(false);
    expect(deepEquals(parseJson('"x"'), parseJson('"x"'))).toBe(true);
  });
});
