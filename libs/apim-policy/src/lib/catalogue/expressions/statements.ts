import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `@{ … }` blocks: locals, assignment, `+=`, `++`, `if`, `foreach`, `for`, `return`. */
export const STATEMENT_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'statements/reassign-local',
    features: ['statements', 'context'],
    source: cs`@{
    var tier = "bronze";
    if (context.Request.Headers.GetValueOrDefault("X-Tier", "") == "gold") { tier = "gold"; }
    return tier;
}`,
    expected: 'gold',
  },
  {
    id: 'statements/plus-equals-string',
    features: ['statements', 'context'],
    source: cs`@{
    var key = context.Request.Method;
    key += ":";
    key += context.Request.OriginalUrl.Path;
    return key.ToLowerInvariant();
}`,
    expected: 'post:/orders/v2/items/17',
  },
  {
    id: 'statements/counter-increment',
    features: ['statements', 'context'],
    source: cs`@{
    int present = 0;
    foreach (var name in new[] { "X-Tenant", "X-Tier", "X-Nope" })
    {
        if (context.Request.Headers.ContainsKey(name)) { present++; }
    }
    return present;
}`,
    expected: '2',
  },
  {
    id: 'statements/foreach-headers',
    features: ['statements', 'context'],
    source: cs`@{
    var names = "";
    foreach (var header in context.Request.Headers)
    {
        if (header.Key.Equals("x-tier", StringComparison.OrdinalIgnoreCase)) { names += string.Join(";", header.Value); }
    }
    return names;
}`,
    expected: 'gold',
  },
  {
    id: 'statements/for-loop',
    features: ['statements'],
    source: cs`@{
    var total = 0;
    for (var i = 1; i <= 4; i++) { total += i * i; }
    return total;
}`,
    expected: '30',
  },
  {
    id: 'statements/else-if-chain',
    features: ['statements', 'context'],
    source: cs`@{
    var version = context.Request.Headers.GetValueOrDefault("X-Api-Version", "1");
    if (version == "1") { return "https://orders-v1.internal"; }
    else if (version == "2") { return "https://orders-v2.internal"; }
    else { return "https://orders-next.internal"; }
}`,
    expected: 'https://orders-v2.internal',
  },
  {
    id: 'statements/early-return-guard',
    features: ['statements', 'context'],
    source: cs`@{
    string auth = context.Request.Headers.GetValueOrDefault("Authorization");
    if (auth == null) return "anonymous";
    if (!auth.StartsWith("Basic ")) return "token";
    return "basic";
}`,
    expected: 'basic',
  },
  {
    id: 'statements/ternary-assignment',
    features: ['statements', 'context'],
    source: cs`@{
    var page = int.Parse(context.Request.Url.Query.GetValueOrDefault("page", "1"));
    var size = page > 1 ? 50 : 20;
    size -= 5;
    return size.ToString();
}`,
    expected: '45',
  },
  {
    id: 'statements/while-loop',
    features: ['statements'],
    source: cs`@{
    var path = "/a/b/c/d";
    var depth = 0;
    var index = path.IndexOf('/');
    while (index >= 0) { depth++; index = path.IndexOf('/', index + 1); }
    return depth;
}`,
    expected: '4',
  },
  {
    id: 'statements/try-catch-parse',
    features: ['statements', 'json', 'context'],
    source: cs`@{
    try
    {
        return JObject.Parse(context.Request.Headers.GetValueOrDefault("X-Client-Info", ""))["app"].ToString();
    }
    catch (Exception)
    {
        return "unparsable";
    }
}`,
    expected: 'mobile',
  },
  {
    id: 'statements/typed-locals',
    features: ['statements', 'numeric-types', 'context'],
    source: cs`@{
    string tenant = context.Request.Headers.GetValueOrDefault("X-Tenant", "none");
    int attempt = (int)context.Variables["attempt"];
    bool retry = attempt < 5;
    return tenant + "/" + attempt + "/" + retry;
}`,
    expected: 'contoso/3/True',
  },
  {
    id: 'statements/multiple-declarators',
    features: ['statements'],
    source: cs`@{
    int low = 10, high = 20;
    return (low + high) / 2;
}`,
    expected: '15',
  },
  {
    id: 'statements/switch-on-method',
    features: ['statements', 'context'],
    source: cs`@{
    switch (context.Request.Method)
    {
        case "GET": return "read";
        case "POST":
        case "PUT": return "write";
        default: return "other";
    }
}`,
    expected: 'write',
  },
  {
    id: 'statements/compound-operators',
    features: ['statements'],
    source: cs`@{
    var budget = 100;
    budget *= 3;
    budget /= 4;
    budget %= 7;
    budget--;
    return budget;
}`,
    expected: '4',
  },
  {
    id: 'statements/null-coalescing-assignment-style',
    features: ['statements', 'context'],
    source: cs`@{
    var locale = context.Request.Headers.GetValueOrDefault("Accept-Language");
    locale = locale ?? "en-US";
    return locale.Split(',')[0];
}`,
    expected: 'en-GB',
  },
];
