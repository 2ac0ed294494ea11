import { HeaderBag } from '@stack/apim-policy';

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), so a proxy never passes
 * them on. `Proxy-Connection` is not standard but old clients still send it.
 */
export const HOP_BY_HOP_HEADERS: readonly string[] = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** A copy of `headers` without hop-by-hop headers, including every header that `Connection` names. */
export function withoutHopByHop(headers: HeaderBag): HeaderBag {
  const named = (headers.get('connection') ?? []).flatMap((value) => value.split(',')).map((token) => token.trim());
  const dropped = new Set([...HOP_BY_HOP_HEADERS, ...named.filter(Boolean).map((name) => name.toLowerCase())]);
  const copy = new HeaderBag();
  for (const [name, values] of headers.toArray()) {
    if (!dropped.has(name.toLowerCase())) copy.set(name, values);
  }
  return copy;
}
