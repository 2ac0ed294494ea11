import { cs, type CatalogueExpression } from '../catalogue-entry';

/** `Convert.ToBase64String` / `FromBase64String`, `Encoding.UTF8/ASCII.GetBytes` / `GetString`. */
export const ENCODING_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'encoding/basic-auth-header',
    features: ['base64-encoding', 'context'],
    source: cs`@("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-orders:" + context.Request.Headers.GetValueOrDefault("X-Tenant", ""))))`,
    expected: 'Basic c3ZjLW9yZGVyczpjb250b3Nv',
  },
  {
    id: 'encoding/decode-basic-user',
    features: ['base64-encoding', 'context'],
    source: cs`@(Encoding.UTF8.GetString(Convert.FromBase64String(context.Request.Headers.GetValueOrDefault("Authorization", "").Replace("Basic ", ""))).Split(':')[0])`,
    expected: 'ada',
  },
  {
    id: 'encoding/decode-block',
    features: ['base64-encoding', 'statements', 'context'],
    source: cs`@{
    var header = context.Request.Headers.GetValueOrDefault("Authorization", "");
    if (!header.StartsWith("Basic ")) { return ""; }
    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6)));
    return decoded.Substring(decoded.IndexOf(':') + 1);
}`,
    expected: 's3cret',
  },
  {
    id: 'encoding/ascii-bytes-length',
    features: ['base64-encoding', 'context'],
    source: cs`@(Encoding.ASCII.GetBytes(context.Request.Headers.GetValueOrDefault("X-Correlation-Id", "")).Length)`,
    expected: '8',
  },
  {
    id: 'encoding/base64-literal',
    features: ['base64-encoding'],
    source: cs`@(Encoding.UTF8.GetString(Convert.FromBase64String("aGVsbG8gZ2F0ZXdheQ==")))`,
    expected: 'hello gateway',
  },
  {
    id: 'encoding/base64url-token-part',
    features: ['base64-encoding', 'statements'],
    source: cs`@{
    var part = "eyJzdWIiOiJhZGEifQ".Replace('-', '+').Replace('_', '/');
    switch (part.Length % 4) { case 2: part += "=="; break; case 3: part += "="; break; }
    return Encoding.UTF8.GetString(Convert.FromBase64String(part));
}`,
    expected: '{"sub":"ada"}',
    note: 'base64url decoding of a JWT segment by hand',
  },
  {
    id: 'encoding/body-to-base64',
    features: ['base64-encoding', 'body', 'context'],
    source: cs`@(Convert.ToBase64String(Encoding.UTF8.GetBytes(context.Request.Body.As<string>(preserveContent: true))))`,
  },
  {
    id: 'encoding/utf8-byte-count',
    features: ['base64-encoding'],
    source: cs`@(Encoding.UTF8.GetByteCount("zoë"))`,
    expected: '4',
  },
  {
    id: 'encoding/fully-qualified',
    features: ['base64-encoding'],
    source: cs`@(System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ada:s3cret")))`,
    expected: 'YWRhOnMzY3JldA==',
  },
  {
    id: 'encoding/hex-of-bytes',
    features: ['base64-encoding', 'numeric-types'],
    source: cs`@(BitConverter.ToString(Encoding.UTF8.GetBytes("AB")).Replace("-", ""))`,
    expected: '4142',
  },
];
