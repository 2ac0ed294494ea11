import type { GatewayContext, LastError, TraceEntry } from '../context/gateway-context';
import { HeaderBag } from '../context/header-bag';

/** A request for the test host: a path (or full URL), headers as a plain object, a text or JSON body. */
export interface TestRequest {
  readonly method?: string;
  /** `/echo/resource?x=1`, or a full URL (its host is what `context.Request.OriginalUrl.Host` reads). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Text, bytes, or an object sent as JSON (Content-Type added when missing). */
  readonly body?: string | Uint8Array | object;
  readonly ipAddress?: string;
}

/** What the backend received, when the pipeline forwarded the request. */
export interface ForwardedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the test backend answers (default: 200 with an empty body). */
export interface TestBackendAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | object;
}

/** The outcome of one request through the policy: the response, what was forwarded, variables, trace. */
export interface TestResult {
  readonly status: number;
  /** Header names lower-cased; repeated values joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = unknown>(): T;
  /** What reached the backend, or undefined when the policy answered itself. */
  readonly forwarded?: ForwardedRequest;
  /** `context.Variables` at the end. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Every statement run, in order (nested statements after their parent). */
  readonly trace: readonly TraceEntry[];
  readonly lastError?: LastError;
  /** The request context itself, for anything else. Undefined for a 404 or a subscription refusal. */
  readonly context?: GatewayContext;
}

/** Headers as a plain object (lower-case names). */
export function headerRecord(headers: HeaderBag): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of headers.names()) record[name.toLowerCase()] = (headers.get(name) ?? []).join(', ');
  return record;
}

export function toHeaderBag(headers: TestRequest['headers']): HeaderBag {
  const bag = new HeaderBag();
  for (const [name, value] of Object.entries(headers ?? {}))
    bag.append(name, typeof value === 'string' ? [value] : [...value]);
  return bag;
}
