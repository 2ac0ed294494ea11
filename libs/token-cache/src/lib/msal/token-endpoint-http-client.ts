import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { fetch } from 'undici';
import { parseRetryAfter } from '../retry/retry-after';
import { TransientTokenEndpointError } from './transient-error';

/** Options of {@link TokenEndpointHttpClient}. */
export interface TokenEndpointHttpClientOptions {
  /** Abort a request after this long; msal sets no timeout on token requests itself. */
  readonly timeoutMs: number;
  /** Called before every POST to the token endpoint (each attempt, retries included). */
  readonly onTokenRequest?: () => void;
}

/** Why the last OpenID-configuration GET failed: msal reports every such failure as `openid_config_error`. */
export interface MetadataFailure {
  readonly url: string;
  readonly transient: boolean;
  readonly reason: string;
}

/**
 * msal-node's network module, on undici's `fetch` (what Node's global `fetch` is built on: the same global dispatcher
 * and `NODE_EXTRA_CA_CERTS` apply; unlike the global one, it also sees a dispatcher set inside a Jest sandbox), with
 * three differences from msal's default client: requests time out; network errors, 429 and 5xx are thrown as
 * {@link TransientTokenEndpointError} for the provider's retry policy instead of entering msal's throttling; and a
 * non-JSON error body becomes an OAuth error body instead of a parsing error.
 */
export class TokenEndpointHttpClient implements INetworkModule {
  /** The last failed metadata GET, cleared by the next successful one. */
  lastMetadataFailure?: MetadataFailure;

  constructor(private readonly options: TokenEndpointHttpClientOptions) {}

  async sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    try {
      const response = await this.send<T>('GET', url, options, timeout ?? this.options.timeoutMs);
      if (response.status >= 200 && response.status < 300) this.lastMetadataFailure = undefined;
      else this.lastMetadataFailure = { url, transient: false, reason: describeErrorResponse(response) };
      return response;
    } catch (error) {
      const transient = error instanceof TransientTokenEndpointError;
      this.lastMetadataFailure = { url, transient, reason: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    this.options.onTokenRequest?.();
    return this.send<T>('POST', url, options, this.options.timeoutMs);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeoutMs: number,
  ): Promise<NetworkResponse<T>> {
    const target = withoutQuery(url);
    let status: number;
    let headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
    let text: string;
    try {
      const response = await fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      throw new TransientTokenEndpointError(`${method} ${target} failed: ${describeFetchError(error, timeoutMs)}`);
    }

    const body = parseJson(text);
    if (status === 429 || status >= 500) {
      throw new TransientTokenEndpointError(`${method} ${target} answered HTTP ${status}`, {
        status,
        retryAfterMs: parseRetryAfter(headers.get('retry-after')),
        oauthError: typeof body?.['error'] === 'string' ? body['error'] : undefined,
        aadstsCode: firstAadstsCode(body),
      });
    }
    if (body === undefined && status >= 200 && status < 300) {
      throw new AuthError(
        'token_parsing_error',
        '',
        `${method} ${target} answered HTTP ${status} with a body that is not JSON`,
      );
    }
    return {
      status,
      headers: headersWithoutRetryAfter(headers),
      body: (body ?? { error: `http_${status}`, error_description: `HTTP ${status}: ${text.slice(0, 200)}` }) as T,
    };
  }
}

function describeErrorResponse(response: NetworkResponse<unknown>): string {
  const body = response.body as { error_description?: unknown } | undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description.split(/\r?\n/)[0] : '';
  return `HTTP ${response.status}${description ? `: ${description}` : ''}`;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function firstAadstsCode(body: Record<string, unknown> | undefined): string | undefined {
  const codes = body?.['error_codes'];
  if (Array.isArray(codes) && codes.length > 0) return `AADSTS${String(codes[0])}`;
  const description = body?.['error_description'];
  return typeof description === 'string' ? /AADSTS\d+/.exec(description)?.[0] : undefined;
}

// Retries are this library's job; a Retry-After left on a 4xx would make msal block identical requests.
function headersWithoutRetryAfter(headers: {
  forEach(callback: (value: string, name: string) => void): void;
}): Record<string, string> {
  const dictionary: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name !== 'retry-after') dictionary[name] = value;
  });
  return dictionary;
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  // Duck-typed: errors may come from another realm (a Jest sandbox), where instanceof Error is false.
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (failure?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = failure?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message ?? failure?.message ?? String(error);
}

function withoutQuery(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}
