import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { Body, GatewayContext } from '../context/gateway-context';
import { JwtValue } from '../context/jwt-value';
import { fault } from './members';

/**
 * Run-time values behind the C# view types that GatewayContext has no direct object for. The
 * static member table (member-table.ts) says which C# member reads which field.
 */

/** `context.Request`: needs the whole context because `Url` is computed from the backend target. */
export class RequestView {
  constructor(readonly context: GatewayContext) {}
}

/**
 * `context.Request.Body` / `context.Response.Body` (IMessageBody). The pipeline buffers a body
 * into a Buffer or string before any expression that names `Body` runs; a body still streaming
 * is a fault. Reading with `As<T>()` **consumes** the body as in APIM: afterwards the message
 * carries an empty body (later readers see `""`, the backend or client gets nothing) unless
 * `preserveContent: true` was given.
 */
export class MessageBodyView {
  constructor(
    private readonly message: BodyMessage,
    private readonly side: 'request' | 'response',
  ) {}

  /** The body's bytes; consumes it unless `preserve`. */
  bytes(preserve: boolean): Buffer {
    const body = this.message.body;
    if (body instanceof Readable) {
      throw fault(
        `the ${this.side} body was not buffered before the expression ran, so it cannot be read here ` +
          '(the gateway buffers bodies only for policies whose expressions name Body)',
      );
    }
    const bytes = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (!preserve) this.message.body = '';
    return bytes;
  }

  /** The body as text, in the Content-Type's charset (UTF-8 when none or unknown), without a byte order mark. */
  text(preserve: boolean): string {
    const body = this.message.body;
    const bytes = this.bytes(preserve);
    // Text a policy set is already decoded; only bytes go through the charset.
    const text =
      typeof body === 'string' ? body : decoderFor(this.message.headers?.get('content-type')?.[0]).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

/** A request or response as the body view needs it. */
export interface BodyMessage {
  body: Body;
  readonly headers?: { get(name: string): readonly string[] | undefined };
}

function decoderFor(contentType: string | undefined): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset, { ignoreBOM: true });
    } catch {
      // An unknown charset: read UTF-8 as the gateway does elsewhere.
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true });
}

/**
 * `Body` on a request or response: null when the message came without content (no body, or an
 * empty one once buffered). A body an expression consumed is `''` and stays readable (as `""`).
 */
export function messageBody(message: BodyMessage, side: 'request' | 'response'): MessageBodyView | null {
  const body = message.body;
  if (body === undefined || (Buffer.isBuffer(body) && body.length === 0)) return null;
  return new MessageBodyView(message, side);
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

  get names(): readonly string[] {
    return this.keys();
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

  get names(): readonly string[] {
    return Object.keys(this.values);
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
