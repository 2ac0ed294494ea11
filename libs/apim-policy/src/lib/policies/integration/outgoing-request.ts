import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { PolicyFailure, type PolicyCompileContext, type ValueSource } from '../policy-step';
import { choiceType, optionalTyped, type TypedValue } from '../typed-attribute';
import { compileMethod } from '../transformation/set-method.policy';
import { valueElements } from '../value-elements';
import { bodyBytes } from './read-body';
import { compileBasicCredential } from '../access/authentication-basic.policy';
import { compileClientCertificate, type BackendClientCertificate } from '../access/authentication-certificate.policy';
import { compileManagedIdentityToken } from '../access/authentication-managed-identity.policy';

/** What send-request and send-one-way-request send, built per request. */
export interface OutgoingMessage {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderBag;
  readonly body?: Buffer | string;
  /** From a nested authentication-certificate: presented in the TLS handshake. */
  readonly clientCertificate?: BackendClientCertificate;
}

export interface OutgoingRequest {
  build(context: GatewayContext): Promise<OutgoingMessage>;
}

const MODES = ['new', 'copy'] as const;
const AUTHENTICATION = ['authentication-basic', 'authentication-managed-identity', 'authentication-certificate'];
const CHILDREN = ['set-url', 'set-method', 'set-header', 'set-body', ...AUTHENTICATION];
/** Elements APIM allows here that this gateway cannot honour. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  proxy: 'HTTP proxies are not supported by this gateway',
};
const EXISTS_ACTIONS = ['override', 'skip', 'append', 'delete'] as const;
/** Headers a copied request does not carry: the HTTP client sets them for the new connection and body. */
const NOT_COPIED = ['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade'];
/** An HTTP token (header names). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface HeaderChange {
  readonly name: ValueSource;
  readonly action: TypedValue<(typeof EXISTS_ACTIONS)[number]>;
  readonly values: readonly ValueSource[];
}

/**
 * The request element of send-request / send-one-way-request: `mode` (new: only what the children
 * say; copy: the current request's method, URL, headers and body, which the children then change),
 * then `<set-url>`, `<set-method>`, `<set-header>`s and `<set-body>`; then the call's own credentials, compiled as
 * the top-level policies are: `<authentication-basic>` or `<authentication-managed-identity>` (the Authorization
 * header, replacing one set-header or copy gave) and `<authentication-certificate>` (the TLS client certificate).
 */
export function compileOutgoingRequest(element: PolicyElement, context: PolicyCompileContext): OutgoingRequest {
  for (const child of element.children) {
    const why = UNSUPPORTED[child.name];
    if (why) throw context.error('POLICY_UNKNOWN_ELEMENT', child, `${why}; remove <${child.name}>.`);
  }
  context.expectChildren(element, CHILDREN);
  const mode = optionalTyped(context, element, 'mode', choiceType(MODES), 'new');
  const urlElement = single(element, 'set-url', context);
  const methodElement = single(element, 'set-method', context);
  const bodyElement = single(element, 'set-body', context);
  if (mode.constant === 'new' && (!urlElement || !methodElement)) {
    throw context.error(
      'POLICY_MISSING_ATTRIBUTE',
      element,
      `mode="new" sends only what you write: add ${!urlElement ? '<set-url>https://…</set-url>' : ''}${
        !urlElement && !methodElement ? ' and ' : ''
      }${!methodElement ? '<set-method>GET</set-method>' : ''}, or write mode="copy" to start from the current request.`,
    );
  }
  const url = urlElement && textOf(urlElement, context);
  // set-method's own compiler (transformation/set-method.policy.ts): one rule for the method everywhere.
  const method = methodElement && compileMethod(methodElement, context);
  const body = bodyElement && bodyOf(bodyElement, context);
  const headers = element.children
    .filter((child) => child.name === 'set-header')
    .map((child) => headerOf(child, context));
  const authorization = authorizationOf(element, context);
  const certificateElement = single(element, 'authentication-certificate', context);
  const certificate = certificateElement && compileClientCertificate(certificateElement, context);
  const copiesBody = context.section !== 'outbound';
  const source = element.name;

  return {
    async build(ctx) {
      const copy = mode.evaluate(ctx) === 'copy';
      if (!copy && (!url || !method)) {
        throw new PolicyFailure(
          500,
          'Internal server error',
          source,
          'RequestInvalid',
          {},
          {
            cause: `<${source}> mode="new" needs <set-url> and <set-method>`,
          },
        );
      }
      const message = {
        method: method ? method(ctx) : ctx.request.method,
        url: url ? url.evaluate(ctx).trim() : ctx.backendUrl().href,
        headers: copy ? copiedHeaders(ctx.request.headers) : new HeaderBag(),
        body: undefined as Buffer | string | undefined,
        clientCertificate: undefined as BackendClientCertificate | undefined,
      };
      if (copy && copiesBody) {
        const bytes = await bodyBytes(ctx.request.body, 'request', source);
        // The stream is consumed: the forwarded request gets the same bytes.
        if (bytes !== undefined) ctx.request.body = bytes;
        message.body = bytes;
      }
      checkUrl(message.url, source);
      for (const change of headers) applyHeader(message.headers, change, ctx);
      if (body) {
        message.body = body.evaluate(ctx);
        message.headers.delete('content-length');
      }
      const credential = authorization && (await authorization(ctx));
      if (credential !== undefined) message.headers.set('Authorization', [credential]);
      if (certificate) message.clientCertificate = certificate(ctx);
      return message;
    },
  };
}

/**
 * The Authorization header value of a nested authentication-basic or authentication-managed-identity (undefined: leave
 * the header as it is). Both set the same header, so only one of them may be written.
 */
function authorizationOf(
  element: PolicyElement,
  context: PolicyCompileContext,
): ((ctx: GatewayContext) => Promise<string | undefined>) | undefined {
  const basic = single(element, 'authentication-basic', context);
  const identity = single(element, 'authentication-managed-identity', context);
  if (basic && identity) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      identity,
      'authentication-basic and authentication-managed-identity both set the Authorization header; keep one.',
    );
  }
  if (basic) {
    const credential = compileBasicCredential(basic, context);
    return async (ctx) => credential(ctx);
  }
  if (!identity) return undefined;
  const tokenFor = compileManagedIdentityToken(identity, context);
  return async (ctx) => {
    const token = await tokenFor(ctx);
    return token === undefined ? undefined : `Bearer ${token}`;
  };
}

function single(element: PolicyElement, name: string, context: PolicyCompileContext): PolicyElement | undefined {
  const found = element.children.filter((child) => child.name === name);
  if (found.length > 1)
    throw context.error('POLICY_INVALID_VALUE', found[1], `<${name}> may appear once; remove the others.`);
  return found[0];
}

function textOf(child: PolicyElement, context: PolicyCompileContext): ValueSource {
  context.expectAttributes(child, []);
  context.expectChildren(child, []);
  const source = context.text(child);
  if (source.isConstant && source.raw.trim() === '') {
    throw context.error('POLICY_INVALID_VALUE', child, `<${child.name}> is empty; write a value.`);
  }
  return source;
}

function bodyOf(child: PolicyElement, context: PolicyCompileContext): ValueSource {
  if (Object.keys(child.attributes).includes('template')) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      child,
      'Liquid templates are not supported by this gateway; build the body with a policy expression @{ … }.',
      { attribute: 'template' },
    );
  }
  context.expectAttributes(child, []);
  if (child.children.length > 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      child.children[0],
      'set-body holds text or a policy expression, not elements; to send XML, wrap it in <![CDATA[ … ]]>.',
    );
  }
  return context.text(child);
}

function headerOf(child: PolicyElement, context: PolicyCompileContext): HeaderChange {
  context.expectAttributes(child, ['name', 'exists-action']);
  const action = optionalTyped(context, child, 'exists-action', choiceType(EXISTS_ACTIONS), 'override');
  return { name: context.attribute(child, 'name', { required: true }), action, values: valueElements(child, context) };
}

function applyHeader(headers: HeaderBag, change: HeaderChange, ctx: GatewayContext): void {
  const name = change.name.evaluate(ctx).trim();
  if (!TOKEN.test(name)) {
    throw new PolicyFailure(
      500,
      'Internal server error',
      'set-header',
      'HeaderNameInvalid',
      {},
      {
        cause: `"${name}" is not a valid header name`,
      },
    );
  }
  const values = change.values.map((value) => value.evaluate(ctx));
  const joined = values.length === 0 ? [''] : [values.join(',')];
  switch (change.action.evaluate(ctx)) {
    case 'delete':
      headers.delete(name);
      return;
    case 'skip':
      if (!headers.has(name)) headers.set(name, joined);
      return;
    case 'append':
      if (values.length > 0) headers.set(name, [[...(headers.get(name) ?? []), ...values].join(',')]);
      return;
    default:
      headers.set(name, joined);
  }
}

function copiedHeaders(from: HeaderBag): HeaderBag {
  const headers = new HeaderBag();
  for (const [name, values] of from.toArray()) if (!NOT_COPIED.includes(name.toLowerCase())) headers.set(name, values);
  return headers;
}

function checkUrl(url: string, source: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new PolicyFailure(
      500,
      'Internal server error',
      source,
      'RequestUrlInvalid',
      {},
      {
        cause: `<${source}> <set-url> gave ${JSON.stringify(url.slice(0, 40))}, not an absolute http(s) URL`,
      },
    );
  }
}
