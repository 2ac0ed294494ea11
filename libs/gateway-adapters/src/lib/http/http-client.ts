import { Agent, interceptors, request, type Dispatcher } from 'undici';
import {
  HeaderBag,
  PolicyHttpError,
  type PolicyHttpClient,
  type PolicyHttpRequest,
  type PolicyHttpResponse,
} from '@stack/apim-policy';
import { ClientCertificateAgents, ClientCertificateError } from './client-certificate-agents';
import { withoutHopByHop } from './hop-by-hop';

export interface UndiciPolicyHttpClientOptions {
  /** TCP (and TLS) connect timeout. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Largest answer body kept for a policy (send-request); a bigger one fails the call. Default 4 MiB. */
  readonly maxResponseBytes?: number;
  /** Redirects followed when a call asks for it. Default 10. */
  readonly maxRedirections?: number;
  /** CA certificates (PEM) trusted for HTTPS services instead of Node's (plus NODE_EXTRA_CA_CERTS). */
  readonly ca?: readonly string[];
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The policies' own HTTP calls (send-request, send-one-way-request) over one undici Agent, apart from
 * the forwarder's pool. The whole answer is read into memory, up to `maxResponseBytes`; the policy's
 * timeout bounds the headers and the body; a failure is a PolicyHttpError (`Timeout` or
 * `BackendConnectionFailure`). A call with a `clientCertificate` (send-request's nested authentication-certificate)
 * goes over that certificate's own pool, which presents it in the TLS handshake.
 */
export class UndiciPolicyHttpClient implements PolicyHttpClient {
  private readonly agent: Agent;
  private readonly certificateAgents: ClientCertificateAgents;
  private readonly redirect: Dispatcher.DispatcherComposeInterceptor;
  private readonly redirecting: Dispatcher;
  private readonly maxResponseBytes: number;

  constructor(options: UndiciPolicyHttpClientOptions = {}) {
    const agentOptions = {
      connect: { timeout: options.connectTimeoutMs ?? 5000, ...(options.ca ? { ca: [...options.ca] } : {}) },
    };
    this.agent = new Agent(agentOptions);
    this.certificateAgents = new ClientCertificateAgents(agentOptions);
    this.redirect = interceptors.redirect({ maxRedirections: options.maxRedirections ?? 10 });
    this.redirecting = this.agent.compose(this.redirect);
    this.maxResponseBytes = options.maxResponseBytes ?? 4 * 1024 * 1024;
  }

  async send(call: PolicyHttpRequest): Promise<PolicyHttpResponse> {
    const origin = safeOrigin(call.url);
    try {
      const answer = await request(call.url, {
        dispatcher: this.dispatcherFor(call),
        method: call.method,
        headers: withoutHopByHop(HeaderBag.from(call.headers.toRecord())).toWireRecord(),
        body: call.body,
        signal: call.signal,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
      });
      const body = await this.readBody(answer.body, origin);
      return {
        statusCode: answer.statusCode,
        headers: withoutHopByHop(HeaderBag.from(answer.headers)),
        body,
      };
    } catch (error) {
      if (error instanceof PolicyHttpError) throw error;
      if (error instanceof ClientCertificateError)
        throw new PolicyHttpError('BackendConnectionFailure', `the call to ${origin} failed: ${error.message}`, {
          cause: error,
        });
      if (call.signal?.aborted && call.signal.reason instanceof PolicyHttpError) throw call.signal.reason;
      const code = errorCode(error);
      if (code && TIMEOUT_CODES.has(code))
        throw new PolicyHttpError('Timeout', `${origin} did not answer in time (${code})`, { cause: error });
      throw new PolicyHttpError('BackendConnectionFailure', `the call to ${origin} failed (${code ?? 'error'})`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.certificateAgents.close()]);
  }

  /** The certificate's own pool when the call has one (redirects followed on it too), else the shared one. */
  private dispatcherFor(call: PolicyHttpRequest): Dispatcher {
    if (!call.clientCertificate) return call.followRedirects ? this.redirecting : this.agent;
    const agent = this.certificateAgents.agentFor(call.clientCertificate);
    return call.followRedirects ? agent.compose(this.redirect) : agent;
  }

  private async readBody(body: AsyncIterable<Buffer> & { destroy(): void }, origin: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        body.destroy();
        throw new PolicyHttpError(
          'BackendConnectionFailure',
          `the answer of ${origin} is over ${this.maxResponseBytes} bytes, the most a policy keeps`,
        );
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the service';
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : errorCode(cause);
}
