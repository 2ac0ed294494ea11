import type { GatewayContext, ResponseState } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import type { PolicyCache } from '../services/policy-cache';

/** A response as the cache keeps it: plain JSON, so Redis can hold it as well as memory. */
export interface CachedResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: Record<string, string[]>;
  /** The body, base64. */
  readonly body: string;
  /** Epoch milliseconds when the entry expires (for downstream max-age). */
  readonly expiresAt: number;
}

/** Headers a cached answer does not repeat: per connection, or per caller. */
const NOT_CACHED = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'date'];

/** How downstream caches may keep the answer (cache-lookup's downstream-caching-type, must-revalidate). */
export interface DownstreamCaching {
  readonly type: 'none' | 'private' | 'public';
  readonly mustRevalidate: boolean;
}

/** What cache-lookup leaves for the cache-store of the same request after a miss. */
export interface PendingStore {
  readonly cache: PolicyCache;
  readonly key: string;
  readonly downstream: DownstreamCaching;
}

const pending = new WeakMap<GatewayContext, PendingStore>();

export function expectStore(context: GatewayContext, store: PendingStore): void {
  pending.set(context, store);
}

/** The miss cache-lookup recorded for this request, once. */
export function takePendingStore(context: GatewayContext): PendingStore | undefined {
  const store = pending.get(context);
  pending.delete(context);
  return store;
}

const servedFromCache = new WeakSet<GatewayContext>();

/** cache-lookup found the answer: the pipeline resumes in outbound after the cache-store (APIM's rule). */
export function markServedFromCache(context: GatewayContext): void {
  servedFromCache.add(context);
}

export function wasServedFromCache(context: GatewayContext): boolean {
  return servedFromCache.has(context);
}

export function toCached(response: ResponseState, body: Buffer, expiresAt: number): CachedResponse {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of response.headers.toArray())
    if (!NOT_CACHED.includes(name.toLowerCase())) headers[name] = [...values];
  return {
    statusCode: response.statusCode,
    reason: response.reason,
    headers,
    body: body.toString('base64'),
    expiresAt,
  };
}

/** The cached entry as a response, or undefined when the cache held something else. */
export function fromCached(value: unknown): (ResponseState & { expiresAt: number }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<CachedResponse>;
  if (typeof entry.statusCode !== 'number' || typeof entry.body !== 'string' || typeof entry.headers !== 'object')
    return undefined;
  const headers = new HeaderBag();
  for (const [name, values] of Object.entries(entry.headers ?? {}))
    if (Array.isArray(values)) headers.set(name, values.map(String));
  return {
    statusCode: entry.statusCode,
    reason: entry.reason,
    headers,
    body: Buffer.from(entry.body, 'base64'),
    expiresAt: typeof entry.expiresAt === 'number' ? entry.expiresAt : 0,
  };
}

/** Cache-Control for clients and proxies: `none` leaves the answer's own header alone. */
export function applyDownstreamCaching(
  response: ResponseState,
  downstream: DownstreamCaching,
  maxAgeSeconds: number,
): void {
  if (downstream.type === 'none') return;
  const directives = [downstream.type, `max-age=${Math.max(0, Math.floor(maxAgeSeconds))}`];
  if (downstream.mustRevalidate) directives.push('must-revalidate');
  response.headers.set('Cache-Control', [directives.join(', ')]);
}
