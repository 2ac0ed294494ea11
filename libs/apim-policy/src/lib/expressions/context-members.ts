import { STATUS_CODES } from 'node:http';
import type {
  ApiInfo,
  GatewayContext,
  LastError,
  OperationInfo,
  ProductInfo,
  ResponseState,
  SubscriptionInfo,
} from '../context/gateway-context';
import { castFromObject, defaultOf } from './conversions';
import {
  MultiValueDictionary,
  RequestView,
  StringDictionary,
  TimeSpanValue,
  headerDictionary,
  queryDictionary,
} from './context-view';
import { type Method, type TypeMembers, fault, members, method, prop, sig } from './members';
import { BOOL, DATE_TIME, INT, OBJECT, STRING, STRING_ARRAY, type Type, named } from './types';

/** C# members of `context` and the objects reachable from it, mapped onto GatewayContext. */

const URL_TYPE = named('Url');
const HEADERS = named('StringArrayDictionary');

const Context = members(
  {
    Request: prop<GatewayContext>(named('Request'), (c) => new RequestView(c)),
    Response: prop<GatewayContext>(
      named('Response'),
      (c) => c.response ?? null,
      'there is no response before the backend answers or a policy sets one',
    ),
    Variables: prop<GatewayContext>(named('Variables'), (c) => c.variables),
    Subscription: prop<GatewayContext>(
      named('Subscription'),
      (c) => c.subscription ?? null,
      'the request carried no subscription key',
    ),
    Api: prop<GatewayContext>(named('Api'), (c) => c.api),
    Operation: prop<GatewayContext>(named('Operation'), (c) => c.operation),
    Product: prop<GatewayContext>(
      named('Product'),
      (c) => c.product ?? null,
      'the subscription is not scoped to a product',
    ),
    LastError: prop<GatewayContext>(
      named('LastError'),
      (c) => c.lastError ?? null,
      'no error has happened; LastError is set in on-error',
    ),
    RequestId: prop<GatewayContext>(STRING, (c) => c.requestId),
    Timestamp: prop<GatewayContext>(DATE_TIME, (c) => c.timestamp),
    Elapsed: prop<GatewayContext>(named('TimeSpan'), (c) => new TimeSpanValue(c.elapsedMs())),
    Deployment: prop<GatewayContext>(named('Deployment'), (c) => c.deployment),
    User: prop<GatewayContext>(
      named('User'),
      () => null,
      'this gateway has no developer accounts, so User is always null',
    ),
  },
  {},
  { hints: { Tracing: 'context.Tracing is not supported', Trace: 'context.Trace is not supported' } },
);

const Request = members(
  {
    Method: prop<RequestView>(STRING, (r) => r.context.request.method),
    Url: prop<RequestView>(URL_TYPE, (r) => r.context.backendUrl()),
    OriginalUrl: prop<RequestView>(URL_TYPE, (r) => r.context.request.originalUrl),
    Headers: prop<RequestView>(HEADERS, (r) => headerDictionary(r.context.request.headers)),
    IpAddress: prop<RequestView>(STRING, (r) => r.context.request.ipAddress),
    MatchedParameters: prop<RequestView>(
      named('StringDictionary'),
      (r) => new StringDictionary(r.context.request.matchedParameters),
    ),
  },
  {},
  {
    hints: {
      Body: 'context.Request.Body is not supported: bodies stream to the backend unread',
      Certificate: 'client certificates are not supported',
    },
  },
);

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

const Url = members(
  {
    Host: prop<URL>(STRING, (u) => u.hostname),
    Path: prop<URL>(STRING, (u) => u.pathname),
    Port: prop<URL>(INT, (u) => (u.port ? Number(u.port) : (DEFAULT_PORTS[u.protocol] ?? 0))),
    Scheme: prop<URL>(STRING, (u) => u.protocol.replace(/:$/, '')),
    Query: prop<URL>(HEADERS, (u) => queryDictionary(u)),
    QueryString: prop<URL>(STRING, (u) => u.search),
  },
  { ToString: method(sig<URL, []>([], STRING, (u) => u.href)) },
);

/** `IReadOnlyDictionary<string, string[]>` for headers, query parameters and claims. */
const StringArrayDictionary = members(
  { Count: prop<MultiValueDictionary>(INT, (d) => d.count) },
  {
    GetValueOrDefault: method(
      sig<MultiValueDictionary, [string]>([STRING], STRING, (d, name) => d.get(name)?.join(',') ?? null),
      sig<MultiValueDictionary, [string, string | null]>(
        [STRING, STRING],
        STRING,
        (d, name, fallback) => {
          if (name === null) throw fault('GetValueOrDefault: the name is null');
          return d.get(name)?.join(',') ?? fallback;
        },
        { allowsNull: true },
      ),
    ),
    ContainsKey: method(sig<MultiValueDictionary, [string]>([STRING], BOOL, (d, name) => d.get(name) !== undefined)),
  },
  {
    indexer: {
      key: STRING,
      returns: STRING_ARRAY,
      get: (d, key, text) => {
        const values = (d as MultiValueDictionary).get(key as string);
        if (values === undefined) throw missingKey(text, key as string);
        return [...values];
      },
    },
  },
);

const StringDictionaryMembers = members(
  { Count: prop<StringDictionary>(INT, (d) => d.count) },
  {
    GetValueOrDefault: method(
      sig<StringDictionary, [string]>([STRING], STRING, (d, name) => d.get(name) ?? null),
      sig<StringDictionary, [string, string | null]>(
        [STRING, STRING],
        STRING,
        (d, name, fallback) => {
          if (name === null) throw fault('GetValueOrDefault: the name is null');
          return d.get(name) ?? fallback;
        },
        { allowsNull: true },
      ),
    ),
    ContainsKey: method(sig<StringDictionary, [string]>([STRING], BOOL, (d, name) => d.get(name) !== undefined)),
  },
  {
    indexer: {
      key: STRING,
      returns: STRING,
      get: (d, key, text) => {
        const value = (d as StringDictionary).get(key as string);
        if (value === undefined) throw missingKey(text, key as string);
        return value;
      },
    },
  },
);

type VariableMap = Map<string, unknown>;

/** Types `GetValueOrDefault<T>` accepts. */
const VARIABLE_TYPES = new Set(['string', 'int', 'bool', 'double', 'Jwt', 'object', 'string[]', 'DateTime']);

const variableGetter: Method = {
  overloads: [
    sig<VariableMap, [string]>([STRING], OBJECT, (v, name) => (v.has(name) ? (v.get(name) ?? null) : null)),
    sig<VariableMap, [string, unknown]>(
      [STRING, OBJECT],
      OBJECT,
      (v, name, fallback) => (v.has(name) ? (v.get(name) ?? null) : fallback),
      { allowsNull: true },
    ),
  ],
  generic(type: Type) {
    if (!VARIABLE_TYPES.has(type.name)) return undefined;
    const read = (v: VariableMap, name: string, fallback: unknown) =>
      v.has(name) ? castFromObject(v.get(name), type, `context.Variables["${name}"]`) : fallback;
    return [
      sig<VariableMap, [string]>([STRING], type, (v, name) => read(v, name, defaultOf(type))),
      sig<VariableMap, [string, unknown]>([STRING, type], type, (v, name, fallback) => read(v, name, fallback), {
        allowsNull: true,
      }),
    ];
  },
};

const Variables = members(
  { Count: prop<VariableMap>(INT, (v) => v.size) },
  {
    GetValueOrDefault: variableGetter,
    ContainsKey: method(sig<VariableMap, [string]>([STRING], BOOL, (v, name) => v.has(name))),
  },
  {
    indexer: {
      key: STRING,
      returns: OBJECT,
      get: (v, key) => {
        const map = v as VariableMap;
        if (!map.has(key as string)) {
          throw fault(
            `context.Variables has no "${key}"; set it first (set-variable) or read it with ` +
              `context.Variables.GetValueOrDefault<string>("${key}", …)`,
          );
        }
        return map.get(key as string) ?? null;
      },
    },
  },
);

const Response = members({
  StatusCode: prop<ResponseState>(INT, (r) => r.statusCode),
  StatusReason: prop<ResponseState>(STRING, (r) => r.reason ?? STATUS_CODES[r.statusCode] ?? ''),
  Headers: prop<ResponseState>(HEADERS, (r) => headerDictionary(r.headers)),
});

const Subscription = members({
  Id: prop<SubscriptionInfo>(STRING, (s) => s.id),
  Key: prop<SubscriptionInfo>(STRING, (s) => s.key),
  Name: prop<SubscriptionInfo>(STRING, (s) => s.name),
  PrimaryKey: prop<SubscriptionInfo>(STRING, (s) => s.primaryKey),
  SecondaryKey: prop<SubscriptionInfo>(STRING, (s) => s.secondaryKey),
});

const Api = members({
  Id: prop<ApiInfo>(STRING, (a) => a.id),
  Name: prop<ApiInfo>(STRING, (a) => a.name),
  Path: prop<ApiInfo>(STRING, (a) => a.path),
  ServiceUrl: prop<ApiInfo>(URL_TYPE, (a) => {
    try {
      return new URL(a.serviceUrl);
    } catch {
      throw fault(`context.Api.ServiceUrl "${a.serviceUrl}" is not a URL`);
    }
  }),
});

const Operation = members({
  Id: prop<OperationInfo>(STRING, (o) => o.id),
  Name: prop<OperationInfo>(STRING, (o) => o.name),
  Method: prop<OperationInfo>(STRING, (o) => o.method),
  UrlTemplate: prop<OperationInfo>(STRING, (o) => o.urlTemplate),
});

const Product = members({
  Id: prop<ProductInfo>(STRING, (p) => p.id),
  Name: prop<ProductInfo>(STRING, (p) => p.name),
});

const LastErrorMembers = members({
  Source: prop<LastError>(STRING, (e) => e.source),
  Reason: prop<LastError>(STRING, (e) => e.reason),
  Message: prop<LastError>(STRING, (e) => e.message),
  Scope: prop<LastError>(STRING, (e) => e.scope ?? null),
  Section: prop<LastError>(STRING, (e) => e.section ?? null),
  Path: prop<LastError>(STRING, (e) => e.path ?? null),
  PolicyId: prop<LastError>(STRING, (e) => e.policyId ?? null),
});

const Deployment = members({
  Region: prop<GatewayContext['deployment']>(STRING, (d) => d.region),
  ServiceName: prop<GatewayContext['deployment']>(STRING, (d) => d.serviceName),
});

/** Never reached at run time (User is always null); typed so `context.User?.Email` checks. */
const User = members({
  Id: prop(STRING, () => null),
  Email: prop(STRING, () => null),
  FirstName: prop(STRING, () => null),
  LastName: prop(STRING, () => null),
  Note: prop(STRING, () => null),
});

function missingKey(text: string, key: string) {
  return fault(`${text} has no "${key}"; use GetValueOrDefault("${key}", …) or check ContainsKey("${key}") first`);
}

export const CONTEXT_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  Context,
  Request,
  Url,
  StringArrayDictionary,
  StringDictionary: StringDictionaryMembers,
  Variables,
  Response,
  Subscription,
  Api,
  Operation,
  Product,
  LastError: LastErrorMembers,
  Deployment,
  User,
};
