import type { GatewayContext } from '../context/gateway-context';
import { JwtValue } from '../context/jwt-value';

/**
 * Run-time values behind the C# view types that GatewayContext has no direct object for. The
 * static member table (member-table.ts) says which C# member reads which field.
 */

/** `context.Request`: needs the whole context because `Url` is computed from the backend target. */
export class RequestView {
  constructor(readonly context: GatewayContext) {}
}

/** `IReadOnlyDictionary<string, string[]>`: headers (case-insensitive), query parameters and JWT claims. */
export class MultiValueDictionary {
  constructor(
    private readonly lookup: (name: string) => readonly string[] | undefined,
    private readonly keys: () => readonly string[],
  ) {}

  static fromMap(map: ReadonlyMap<string, readonly string[]>): MultiValueDictionary {
    return new MultiValueDictionary(
      (name) => map.get(name),
      () => [...map.keys()],
    );
  }

  get(name: string): readonly string[] | undefined {
    return this.lookup(name);
  }

  get count(): number {
    return this.keys().length;
  }
}

/** `IReadOnlyDictionary<string, string>`: `context.Request.MatchedParameters`. */
export class StringDictionary {
  constructor(private readonly values: Readonly<Record<string, string>>) {}

  get(name: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.values, name) ? this.values[name] : undefined;
  }

  get count(): number {
    return Object.keys(this.values).length;
  }
}

/** `System.TimeSpan` (only `context.Elapsed` produces one). */
export class TimeSpanValue {
  constructor(readonly milliseconds: number) {}
}

/** `context.Request.Headers` and `context.Response.Headers`. */
export function headerDictionary(headers: {
  get(name: string): readonly string[] | undefined;
  names(): string[];
}): MultiValueDictionary {
  return new MultiValueDictionary(
    (name) => headers.get(name),
    () => headers.names(),
  );
}

/** `Url.Query`: one entry per parameter name, values in order (names compare exactly). */
export function queryDictionary(url: URL): MultiValueDictionary {
  const params = url.searchParams;
  return new MultiValueDictionary(
    (name) => (params.has(name) ? params.getAll(name) : undefined),
    () => [...new Set(params.keys())],
  );
}

/**
 * `string.AsJwt()`: decodes a compact JWT without checking its signature or lifetime, like APIM.
 * Accepts an `Authorization` value with its `Bearer ` scheme. Anything that is not a JWT gives null.
 */
export function parseJwtWithoutValidation(text: string): JwtValue | null {
  const token = text.trim().replace(/^bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  return header && payload ? new JwtValue(header, payload) : null;
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
