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
  type MessageBodyView,
  MultiValueDictionary,
  RequestView,
  StringDictionary,
  TimeSpanValue,
  headerDictionary,
  messageBody,
  queryDictionary,
} from './context-view';
import { DictionaryValue } from './library/collections';
import { EvaluationFault } from './expression-error';
import { parseJson } from './library/json-parse';
import { GUID, GuidValue } from './library/system-guid';
import { parseXDocument, parseXElement } from './library/xml-parse';
import {
  type Method,
  type OutBox,
  type Overload,
  type TypeMembers,
  fault,
  members,
  method,
  prop,
  sig,
} from './members';
import { BOOL, DATE_TIME, INT, OBJECT, STRING, STRING_ARRAY, type Type, enumerableOf, generic, named } from './types';

/** C# members of `context` and the objects reachable from it, mapped onto GatewayContext. */

const URL_TYPE = named('Url');
const HEADERS = named('StringArrayDictionary');
const BODY = named('MessageBody');
const STRINGS = enumerableOf(STRING);
const NULLABLE_DATE_TIME: Type = { name: 'DateTime', nullable: true };
const NULLABLE_INT: Type = { name: 'int', nullable: true };

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
    // APIM types it Guid: `ToString("N")` and `==` work; it prints as the same UUID text.
    RequestId: prop<GatewayContext>(GUID, (c) => new GuidValue(c.requestId.replace(/-/g, '').toLowerCase())),
    Timestamp: prop<GatewayContext>(DATE_TIME, (c) => c.timestamp),
    Elapsed: prop<GatewayContext>(named('TimeSpan'), (c) => new TimeSpanValue(c.elapsedMs())),
    Deployment: prop<GatewayContext>(named('Deployment'), (c) => c.deployment),
    User: prop<GatewayContext>(
      named('User'),
      () => null,
      'this gateway has no developer accounts, so User is always null',
    ),
    // APIM's request tracing (Ocp-Apim-Trace) is not implemented: tracing is never on.
    Tracing: prop<GatewayContext>(BOOL, () => false),
  },
  {},
  {
    hints: {
      Trace: 'context.Trace(…) is not supported: this gateway has no APIM request tracing (context.Tracing is false)',
      GraphQL: 'context.GraphQL is not supported: this gateway has no GraphQL APIs',
      Workspace: 'context.Workspace is not supported: this gateway has no workspaces',
    },
  },
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
    Body: prop<RequestView>(BODY, (r) => messageBody(r.context.request, 'request'), 'the request has no body'),
    Certificate: prop<RequestView>(
      named('X509Certificate2'),
      () => null,
      'this gateway does not ask for client certificates, so Certificate is always null',
    ),
    PrivateEndpointConnection: prop<RequestView>(
      named('PrivateEndpointConnection'),
      () => null,
      'requests do not arrive through a private endpoint here, so PrivateEndpointConnection is always null',
    ),
  },
  {},
);

/** Never reached at run time (always null); typed so `context.Request.PrivateEndpointConnection?.Name` checks. */
const PrivateEndpointConnection = members({
  Name: prop(STRING, () => null),
  GroupId: prop(STRING, () => null),
  MemberName: prop(STRING, () => null),
});

/** Never reached at run time (Certificate is always null); typed so `context.Request.Certificate?.Thumbprint` checks. */
const X509Certificate2 = members({
  Thumbprint: prop(STRING, () => null),
  Subject: prop(STRING, () => null),
  Issuer: prop(STRING, () => null),
  SerialNumber: prop(STRING, () => null),
  NotBefore: prop(DATE_TIME, () => null),
  NotAfter: prop(DATE_TIME, () => null),
});

/**
 * Types `Body.As<T>()` reads, as APIM lists them. `preserveContent: true` keeps the body for later
 * readers and for forwarding; without it the body is consumed (see MessageBodyView). An empty body
 * (or one already consumed) reads as `""`, no bytes, or a null JSON/XML document, so the next
 * member access is APIM's null reference; malformed content is a fault worded as APIM words it
 * (`The message body is not a valid JSON. …`).
 */
type BodyReader = (body: MessageBodyView, preserve: boolean) => unknown;

function document(kind: 'JSON' | 'XML', parse: (text: string) => unknown): BodyReader {
  return (body, preserve) => {
    const text = body.text(preserve);
    if (text.trim() === '') return null;
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof EvaluationFault) throw fault(`The message body is not a valid ${kind}. ${error.message}`);
      throw error;
    }
  };
}

const BODY_READERS: Readonly<Record<string, BodyReader>> = {
  string: (body, preserve) => body.text(preserve),
  'byte[]': (body, preserve) => new Uint8Array(body.bytes(preserve)),
  JToken: document('JSON', (text) => parseJson(text, 'JToken')),
  JObject: document('JSON', (text) => parseJson(text, 'JObject')),
  JArray: document('JSON', (text) => parseJson(text, 'JArray')),
  XElement: document('XML', (text) => parseXElement(text)),
  XNode: document('XML', (text) => parseXElement(text)),
  XDocument: document('XML', (text) => parseXDocument(text)),
};

const bodyAs: Method = {
  overloads: [],
  generic(type: Type): readonly Overload[] | undefined {
    if (type.nullable || type.args) return undefined;
    const read = Object.prototype.hasOwnProperty.call(BODY_READERS, type.name) ? BODY_READERS[type.name] : undefined;
    if (!read) return undefined;
    return [
      sig<MessageBodyView, []>([], type, (body) => read(body, false)),
      sig<MessageBodyView, [boolean | undefined]>([BOOL], type, (body, preserve) => read(body, preserve === true), {
        names: ['preserveContent'],
        optional: 1,
        defaults: [false],
      }),
    ];
  },
};

/** `AsFormUrlEncodedContent(preserveContent)`: `a=1&a=2&b=x+y` → { a: [1, 2], b: ["x y"] }. */
function formContent(body: MessageBodyView, preserve: boolean): DictionaryValue {
  const form = new DictionaryValue();
  for (const [name, value] of new URLSearchParams(body.text(preserve))) {
    const values = form.get(name) as string[] | undefined;
    if (values) values.push(value);
    else form.set(name, [value]);
  }
  return form;
}

const FORM = generic('Dictionary', STRING, generic('List', STRING));

const MessageBody = members(
  {},
  {
    As: bodyAs,
    AsFormUrlEncodedContent: method(
      sig<MessageBodyView, []>([], FORM, (body) => formContent(body, false)),
      sig<MessageBodyView, [boolean | undefined]>(
        [BOOL],
        FORM,
        (body, preserve) => formContent(body, preserve === true),
        {
          names: ['preserveContent'],
          optional: 1,
          defaults: [false],
        },
      ),
    ),
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

const readNames = { names: ['key', 'value'], outParams: [1] };

/** `IReadOnlyDictionary<string, string[]>` for headers, query parameters and claims. */
const StringArrayDictionary = members(
  {
    Count: prop<MultiValueDictionary>(INT, (d) => d.count),
    Keys: prop<MultiValueDictionary>(STRINGS, (d) => [...d.names]),
  },
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
    TryGetValue: method(
      sig<MultiValueDictionary, [string, OutBox]>(
        [STRING, STRING_ARRAY],
        BOOL,
        (d, name, out) => {
          const values = d.get(name);
          out.value = values === undefined ? null : [...values];
          return values !== undefined;
        },
        readNames,
      ),
    ),
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
  {
    Count: prop<StringDictionary>(INT, (d) => d.count),
    Keys: prop<StringDictionary>(STRINGS, (d) => [...d.names]),
  },
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
    TryGetValue: method(
      sig<StringDictionary, [string, OutBox]>(
        [STRING, STRING],
        BOOL,
        (d, name, out) => {
          const value = d.get(name);
          out.value = value ?? null;
          return value !== undefined;
        },
        readNames,
      ),
    ),
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
  // Any type a variable can hold: the value must be of that type (C#'s cast from object), else a fault.
  generic(type: Type) {
    if (type.name === 'void' || type.name === 'null' || type.name === '?') return undefined;
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
  {
    Count: prop<VariableMap>(INT, (v) => v.size),
    Keys: prop<VariableMap>(STRINGS, (v) => [...v.keys()]),
  },
  {
    GetValueOrDefault: variableGetter,
    ContainsKey: method(sig<VariableMap, [string]>([STRING], BOOL, (v, name) => v.has(name))),
    TryGetValue: method(
      sig<VariableMap, [string, OutBox]>(
        [STRING, OBJECT],
        BOOL,
        (v, name, out) => {
          out.value = v.has(name) ? (v.get(name) ?? null) : null;
          return v.has(name);
        },
        readNames,
      ),
    ),
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
  Body: prop<ResponseState>(BODY, (r) => messageBody(r, 'response'), 'the response has no body'),
});

/** Subscription dates are not in the gateway's configuration: they read as null. */
const Subscription = members({
  Id: prop<SubscriptionInfo>(STRING, (s) => s.id),
  Key: prop<SubscriptionInfo>(STRING, (s) => s.key),
  Name: prop<SubscriptionInfo>(STRING, (s) => s.name),
  PrimaryKey: prop<SubscriptionInfo>(STRING, (s) => s.primaryKey),
  SecondaryKey: prop<SubscriptionInfo>(STRING, (s) => s.secondaryKey),
  CreatedDate: prop<SubscriptionInfo>(DATE_TIME, () => null),
  StartDate: prop<SubscriptionInfo>(NULLABLE_DATE_TIME, () => null),
  EndDate: prop<SubscriptionInfo>(NULLABLE_DATE_TIME, () => null),
});

/** Fields the gateway's ApiInfo may carry beyond the required ones (read when present). */
type ApiExtras = Partial<{
  version: string;
  revision: string;
  protocols: readonly string[];
  subscriptionKeyParameterNames: { header: string; query: string };
}>;

const DEFAULT_KEY_NAMES = { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' };

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
  Protocols: prop<ApiInfo & ApiExtras>(STRINGS, (a) => [...(a.protocols ?? ['http', 'https'])]),
  SubscriptionKeyParameterNames: prop<ApiInfo & ApiExtras>(
    named('SubscriptionKeyParameterNames'),
    (a) => a.subscriptionKeyParameterNames ?? DEFAULT_KEY_NAMES,
  ),
  Version: prop<ApiInfo & ApiExtras>(STRING, (a) => a.version ?? null),
  Revision: prop<ApiInfo & ApiExtras>(STRING, (a) => a.revision ?? '1'),
  IsCurrentRevision: prop<ApiInfo>(BOOL, () => true),
});

const SubscriptionKeyParameterNames = members({
  Header: prop<typeof DEFAULT_KEY_NAMES>(STRING, (n) => n.header),
  Query: prop<typeof DEFAULT_KEY_NAMES>(STRING, (n) => n.query),
});

const Operation = members({
  Id: prop<OperationInfo>(STRING, (o) => o.id),
  Name: prop<OperationInfo>(STRING, (o) => o.name),
  Method: prop<OperationInfo>(STRING, (o) => o.method),
  UrlTemplate: prop<OperationInfo>(STRING, (o) => o.urlTemplate),
});

type ProductExtras = Partial<{ subscriptionRequired: boolean; approvalRequired: boolean; subscriptionsLimit: number }>;

const Product = members({
  Id: prop<ProductInfo>(STRING, (p) => p.id),
  Name: prop<ProductInfo>(STRING, (p) => p.name),
  // APIM's ProductState enum, as its name; only published products exist in this gateway's configuration.
  State: prop<ProductInfo>(STRING, () => 'Published'),
  SubscriptionRequired: prop<ProductInfo & ProductExtras>(BOOL, (p) => p.subscriptionRequired ?? true),
  ApprovalRequired: prop<ProductInfo & ProductExtras>(BOOL, (p) => p.approvalRequired ?? false),
  SubscriptionsLimit: prop<ProductInfo & ProductExtras>(NULLABLE_INT, (p) => p.subscriptionsLimit ?? null),
  Groups: prop<ProductInfo>(enumerableOf(named('Group')), () => []),
  Apis: prop<ProductInfo>(enumerableOf(named('Api')), () => []),
});

const Group = members({
  Id: prop(STRING, () => null),
  Name: prop(STRING, () => null),
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

type DeploymentInfo = GatewayContext['deployment'];

/** This gateway is one self-hosted instance: its service and gateway ids are derived from its name. */
const Deployment = members({
  Region: prop<DeploymentInfo>(STRING, (d) => d.region),
  ServiceName: prop<DeploymentInfo>(STRING, (d) => d.serviceName),
  ServiceId: prop<DeploymentInfo>(STRING, (d) => d.serviceName),
  GatewayId: prop<DeploymentInfo>(STRING, () => 'managed'),
  Gateway: prop<DeploymentInfo>(named('Gateway'), (d) => d),
  Certificates: prop<DeploymentInfo>(
    generic('Dictionary', STRING, named('X509Certificate2')),
    () => new DictionaryValue(),
  ),
});

const Gateway = members({
  Id: prop<DeploymentInfo>(STRING, () => 'managed'),
  InstanceId: prop<DeploymentInfo>(STRING, (d) => d.serviceName),
  IsManaged: prop<DeploymentInfo>(BOOL, () => true),
});

/** Never reached at run time (User is always null); typed so `context.User?.Email` checks. */
const User = members({
  Id: prop(STRING, () => null),
  Email: prop(STRING, () => null),
  FirstName: prop(STRING, () => null),
  LastName: prop(STRING, () => null),
  Note: prop(STRING, () => null),
  RegistrationDate: prop(DATE_TIME, () => null),
  Groups: prop(enumerableOf(named('Group')), () => []),
  Identities: prop(enumerableOf(named('UserIdentity')), () => []),
});

const UserIdentity = members({
  Id: prop(STRING, () => null),
  Provider: prop(STRING, () => null),
});

function missingKey(text: string, key: string) {
  return fault(`${text} has no "${key}"; use GetValueOrDefault("${key}", …) or check ContainsKey("${key}") first`);
}

export const CONTEXT_MEMBERS: Readonly<Record<string, TypeMembers>> = {
  Context,
  Request,
  MessageBody,
  X509Certificate2,
  PrivateEndpointConnection,
  Url,
  StringArrayDictionary,
  StringDictionary: StringDictionaryMembers,
  Variables,
  Response,
  Subscription,
  Api,
  SubscriptionKeyParameterNames,
  Operation,
  Product,
  Group,
  LastError: LastErrorMembers,
  Deployment,
  Gateway,
  User,
  UserIdentity,
};
