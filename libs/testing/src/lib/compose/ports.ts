/**
 * Published ports, short (`[host_ip:][published:]target[/protocol]`, ranges allowed) and long syntax, in the one
 * string form the contract tests compare: `[host_ip:][published:]target/protocol`, one entry per port of a range.
 */

/** A port entry of a service, as written (after interpolation). */
export type PortEntry =
  | string
  | number
  | { target?: unknown; published?: unknown; host_ip?: unknown; protocol?: unknown; mode?: unknown };

interface Port {
  hostIp?: string;
  published?: string;
  target: string;
  protocol: string;
}

const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const PORT_OR_RANGE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

/** `127.0.0.1:3000:3000/tcp` and friends. @throws Error saying what is wrong with the entry */
export function formatPorts(entry: PortEntry): string[] {
  return expand(typeof entry === 'object' ? fromLong(entry) : parseShort(String(entry))).map(format);
}

/** Whether `spec` is a valid short-syntax port (used as the schema's `ports` format). */
export function isPortSpec(spec: string): boolean {
  try {
    expand(parseShort(spec));
    return true;
  } catch {
    return false;
  }
}

function parseShort(spec: string): Port {
  const slash = spec.lastIndexOf('/');
  const protocol = slash < 0 ? 'tcp' : spec.slice(slash + 1);
  const parts = (slash < 0 ? spec : spec.slice(0, slash)).split(':');
  const target = parts.pop() as string;
  const published = parts.length > 0 ? parts.pop() : undefined;
  // What is left is the host IP, IPv6 ones included (`::1:80:80`, `[::1]:80:80`).
  const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[(.*)\]$/, '$1') : undefined;
  if (hostIp === '' && published === undefined) throw new Error(`port "${spec}" has an empty host IP`);
  return { hostIp: hostIp || undefined, published: published || undefined, target, protocol };
}

function fromLong(entry: Exclude<PortEntry, string | number>): Port {
  if (entry.target === undefined) throw new Error('a long-syntax port needs `target`');
  const text = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : String(value));
  return {
    hostIp: text(entry.host_ip),
    published: text(entry.published),
    target: String(entry.target),
    protocol: text(entry.protocol) ?? 'tcp',
  };
}

/** One port per entry of a range; a published range with one target stays as written (Docker picks one). */
function expand(port: Port): Port[] {
  if (!PROTOCOLS.includes(port.protocol)) {
    throw new Error(`port protocol "${port.protocol}" is not one of ${PROTOCOLS.join(', ')}`);
  }
  const target = range(port.target, 'target');
  const published = port.published === undefined ? undefined : range(port.published, 'published');
  if (target.length === 1) return [port];
  if (published && published.length !== target.length) {
    throw new Error(`published range ${port.published} and target range ${port.target} differ in length`);
  }
  return target.map((value, index) => ({ ...port, target: value, published: published?.[index] }));
}

function range(text: string, what: string): string[] {
  const match = PORT_OR_RANGE.exec(text);
  const first = Number(match?.[1]);
  const last = match?.[2] === undefined ? first : Number(match[2]);
  if (!match || first < 0 || last > 65535 || last < first) {
    throw new Error(`${what} port "${text}" is not a port (0-65535) or a range (e.g. 8000-8010)`);
  }
  return Array.from({ length: last - first + 1 }, (_, index) => String(first + index));
}

function format(port: Port): string {
  const host = port.hostIp === undefined ? '' : `${port.hostIp}:`;
  const published = port.published === undefined ? (host ? ':' : '') : `${port.published}:`;
  return `${host}${published}${port.target}/${port.protocol}`;
}
