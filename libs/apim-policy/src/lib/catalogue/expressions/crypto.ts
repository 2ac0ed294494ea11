import { cs, type CatalogueExpression } from '../catalogue-entry';

/** System.Security.Cryptography: HMACSHA256, SHA256, MD5, SHA1. */
export const CRYPTO_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'crypto/hmac-signature',
    features: ['crypto', 'base64-encoding', 'new', 'statements'],
    source: cs`@{
    var secret = Encoding.UTF8.GetBytes("shared-secret");
    using (var hmac = new HMACSHA256(secret))
    {
        var signature = hmac.ComputeHash(Encoding.UTF8.GetBytes("POST\n/orders"));
        return Convert.ToBase64String(signature);
    }
}`,
    expected: 'cP2Dh5QNZTwoX8rx4r72wFM6jILZcN70Zz3fre+4qp4=',
  },
  {
    id: 'crypto/hmac-no-using',
    features: ['crypto', 'base64-encoding', 'new', 'context'],
    source: cs`@(Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes("shared-secret")).ComputeHash(Encoding.UTF8.GetBytes(context.Request.Method + "\n" + "/orders"))))`,
    expected: 'cP2Dh5QNZTwoX8rx4r72wFM6jILZcN70Zz3fre+4qp4=',
  },
  {
    id: 'crypto/sha256-base64',
    features: ['crypto', 'base64-encoding'],
    source: cs`@(Convert.ToBase64String(SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes("order-17"))))`,
    expected: 'cqkOo9qLXdAb3i8nMU4C4hf5NRgupXOn/5tfUGDvmWs=',
  },
  {
    id: 'crypto/sha256-hex',
    features: ['crypto', 'base64-encoding', 'statements', 'numeric-types'],
    source: cs`@{
    var hash = SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes("order-17"));
    var hex = "";
    foreach (byte b in hash) { hex += b.ToString("x2"); }
    return hex;
}`,
    expected: '72a90ea3da8b5dd01bde2f27314e02e217f935182ea573a7ff9b5f5060ef996b',
  },
  {
    id: 'crypto/md5-gravatar-style',
    features: ['crypto', 'base64-encoding', 'numeric-types'],
    source: cs`@(BitConverter.ToString(MD5.Create().ComputeHash(Encoding.UTF8.GetBytes("ada@example.com"))).Replace("-", "").ToLowerInvariant())`,
    expected: '3e3417d7ef77d5932a6734b916515ed5',
  },
  {
    id: 'crypto/body-digest-header',
    features: ['crypto', 'base64-encoding', 'body', 'context'],
    source: cs`@("SHA-256=" + Convert.ToBase64String(SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes(context.Request.Body.As<string>(preserveContent: true)))))`,
    note: 'HTTP Digest header for signed backends',
  },
  {
    id: 'crypto/signature-compare',
    features: ['crypto', 'base64-encoding', 'new', 'statements', 'context'],
    source: cs`@{
    var presented = context.Request.Headers.GetValueOrDefault("X-Signature", "");
    var payload = context.Request.Headers.GetValueOrDefault("X-Timestamp", "") + "." + context.Request.Method;
    var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("{{webhook-secret}}"));
    var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload)));
    return presented == expected;
}`,
    note: 'a webhook signature check; the {{named value}} is substituted before compilation in a document',
  },
  {
    id: 'crypto/sha1-thumbprint',
    features: ['crypto', 'base64-encoding'],
    source: cs`@(Convert.ToBase64String(SHA1.Create().ComputeHash(Encoding.ASCII.GetBytes("partner-a"))))`,
  },
  {
    id: 'crypto/hash-algorithm-bytes-length',
    features: ['crypto', 'base64-encoding', 'numeric-types'],
    source: cs`@(SHA512.Create().ComputeHash(new byte[] { 1, 2, 3 }).Length)`,
    expected: '64',
  },
];
