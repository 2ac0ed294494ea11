import { cs, type CatalogueExpression } from '../catalogue-entry';

/** C# comments inside expressions, including apostrophes and quotes that must not confuse the reader. */
export const COMMENT_EXPRESSIONS: readonly CatalogueExpression[] = [
  {
    id: 'comments/block-apostrophe',
    features: ['comments', 'context'],
    source: cs`@(/* it's the caller's tenant */ context.Request.Headers.GetValueOrDefault("X-Tenant", "none"))`,
    expected: 'contoso',
  },
  {
    id: 'comments/line-in-block',
    features: ['comments', 'statements', 'context'],
    source: cs`@{
    // don't trust the client's clock: use the gateway's
    var now = context.Timestamp;
    return now.Year; // four digits
}`,
    expected: '2024',
  },
  {
    id: 'comments/quotes-in-comment',
    features: ['comments', 'context'],
    source: cs`@(context.Request.Method /* "GET" or "POST" (or ')' ) */ == "POST")`,
    expected: 'True',
  },
  {
    id: 'comments/multi-line-block-comment',
    features: ['comments', 'statements'],
    source: cs`@{
    /*
     * Default page size when the client doesn't say.
     * Don't raise it above 100: the backend's limit.
     */
    return 50;
}`,
    expected: '50',
  },
  {
    id: 'comments/brace-in-comment',
    features: ['comments', 'statements'],
    source: cs`@{
    // a stray } in a comment shouldn't end the block
    return "ok";
}`,
    expected: 'ok',
  },
  {
    id: 'comments/url-in-string-not-comment',
    features: ['comments'],
    source: cs`@("https://example.org//double" /* the // above is inside a string */)`,
    expected: 'https://example.org//double',
  },
];
