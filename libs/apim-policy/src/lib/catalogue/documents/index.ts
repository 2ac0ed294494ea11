import type { CatalogueDocument } from '../catalogue-entry';

/**
 * The catalogue's whole policy documents (the XML files next to this one). APIM accepts every one,
 * so each should load; `note` names the policy elements beyond the expression language they need.
 */
export const CATALOGUE_DOCUMENTS: readonly CatalogueDocument[] = [
  { file: 'plain-headers-only.xml', features: ['context'], expect: 'compiles' },
  {
    file: 'correlation-and-timing.xml',
    features: ['guid', 'numeric-types', 'datetime', 'context'],
    expect: 'compiles',
  },
  {
    file: 'basic-to-bearer.xml',
    features: ['base64-encoding', 'statements', 'new', 'json', 'context'],
    expect: 'compiles',
  },
  {
    file: 'json-error-envelope.xml',
    features: ['new', 'json', 'statements', 'datetime', 'context'],
    expect: 'compiles',
  },
  {
    file: 'request-enrichment.xml',
    features: ['body', 'json', 'statements', 'datetime', 'context'],
    expect: 'compiles',
  },
  { file: 'response-filtering.xml', features: ['body', 'json', 'linq', 'statements', 'context'], expect: 'compiles' },
  {
    file: 'token-from-auth-server.xml',
    features: ['iresponse-cast', 'body', 'json', 'uri-encoding'],
    expect: 'compiles',
    note: 'needs <send-request>',
  },
  {
    file: 'hmac-signed-backend.xml',
    features: ['crypto', 'base64-encoding', 'interpolation', 'statements', 'datetime', 'body', 'context'],
    expect: 'compiles',
  },
  {
    file: 'webhook-signature-check.xml',
    features: ['crypto', 'base64-encoding', 'body', 'statements', 'datetime', 'context'],
    expect: 'compiles',
  },
  { file: 'versioned-routing.xml', features: ['regex', 'interpolation', 'statements', 'context'], expect: 'compiles' },
  { file: 'rate-limit-by-tenant.xml', features: ['interpolation', 'datetime', 'context'], expect: 'compiles' },
  {
    file: 'cors-and-cache.xml',
    features: ['context'],
    expect: 'compiles',
    note: 'needs <cors>, <cache-lookup> and <cache-store>',
  },
  {
    file: 'query-to-header.xml',
    features: ['context'],
    expect: 'compiles',
    note: 'needs <set-query-parameter>',
  },
  { file: 'soap-response-to-json.xml', features: ['xml', 'new', 'json', 'body', 'statements'], expect: 'compiles' },
  { file: 'maintenance-window.xml', features: ['datetime', 'interpolation'], expect: 'compiles' },
  { file: 'jwt-claims-authorisation.xml', features: ['linq', 'new', 'json', 'context'], expect: 'compiles' },
  {
    file: 'pagination-links.xml',
    features: ['statements', 'numeric-types', 'interpolation', 'new', 'regex', 'body', 'context'],
    expect: 'compiles',
  },
  {
    file: 'debug-echo.xml',
    features: ['new', 'json', 'statements', 'body', 'comments', 'context'],
    expect: 'compiles',
  },
  {
    file: 'mock-while-backend-is-built.xml',
    features: ['context'],
    expect: 'compiles',
    note: 'needs <mock-response>',
  },
  {
    file: 'trace-and-audit-log.xml',
    features: ['interpolation', 'new', 'json', 'context'],
    expect: 'compiles',
    note: 'needs <trace> and <log-to-eventhub>',
  },
  { file: 'ip-allow-list.xml', features: ['new', 'linq', 'json', 'context'], expect: 'compiles' },
  { file: 'commented-expressions.xml', features: ['comments', 'statements', 'context'], expect: 'compiles' },
  {
    file: 'method-override.xml',
    features: ['context'],
    expect: 'compiles',
    note: 'needs <set-method>',
  },
  {
    file: 'status-mapping.xml',
    features: ['body', 'json', 'statements', 'new', 'interpolation', 'datetime'],
    expect: 'compiles',
  },
  {
    file: 'batch-size-guard.xml',
    features: ['body', 'json', 'statements', 'interpolation', 'new'],
    expect: 'compiles',
  },
];
