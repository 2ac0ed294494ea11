import { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { compileExpression, expressionValueToString } from '../index';
import { JObject } from './json-token';

/** Newtonsoft.Json as policy expressions use it, through the checker and evaluator. */

function makeContext(): GatewayContext {
  const context = new GatewayContext({
    method: 'POST',
    originalUrl: new URL('https://gw.example.test/shop/cart'),
    headers: HeaderBag.from({ 'x-meta': '{"tier":"gold","quota":250,"ratio":0.75,"tags":["a","b"]}' }),
    ipAddress: '10.0.0.9',
    body: '{"cart":{"id":"c-9","lines":[{"sku":"p1","qty":2,"price":9.5},{"sku":"p2","qty":1,"price":20}]},"note":null}',
    api: { id: 'shop', name: 'Shop', path: 'shop', serviceUrl: 'http://shop.internal' },
    operation: { id: 'cart', name: 'Cart', method: 'POST', urlTemplate: '/cart' },
    backendPath: '/cart',
  });
  return context;
}

const run = (source: string, context = makeContext()) =>
  compileExpression(source, { file: 'p.xml', line: 1 }).evaluate(context);
const text = (source: string) => expressionValueToString(run(source));
const META = 'JObject.Parse(context.Request.Headers.GetValueOrDefault("x-meta", "{}"))';

describe('reading JSON', () => {
  it('indexes objects and arrays; a missing property is null', () => {
    expect(run(`@((string)${META}["tier"])`)).toBe('gold');
    expect(run(`@((int)${META}["quota"] + 1)`)).toBe(251);
    expect(run(`@((double)${META}["ratio"] * 2)`)).toBe(1.5);
    expect(run(`@((string)${META}["tags"][1])`)).toBe('b');
    expect(run(`@(${META}["missing"] == null)`)).toBe(true);
    expect(run(`@((string)${META}["missing"] ?? "none")`)).toBe('none');
  });

  it('Value<T> converts and gives default(T) for a missing property', () => {
    expect(run(`@(${META}.Value<string>("tier"))`)).toBe('gold');
    expect(run(`@(${META}.Value<int>("quota"))`)).toBe(250);
    expect(run(`@(${META}.Value<string>("quota"))`)).toBe('250');
    expect(run(`@(${META}.Value<int>("absent"))`)).toBe(0);
    expect(run(`@(${META}.Value<string>("absent") == null)`)).toBe(true);
    expect(run(`@(${META}["tags"][0].Value<string>())`)).toBe('a');
  });

  it('selects tokens by path from the body', () => {
    const body = 'context.Request.Body.As<JObject>(preserveContent: true)';
    expect(run(`@((string)${body}.SelectToken("$.cart.lines[1].sku"))`)).toBe('p2');
    expect(run(`@(${body}.SelectToken("cart.nothing") == null)`)).toBe(true);
    expect(run(`@(${body}.SelectTokens("$..sku").Count())`)).toBe(2);
    expect(() => run(`@(${body}.SelectToken("cart.nothing", errorWhenNoMatch: true))`)).toThrow(
      "Property 'nothing' does not exist on JObject.",
    );
  });

  it('knows token kinds: Integer vs Float, null values, JTokenType', () => {
    const body = 'context.Request.Body.As<JObject>(true)';
    expect(run(`@(${body}["cart"]["lines"][0]["qty"].Type == JTokenType.Integer)`)).toBe(true);
    expect(run(`@(${body}["cart"]["lines"][0]["price"].Type.ToString())`)).toBe('Float');
    expect(run(`@(${body}["note"].Type == JTokenType.Null)`)).toBe(true);
    expect(run(`@(${body}["cart"].HasValues)`)).toBe(true);
    expect(run(`@(((JObject)${body}["cart"]).Count)`)).toBe(2);
    expect(run(`@(((JArray)${body}["cart"]["lines"]).Count)`)).toBe(2);
    expect(run(`@(${body}["cart"]["lines"][1]["price"].Path)`)).toBe('cart.lines[1].price');
  });

  it('casts fail with Newtonsoft messages', () => {
    expect(() => run(`@((int)${META}["tags"])`)).toThrow('Can not convert Array to Int32.');
    expect(() => run(`@((JArray)${META}["tier"])`)).toThrow(
      "Unable to cast object of type 'Newtonsoft.Json.Linq.JValue' to type 'Newtonsoft.Json.Linq.JArray'.",
    );
    expect(run(`@(${META}["tier"] as JObject == null)`)).toBe(true);
  });

  it('ToObject<T> uses the explicit conversion', () => {
    expect(run(`@(${META}["quota"].ToObject<long>())`)).toBe(250);
    expect(run(`@(${META}["tier"].ToObject<string>())`)).toBe('gold');
  });

  it('parses with JToken.Parse / JArray.Parse and faults on malformed JSON', () => {
    expect(run('@(JArray.Parse("[1, 2, 3]").Count)')).toBe(3);
    expect(run('@(JToken.Parse("42").Type == JTokenType.Integer)')).toBe(true);
    expect(() => run('@(JObject.Parse("{\\"a\\": }"))')).toThrow(
      "Unexpected character encountered while parsing value: }. Path 'a', line 1, position 7.",
    );
  });
});

describe('changing and building JSON', () => {
  it('sets through the indexer with implicit conversions and keeps property order', () => {
    const result = run(`@{
      var o = ${META};
      o["quota"] = 300;
      o["added"] = "yes";
      o["flag"] = true;
      o.Remove("tags");
      return o.ToString(Formatting.None);
    }`);
    expect(result).toBe('{"tier":"gold","quota":300,"ratio":0.75,"added":"yes","flag":true}');
  });

  it('builds objects and arrays with constructors and Add', () => {
    const result = run(`@{
      var o = new JObject();
      o.Add("id", "x1");
      o.Add(new JProperty("n", 5));
      var list = new JArray(1, "two");
      list.Add(3.0);
      o["list"] = list;
      o.Add("nested", new JObject(new JProperty("ok", true)));
      return o.ToString(Formatting.None);
    }`);
    expect(result).toBe('{"id":"x1","n":5,"list":[1,"two",3.0],"nested":{"ok":true}}');
  });

  it('refuses a duplicate name on Add', () => {
    expect(() => run('@{ var o = new JObject(); o.Add("a", 1); o.Add("a", 2); return o.ToString(); }')).toThrow(
      'Property with the same name already exists on object.',
    );
  });

  it('prints indented by default, as Newtonsoft does', () => {
    expect(run('@(new JObject(new JProperty("a", 1), new JProperty("b", new JArray())).ToString())')).toBe(
      '{\n  "a": 1,\n  "b": []\n}',
    );
    expect(text('@(JObject.Parse("{\\"k\\":\\"v\\"}"))')).toBe('{\n  "k": "v"\n}');
  });

  it('iterates a JObject as properties and a JArray as tokens', () => {
    const names = run(`@{
      var names = "";
      foreach (var p in ${META}) { names += p.Name + ";"; }
      return names;
    }`);
    expect(names).toBe('tier;quota;ratio;tags;');
    expect(run(`@{ var n = 0; foreach (var t in (JArray)${META}["tags"]) { n++; } return n; }`)).toBe(2);
  });

  it('serializes and deserializes with JsonConvert', () => {
    expect(run('@(JsonConvert.SerializeObject("say \\"hi\\""))')).toBe('"say \\"hi\\""');
    expect(run('@(JsonConvert.DeserializeObject<JObject>("{\\"a\\":[1]}")["a"][0].Value<int>())')).toBe(1);
    expect(run('@(JsonConvert.SerializeObject(JArray.Parse("[1, 2.5]")))')).toBe('[1,2.5]');
  });

  it('merges objects', () => {
    const merged = run(`@{
      var a = JObject.Parse("{\\"x\\":1,\\"list\\":[1]}");
      a.Merge(JObject.Parse("{\\"y\\":2,\\"list\\":[2],\\"x\\":null}"));
      return a.ToString(Formatting.None);
    }`);
    expect(merged).toBe('{"x":1,"list":[1,2],"y":2}');
  });

  it('returns a JObject the gateway can print', () => {
    const value = run(`@(${META})`);
    expect(value).toBeInstanceOf(JObject);
  });
});

describe('JObject.FromObject', () => {
  it('turns anonymous objects, dictionaries and lists into tokens', () => {
    expect(run('@(JObject.FromObject(new { id = 7, name = "n", ok = true }).ToString(Formatting.None))')).toBe(
      '{"id":7,"name":"n","ok":true}',
    );
    expect(
      run(`@{
        var d = new Dictionary<string, int>();
        d["a"] = 1;
        d["b"] = 2;
        return JObject.FromObject(d).ToString(Formatting.None);
      }`),
    ).toBe('{"a":1,"b":2}');
    expect(run('@(JArray.FromObject(new List<string> { "x", "y" }).ToString(Formatting.None))')).toBe('["x","y"]');
    expect(() => run('@(JObject.FromObject("text"))')).toThrow(
      'Object serialized to String. JObject instance expected.',
    );
  });

  it('reads TryGetValue and Properties', () => {
    expect(run(`@(${META}.TryGetValue("tier", out JToken t) ? (string)t : "-")`)).toBe('gold');
    expect(run(`@(${META}.Properties().Count())`)).toBe(4);
    expect(run(`@(${META}.Property("quota").Name)`)).toBe('quota');
  });
});

describe('LINQ over tokens', () => {
  it('enumerates a JArray as JTokens and Properties() as JProperty', () => {
    expect(run('@(JArray.Parse("[1, 2, 3]").Select(t => (int)t).Sum())')).toBe(6);
    expect(run('@(JArray.Parse("[3, 1, 2]").Where(t => (int)t > 1).Count())')).toBe(2);
    expect(run(`@(${META}.Properties().Select(p => p.Name).Last())`)).toBe('tags');
    expect(run(`@(${META}["tags"].Values<string>().ToArray().Length)`)).toBe(2);
  });

  it('Value<int?> reads JSON null as null', () => {
    expect(run('@(JObject.Parse("{\\"a\\":null}").Value<int?>("a") ?? -1)')).toBe(-1);
    expect(run('@(JObject.Parse("{\\"a\\":4}")["a"].Value<int?>() ?? -1)')).toBe(4);
  });
});

describe('library values in JSON', () => {
  it('writes a TimeSpan as its text', () => {
    expect(run('@(new JArray(TimeSpan.FromSeconds(90)).ToString(Formatting.None))')).toBe('["00:01:30"]');
  });
});

describe('constructors', () => {
  it('new JArray(other) copies; a list argument is flattened; a JArray among others nests', () => {
    expect(
      run('@{ var a = JArray.Parse("[1,2]"); var b = new JArray(a); b.Add(3); return a.Count + "/" + b.Count; }'),
    ).toBe('2/3');
    expect(run('@(new JArray(new List<string> { "x", "y" }).ToString(Formatting.None))')).toBe('["x","y"]');
    expect(run('@(new JArray(JArray.Parse("[1]"), 2).ToString(Formatting.None))')).toBe('[[1],2]');
    expect(() => run('@(new JObject(new JArray()))')).toThrow(
      'Can not add Newtonsoft.Json.Linq.JArray to Newtonsoft.Json.Linq.JObject.',
    );
  });
});

describe('new JObject(content)', () => {
  it('takes properties one by one or from a query', () => {
    expect(run(`@(new JObject(${META}.Properties().Where(p => p.Name != "tags")).ToString(Formatting.None))`)).toBe(
      '{"tier":"gold","quota":250,"ratio":0.75}',
    );
  });
});

describe('Children<T>()', () => {
  it('keeps the children of one token type', () => {
    expect(run('@(JArray.Parse("[{\\"a\\":1}, 2, {\\"a\\":3}]").Children<JObject>().Count())')).toBe(2);
    expect(run(`@(${META}.Children<JProperty>().First().Name)`)).toBe('tier');
  });
});

describe('Newtonsoft.Json.Linq.Extensions on token sequences', () => {
  it('Values<T>() of properties gives their values; Children() flattens', () => {
    expect(run(`@(string.Concat(${META}.Properties().Where(p => p.Name != "tags").Values<string>()))`)).toBe(
      'gold2500.75',
    );
    expect(
      run('@(JObject.Parse("{\\"a\\":{\\"id\\":1},\\"b\\":{\\"id\\":2}}").SelectTokens("$..id").Values<int>().Sum())'),
    ).toBe(3);
    expect(run('@(JArray.Parse("[[1,2],[3]]").Children().Children().Count())')).toBe(3);
  });
});

describe('JSONPath filters in expressions', () => {
  it('selects the body lines that match', () => {
    const body = 'context.Request.Body.As<JObject>(true)';
    expect(run(`@(${body}.SelectTokens("$.cart.lines[?(@.qty > 1)].sku").Count())`)).toBe(1);
    expect(run(`@((string)${body}.SelectToken("$.cart.lines[?(@.price == 20)].sku"))`)).toBe('p2');
  });
});

describe('case-insensitive lookups', () => {
  it('GetValue and TryGetValue with StringComparison.OrdinalIgnoreCase', () => {
    expect(run(`@((string)${META}.GetValue("TIER", StringComparison.OrdinalIgnoreCase))`)).toBe('gold');
    expect(run(`@(${META}.GetValue("TIER", StringComparison.Ordinal) == null)`)).toBe(true);
    expect(run(`@(${META}.TryGetValue("Quota", StringComparison.OrdinalIgnoreCase, out JToken q) ? (int)q : -1)`)).toBe(
      250,
    );
  });
});

describe('serialising context values', () => {
  it('writes headers as an object of arrays', () => {
    expect(run('@(JsonConvert.SerializeObject(context.Request.Headers))')).toBe(
      `{"x-meta":["{\\"tier\\":\\"gold\\",\\"quota\\":250,\\"ratio\\":0.75,\\"tags\\":[\\"a\\",\\"b\\"]}"]}`,
    );
  });
});

describe('ToObject and DeserializeObject into arrays and lists', () => {
  it('reads a JSON array item by item', () => {
    expect(run(`@(string.Join("+", ${META}["tags"].ToObject<string[]>()))`)).toBe('a+b');
    expect(run('@(JArray.Parse("[1, 2, 3]").ToObject<List<int>>().Count)')).toBe(3);
    expect(run('@(JsonConvert.DeserializeObject<List<string>>("[\\"x\\"]")[0])')).toBe('x');
    expect(() => run(`@(${META}.ToObject<string[]>())`)).toThrow('Cannot deserialize the current JSON object');
  });
});

describe('ToObject into a dictionary', () => {
  it('reads a JSON object property by property', () => {
    expect(run('@(JObject.Parse("{\\"a\\":1,\\"b\\":2}").ToObject<Dictionary<string, int>>()["b"])')).toBe(2);
    expect(run('@(JsonConvert.DeserializeObject<Dictionary<string, string>>("{\\"k\\":\\"v\\"}").Count)')).toBe(1);
    expect(() => run('@(JArray.Parse("[]").ToObject<Dictionary<string, int>>())')).toThrow(
      'Cannot deserialize the current JSON array',
    );
  });
});

describe('dates and other .NET values in JSON', () => {
  it('keeps a DateTime Kind: Utc prints Z, Unspecified prints no zone', () => {
    expect(run('@(new JValue(new DateTime(2024, 1, 2, 3, 4, 5)).ToString(Formatting.None))')).toBe(
      '"2024-01-02T03:04:05"',
    );
    expect(run('@(new JValue(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).ToString(Formatting.None))')).toBe(
      '"2024-01-02T03:04:05Z"',
    );
    expect(run('@(JObject.Parse("{\\"d\\":\\"2024-01-02T03:04:05Z\\"}")["d"].Value<DateTime>().ToString("o"))')).toBe(
      '2024-01-02T03:04:05.0000000Z',
    );
  });

  it('converts Guid, Uri and DateTimeOffset to tokens as Newtonsoft writes them', () => {
    const source = `@{
      var o = new JObject();
      o["id"] = Guid.Empty;
      o["link"] = new Uri("https://example.test/a?b=1");
      o["at"] = DateTimeOffset.FromUnixTimeSeconds(0);
      return o.ToString(Formatting.None);
    }`;
    expect(run(source)).toBe(
      '{"id":"00000000-0000-0000-0000-000000000000","link":"https://example.test/a?b=1","at":"1970-01-01T00:00:00+00:00"}',
    );
  });
});
