import { Agent, request } from 'undici';
import {
  backendClientCertificate,
  type BackendClientCertificate,
  type GatewayContext,
  HeaderBag,
} from '@stack/apim-policy';
import { backendRequest } from './backend-request';
import { classifyBackendError, type ForwardTimeouts } from './classify-backend-error';
import { BackendFailure } from './backend-failure';
import { ClientDisconnected } from './client-disconnected';
import { ClientCertificateAgents, ClientCertificateError, withoutHopByHop } from '@stack/gateway-adapters';

/** Timeouts and pooling for {@link BackendClient}. */
export interface BackendClientOptions {
  /** TCP (and TLS) connect timeout; exceeding it is a 504. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Time from sending the request to the backend's response headers; exceeding it is a 504. Default 30000. */
  readonly responseHeadersTimeoutMs?: number;
  /** Longest pause between two chunks of the backend's response body. Default 30000. */
  readonly bodyTimeoutMs?: number;
  /** How long an idle pooled connection is kept (undici's default, 4000, when unset). */
  readonly keepAliveTimeoutMs?: number;
  /** CA certificates (PEM) trusted for HTTPS backends instead of Node's (plus NODE_EXTRA_CA_CERTS). */
  readonly ca?: readonly string[];
}

/**
 * Forwards gateway requests to backends over one undici Agent, which keeps a keep-alive connection
 * pool per backend origin. Never retries: a dead backend fails the request at once.
 */
export class BackendClient {
  private readonly agent: Agent;
  private readonly certificateAgents: ClientCertificateAgents;
  private readonly timeouts: ForwardTimeouts;

  constructor(options: BackendClientOptions = {}) {
    this.timeouts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      responseHeadersTimeoutMs: options.responseHeadersTimeoutMs ?? 30000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30000,
    };
    const agentOptions = {
      connect: { timeout: this.timeouts.connectTimeoutMs, ...(options.ca ? { ca: [...options.ca] } : {}) },
      headersTimeout: this.timeouts.responseHeadersTimeoutMs,
      bodyTimeout: this.timeouts.bodyTimeoutMs,
      ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeout: options.keepAliveTimeoutMs }),
    };
    this.agent = new Agent(agentOptions);
    this.certificateAgents = new ClientCertificateAgents(agentOptions);
  }

  /**
   * Sends the request in `context` to `context.backendUrl()` and sets `context.response` to the
   * backend's status, headers (hop-by-hop removed) and body stream, which the caller must consume
   * (see `writeResponse`) so the connection returns to the pool.
   *
   * @param signal aborts the backend request, e.g. {@link abortWhenClientLeaves}; an aborted forward
   *   rejects with the signal's reason.
   * @throws {BackendFailure} 502/504 when the backend cannot be reached or does not answer in time.
   * @throws {ClientDisconnected} when the client broke off its upload.
   */
  async forward(context: GatewayContext, signal?: AbortSignal): Promise<void> {
    const target = context.backendUrl();
    const certificate = backendClientCertificate(context);
    // Chosen before anything is sent: a certificate that does not load fails the request without touching the body.
    const dispatcher = certificate ? this.certificateAgentFor(certificate) : this.agent;
    const outgoing = backendRequest(context);
    try {
      const answer = await request(target, {
        dispatcher,
        method: context.request.method,
        headers: outgoing.headers,
        body: outgoing.body,
        signal,
      });
      context.response = {
        statusCode: answer.statusCode,
        headers: withoutHopByHop(HeaderBag.from(answer.headers)),
        body: answer.body,
      };
    } catch (error) {
      outgoing.discardUnsentBody();
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new ClientDisconnected();
      if (outgoing.clientBodyFailed())
        throw new ClientDisconnected('The client broke off its request body before it was complete.', error);
      throw classifyBackendError(error, target, this.timeouts);
    }
  }

  /** A PFX that does not load fails this request with 502 naming the policy; the password never appears. */
  private certificateAgentFor(certificate: BackendClientCertificate): Agent {
    try {
      return this.certificateAgents.agentFor(certificate);
    } catch (error) {
      if (!(error instanceof ClientCertificateError)) throw error;
      throw new BackendFailure(
        502,
        'BackendConnectionFailure',
        'Bad gateway: the client certificate of authentication-certificate could not be loaded (a PKCS#12/PFX with its password is expected).',
        error,
      );
    }
  }

  /** Closes pooled connections once in-flight requests have finished. */
  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.certificateAgents.close()]);
  }
}
