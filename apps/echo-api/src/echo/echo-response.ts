/**
 * The body the Echo mock answers with: what it received. APIM's Echo API "returns the input it
 * received (the supplied headers and body are being returned as received)"; here they come back
 * in one JSON document so tests can compare field by field.
 */
export interface EchoResponse {
  readonly method: string;
  /** Path as received by the backend, e.g. `/api/resource`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** JSON bodies parsed, other bodies as UTF-8 text, `null` when there was none. */
  readonly body: unknown;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/** Builds the echo of a request whose body was read raw (a Buffer, or nothing). */
export function echoOf(request: ReceivedRequest): EchoResponse {
  const url = new URL(request.originalUrl, 'http://echo.invalid');
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
  return {
    method: request.method,
    path: url.pathname,
    query,
    headers,
    body: bodyOf(request),
  };
}

function bodyOf(request: ReceivedRequest): unknown {
  if (!Buffer.isBuffer(request.body) || request.body.length === 0) return null;
  const text = request.body.toString('utf8');
  const contentType = String(request.headers['content-type'] ?? '');
  if (/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
