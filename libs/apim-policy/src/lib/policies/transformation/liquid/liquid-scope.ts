import { Drop } from 'liquidjs';
import type { GatewayContext } from '../../../context/gateway-context';
import type { HeaderBag } from '../../../context/header-bag';
import { expressionValueToString } from '../../../expressions';
import { EvaluationFault } from '../../../expressions/expression-error';
import { parseXDocument } from '../../../expressions/library/xml-parse';
import { XElement, XText } from '../../../expressions/library/xml-node';
import { contentTypeIs } from '../content-negotiation';

/** How an XML element marked `xsi:nil="true"` appears to the template (set-body's `xsi-nil`). */
export type XsiNil = 'blank' | 'null';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

type Bound = null | string | Bound[] | { [key: string]: Bound };

/**
 * `body` for a Liquid template: an object when the message's Content-Type is JSON (application/json,
 * text/json, +json) and the text parses, the XML document as an object when the Content-Type is XML,
 * otherwise the text itself ("" for no body).
 */
export function bindBody(text: string, headers: HeaderBag, xsiNil: XsiNil): unknown {
  if (text.trim() !== '' && contentTypeIs(headers, 'json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (text.trim() !== '' && contentTypeIs(headers, 'xml')) {
    try {
      const root = parseXDocument(text).root;
      return root ? { [root.name.localName]: bindElement(root, xsiNil) } : text;
    } catch (error) {
      if (error instanceof EvaluationFault) return text;
      throw error;
    }
  }
  return text;
}

/** An element as data: local names, attributes as properties, text-only → string, repeats → arrays. */
function bindElement(element: XElement, xsiNil: XsiNil): Bound {
  const nil = element.attributes().find((a) => a.name.namespaceName === XSI_NAMESPACE && a.name.localName === 'nil');
  if (nil && nil.value.trim() === 'true') return xsiNil === 'null' ? null : '';
  const value: Record<string, Bound> = {};
  for (const attribute of element.attributes()) {
    if (!attribute.isNamespaceDeclaration && attribute.name.namespaceName !== XSI_NAMESPACE)
      value[attribute.name.localName] = attribute.value;
  }
  const children = new Map<string, Bound[]>();
  let text = '';
  for (const node of element.nodes()) {
    if (node instanceof XElement) {
      const list = children.get(node.name.localName) ?? [];
      list.push(bindElement(node, xsiNil));
      children.set(node.name.localName, list);
    } else if (node instanceof XText) {
      text += node.value;
    }
  }
  if (Object.keys(value).length === 0 && children.size === 0) return text;
  if (text.trim() !== '') value['text'] = text;
  for (const [name, items] of children) value[name] = items.length > 1 ? items : items[0];
  return value;
}

/** `context.Request.Url` / `OriginalUrl` as the Liquid context object shows them. */
class UrlView {
  readonly Scheme: string;
  readonly Host: string;
  readonly Port: string;
  readonly Path: string;
  readonly Query: Record<string, string>;
  readonly QueryString: string;
  readonly ToUri: string;
  readonly ToString: string;

  constructor(url: URL) {
    this.Scheme = url.protocol.replace(/:$/, '');
    this.Host = url.hostname;
    this.Port = url.port || (url.protocol === 'https:' ? '443' : '80');
    this.Path = url.pathname;
    this.Query = {};
    for (const name of new Set(url.searchParams.keys())) this.Query[name] = url.searchParams.getAll(name).join(',');
    this.QueryString = url.search;
    this.ToUri = url.href;
    this.ToString = url.href;
  }

  /** `{{context.Request.Url}}` prints the URL. */
  toString(): string {
    return this.ToUri;
  }
}

/**
 * `context` for a Liquid template: the members APIM's set-body reference lists (Request: Url, Method,
 * OriginalMethod, OriginalUrl, IpAddress, MatchedParameters, HasBody, ClientCertificates, Headers;
 * Response: StatusCode, Method, Headers) plus Variables. Header values are joined with commas.
 */
export function bindContext(ctx: GatewayContext, hasBody: boolean): Record<string, unknown> {
  const request = ctx.request;
  const response = ctx.response;
  return {
    Request: {
      Url: new UrlView(ctx.backendUrl()),
      Method: request.method,
      OriginalMethod: ctx.operation.method === '*' ? request.method : ctx.operation.method,
      OriginalUrl: new UrlView(request.originalUrl),
      IpAddress: request.ipAddress,
      MatchedParameters: { ...request.matchedParameters },
      HasBody: hasBody,
      ClientCertificates: [],
      Headers: headerRecord(request.headers),
    },
    Response: response
      ? { StatusCode: response.statusCode, Method: request.method, Headers: headerRecord(response.headers) }
      : null,
    Variables: Object.fromEntries([...ctx.variables].map(([name, value]) => [name, plain(value)])),
  };
}

/** Headers by the names the message wrote, read case-insensitively as APIM's header dictionary is. */
class HeaderDrop extends Drop {
  [name: string]: unknown;

  // A #private field is no property a template can list or read.
  readonly #headers: HeaderBag;

  constructor(headers: HeaderBag) {
    super();
    this.#headers = headers;
    for (const name of headers.names()) this[name] = (headers.get(name) ?? []).join(',');
  }

  override liquidMethodMissing(key: unknown): string | undefined {
    return this.#headers.get(String(key))?.join(',');
  }
}

function headerRecord(headers: HeaderBag): HeaderDrop {
  return new HeaderDrop(headers);
}

/** A variable as a template can print it: text, numbers and booleans as they are, anything else as text. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return expressionValueToString(value);
}
