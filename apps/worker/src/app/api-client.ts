import { parseRetryAfter, type TokenProvider } from '@stack/token-cache';
import { Agent, request } from 'undici';

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
}

export interface ApiResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  readonly latencyMs: number;
  /** Whether the first token used came from the provider's cache. */
  readonly tokenFromCache: boolean;
  /** True when a 401 invalid_token made the client take a fresh token and try once more. */
  readonly retriedWithFreshToken: boolean;
  /** From a 429 or 503 answer: how long the server asked us to wait. */
  readonly retryAfterMs?: number;
}

export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly scope: string;
  readonly subscriptionKey?: string;
  readonly tokens: TokenProvider;
  readonly timeoutMs?: number;
}

/**
 * Calls the API with a client-credentials token (and the APIM subscription key when configured). A 401 whose
 * challenge says `invalid_token` means the cached token went bad (key rollover, revocation): the client drops it,
 * takes a fresh one and tries exactly once more.
 */
export class ApiClient {
  private readonly agent: Agent;

  constructor(private readonly options: ApiClientOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    this.agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: timeout, bodyTimeout: timeout });
  }

  async call(call: ApiCall): Promise<ApiResult> {
    const started = performance.now();
    const first = await this.options.tokens.getToken(this.options.scope);
    let response = await this.send(call, first.accessToken);
    let retriedWithFreshToken = false;
    if (response.status === 401 && isInvalidTokenChallenge(response.headers['www-authenticate'])) {
      this.options.tokens.invalidate(this.options.scope);
      const fresh = await this.options.tokens.getToken(this.options.scope);
      response = await this.send(call, fresh.accessToken);
      retriedWithFreshToken = true;
    }
    const retryAfter = response.status === 429 || response.status === 503 ? response.headers['retry-after'] : undefined;
    return {
      ...response,
      latencyMs: Math.round(performance.now() - started),
      tokenFromCache: first.fromCache,
      retriedWithFreshToken,
      retryAfterMs: typeof retryAfter === 'string' ? parseRetryAfter(retryAfter) : undefined,
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async send(call: ApiCall, accessToken: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
    if (this.options.subscriptionKey) headers['ocp-apim-subscription-key'] = this.options.subscriptionKey;
    if (call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
    const response = await request(`${this.options.baseUrl}${call.path}`, {
      method: call.method as 'GET',
      headers,
      body: call.body,
      dispatcher: this.agent,
    });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  }
}

function isInvalidTokenChallenge(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values.some((value) => /^Bearer\b.*\berror="invalid_token"/i.test(value));
}
