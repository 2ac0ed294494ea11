import type { PolicyElement } from '@stack/claim-policy';
import type { GatewayContext } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import {
  STOP,
  type PolicyCompileContext,
  type PolicyDefinition,
  type StepResult,
  type ValueSource,
} from '../policy-step';
import { onResponseComplete } from '../response-hooks';
import { booleanType, integerType, optionalTyped, type TypedValue } from '../typed-attribute';

/** A compiled `<cors>`: what it allows. */
interface CorsRules {
  /** Normalised origins (`scheme://host:port`), or `*`. */
  readonly origins: readonly string[] | '*';
  /** Upper-case methods or `*`; default GET and POST. */
  readonly methods: readonly ValueSource[] | '*';
  /** Lower-case header names, or `*`. */
  readonly headers: readonly string[] | '*';
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: TypedValue<boolean>;
  readonly terminateUnmatched: TypedValue<boolean>;
  readonly maxAge: TypedValue<number>;
}

const DEFAULT_METHODS = ['GET', 'POST'];

/**
 * `cors`: answers preflight requests (OPTIONS with Origin and Access-Control-Request-Method) itself, ending the
 * pipeline (APIM evaluates only cors on a preflight), and adds Access-Control-Allow-Origin (and credentials and
 * exposed headers) to the response of an actual cross-origin request from an allowed origin.
 */
export const corsPolicy: PolicyDefinition = {
  name: 'cors',
  sections: ['inbound'],
  compile(element, context) {
    context.expectAttributes(element, ['allow-credentials', 'terminate-unmatched-request']);
    context.expectChildren(element, ['allowed-origins', 'allowed-methods', 'allowed-headers', 'expose-headers']);
    const child = (name: string) => element.children.find((candidate) => candidate.name === name);
    const originsElement = child('allowed-origins');
    if (!originsElement) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        '<cors> needs <allowed-origins> with <origin>*</origin> or one <origin>https://host:port</origin> per allowed origin.',
      );
    }
    const headersElement = child('allowed-headers');
    if (!headersElement) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        '<cors> needs <allowed-headers> (APIM requires it) with a <header>name</header> per request header the browser may send, or <header>*</header>.',
      );
    }
    const methodsElement = child('allowed-methods');
    const rules: CorsRules = {
      origins: readOrigins(originsElement, context),
      methods: methodsElement ? readMethods(methodsElement, context) : DEFAULT_METHODS.map(constant),
      headers: readNames(headersElement, context, true),
      exposeHeaders: child('expose-headers')
        ? (readNames(child('expose-headers') as PolicyElement, context, false) as string[])
        : [],
      allowCredentials: optionalTyped(context, element, 'allow-credentials', booleanType, false),
      terminateUnmatched: optionalTyped(context, element, 'terminate-unmatched-request', booleanType, true),
      maxAge: methodsElement
        ? optionalTyped(context, methodsElement, 'preflight-result-max-age', integerType(0), 0)
        : { constant: 0, evaluate: () => 0 },
    };
    if (rules.origins === '*' && rules.allowCredentials.constant === true) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'allow-credentials="true" with <origin>*</origin>: browsers refuse credentials for any origin; list the origins instead.',
        { attribute: 'allow-credentials' },
      );
    }
    return {
      location: context.locate(element),
      run(ctx): StepResult {
        const origin = ctx.request.headers.joined('origin');
        if (origin === undefined) return;
        const requestedMethod = ctx.request.headers.joined('access-control-request-method');
        const preflight = ctx.request.method === 'OPTIONS' && requestedMethod !== undefined;
        if (preflight) return answerPreflight(ctx, rules, origin, requestedMethod);
        if (originAllowed(rules, origin) && methodAllowed(rules, ctx, ctx.request.method)) {
          const credentials = rules.allowCredentials.evaluate(ctx);
          onResponseComplete(ctx, (done) => decorate(done.ensureResponse().headers, rules, origin, credentials));
          return;
        }
        const simple = ctx.request.method === 'GET' || ctx.request.method === 'HEAD';
        if (simple && rules.terminateUnmatched.evaluate(ctx)) return emptyOk(ctx);
      },
    };
  },
};

function answerPreflight(ctx: GatewayContext, rules: CorsRules, origin: string, requestedMethod: string): typeof STOP {
  const requestedHeaders = (ctx.request.headers.joined('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const matched =
    originAllowed(rules, origin) &&
    methodAllowed(rules, ctx, requestedMethod) &&
    requestedHeaders.every((name) => rules.headers === '*' || rules.headers.includes(name.toLowerCase()));
  // Unmatched with terminate-unmatched-request false: APIM would try a later cors statement of the same inbound;
  // statements here do not see their siblings, so the preflight ends with the same empty 200 (decision 011).
  if (!matched) return emptyOk(ctx);
  const headers = new HeaderBag();
  const credentials = rules.allowCredentials.evaluate(ctx);
  headers.set('Access-Control-Allow-Origin', [allowOriginValue(rules, origin, credentials)]);
  if (credentials) headers.set('Access-Control-Allow-Credentials', ['true']);
  headers.set('Access-Control-Allow-Methods', [requestedMethod.trim().toUpperCase()]);
  if (requestedHeaders.length > 0) headers.set('Access-Control-Allow-Headers', [requestedHeaders.join(',')]);
  headers.set('Access-Control-Max-Age', [String(rules.maxAge.evaluate(ctx))]);
  headers.set('Vary', ['Origin']);
  ctx.response = { statusCode: 200, headers, body: '' };
  return STOP;
}

function decorate(headers: HeaderBag, rules: CorsRules, origin: string, credentials: boolean): void {
  headers.set('Access-Control-Allow-Origin', [allowOriginValue(rules, origin, credentials)]);
  if (credentials) headers.set('Access-Control-Allow-Credentials', ['true']);
  if (rules.exposeHeaders.length > 0) headers.set('Access-Control-Expose-Headers', [rules.exposeHeaders.join(',')]);
  const vary = headers.joined('vary');
  if (
    !vary
      ?.toLowerCase()
      .split(',')
      .map((name) => name.trim())
      .includes('origin')
  ) {
    headers.set('Vary', [vary ? `${vary}, Origin` : 'Origin']);
  }
}

/** `*` unless credentials are allowed (browsers refuse `*` with credentials): then the caller's origin. */
function allowOriginValue(rules: CorsRules, origin: string, credentials: boolean): string {
  return rules.origins === '*' && !credentials ? '*' : origin;
}

function emptyOk(ctx: GatewayContext): typeof STOP {
  ctx.response = { statusCode: 200, headers: new HeaderBag(), body: '' };
  return STOP;
}

function originAllowed(rules: CorsRules, origin: string): boolean {
  if (rules.origins === '*') return true;
  const normalised = normaliseOrigin(origin);
  return normalised !== undefined && rules.origins.includes(normalised);
}

function methodAllowed(rules: CorsRules, ctx: GatewayContext, method: string): boolean {
  if (rules.methods === '*') return true;
  const wanted = method.trim().toUpperCase();
  return rules.methods.some(
    (allowed) => allowed.evaluate(ctx).trim().toUpperCase() === wanted || allowed.evaluate(ctx).trim() === '*',
  );
}

function readOrigins(element: PolicyElement, context: PolicyCompileContext): readonly string[] | '*' {
  context.expectAttributes(element, []);
  context.expectChildren(element, ['origin']);
  const values = element.children.map((child) => {
    context.expectAttributes(child, []);
    return { child, text: context.text(child).raw.trim() };
  });
  if (values.length === 0) {
    throw context.error('POLICY_INVALID_VALUE', element, 'needs at least one <origin>.');
  }
  if (values.some((value) => value.text === '*')) {
    if (values.length > 1) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        '<origin>*</origin> must be the only <origin>: it allows every origin.',
      );
    }
    return '*';
  }
  return values.map(({ child, text }) => {
    const origin = normaliseOrigin(text);
    if (!origin) {
      throw context.error(
        'POLICY_INVALID_VALUE',
        child,
        `"${text}" is not an origin; write scheme, host and optionally port, e.g. https://app.contoso.com or http://localhost:8080, or * for any origin.`,
      );
    }
    return origin;
  });
}

function readMethods(element: PolicyElement, context: PolicyCompileContext): readonly ValueSource[] | '*' {
  context.expectAttributes(element, ['preflight-result-max-age']);
  context.expectChildren(element, ['method']);
  if (element.children.length === 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      'needs at least one <method> (or remove <allowed-methods> for GET and POST).',
    );
  }
  const methods = element.children.map((child) => {
    context.expectAttributes(child, []);
    return context.text(child);
  });
  return methods.some((method) => method.isConstant && method.raw.trim() === '*') ? '*' : methods;
}

function readNames(element: PolicyElement, context: PolicyCompileContext, wildcard: boolean): readonly string[] | '*' {
  context.expectAttributes(element, []);
  context.expectChildren(element, ['header']);
  if (element.children.length === 0) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `needs at least one <header>name</header>, or remove <${element.name}>.`,
    );
  }
  const names = element.children.map((child) => {
    context.expectAttributes(child, []);
    return context.text(child).raw.trim();
  });
  if (wildcard && names.includes('*')) return '*';
  return names.map((name) => (wildcard ? name.toLowerCase() : name));
}

/** `scheme://host:port`, lower case, default port explicit (80 for http, 443 for https); undefined when not an origin. */
function normaliseOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`;
}

function constant(raw: string): ValueSource {
  return { isConstant: true, raw, evaluate: () => raw };
}
