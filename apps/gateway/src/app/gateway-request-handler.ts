import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { abortWhenClientLeaves, ClientDisconnected, writeResponse, type BackendClient } from '../forwarding';
import { HeaderBag, failureResponse, type PolicyEngine } from '@stack/apim-policy';
import { loggableText } from './loggable-text';

export interface GatewayRequestHandlerDeps {
  readonly engine: PolicyEngine;
  readonly backend: BackendClient;
  readonly logger: Logger;
}

/**
 * One gateway request over HTTP: hand it to the engine (match, subscription key, composed policy with
 * forwarding to the backend), write the answer, log one line (never the token or the key).
 */
export function createGatewayRequestHandler(deps: GatewayRequestHandlerDeps) {
  const handle = handleRequest(deps);
  // Never rejects: a bug answers APIM's 500 body and is logged by pino (JSON-escaped), not by Express/Nest's text logger.
  return async function handleSafely(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await handle(request, response);
    } catch (error) {
      const path = loggableText(requestUrl(request).pathname);
      deps.logger.error({ err: error, path }, 'unexpected error in the gateway');
      if (response.headersSent) return void response.destroy();
      await writeResponse(failureResponse(INTERNAL_ERROR), request.method ?? 'GET', response).catch(() =>
        response.destroy(),
      );
    }
  };
}

function handleRequest(deps: GatewayRequestHandlerDeps) {
  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = (request.method ?? 'GET').toUpperCase();
    const originalUrl = requestUrl(request);
    const clientGone = abortWhenClientLeaves(response);
    const outcome = await deps.engine.handle(
      { method, url: originalUrl, headers: headerBagOf(request), ipAddress: clientAddress(request), body: request },
      {
        // A policy's own timeout (forward-request) aborts the backend call as a client that leaves does.
        forward: (context, options) =>
          deps.backend.forward(context, options?.signal ? AbortSignal.any([clientGone, options.signal]) : clientGone),
        onUnexpectedError: (error, context) => {
          // A client that hangs up is not the gateway's error.
          if (error instanceof ClientDisconnected) return;
          deps.logger.error({ err: error, requestId: context.requestId }, 'unexpected error in the gateway pipeline');
        },
      },
    );
    if (outcome.kind !== 'ran') {
      await writeResponse(outcome.response, method, response);
      const api = outcome.kind === 'refused' ? outcome.apiId : undefined;
      return log(deps.logger, {
        method,
        originalUrl,
        status: outcome.response.statusCode,
        started,
        api,
        reason: outcome.reason,
      });
    }
    const { context } = outcome;
    await writeResponse(context.ensureResponse(), method, response);
    log(deps.logger, {
      method,
      originalUrl,
      status: context.response?.statusCode ?? 0,
      started,
      api: context.api.id,
      operation: context.operation.id,
      product: context.product?.id,
      subscription: context.subscription?.id,
      reason: context.lastError?.reason,
      cause: context.failureCause,
      requestId: context.requestId,
    });
  };
}

const INTERNAL_ERROR = { status: 500, message: 'Internal server error', reason: 'InternalError' };

/** The URL as the client called it. Joined as text: `new URL('//x/y', base)` would read `x` as a host. */
function requestUrl(request: IncomingMessage): URL {
  const target = request.url?.startsWith('/') ? request.url : `/${request.url ?? ''}`;
  try {
    return new URL(`http://${request.headers.host ?? 'localhost'}${target}`);
  } catch {
    return new URL(`http://localhost${target.replace(/[^\x21-\x7e]/g, encodeURIComponent)}`);
  }
}

/** From rawHeaders, so a repeated Authorization header stays visible (claim-policy refuses it). */
function headerBagOf(request: IncomingMessage): HeaderBag {
  const bag = new HeaderBag();
  for (let i = 0; i < request.rawHeaders.length; i += 2) bag.append(request.rawHeaders[i], [request.rawHeaders[i + 1]]);
  return bag;
}

function clientAddress(request: IncomingMessage): string {
  const address = request.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

interface RequestLog {
  readonly method: string;
  readonly originalUrl: URL;
  readonly status: number;
  readonly started: bigint;
  readonly api?: string;
  readonly operation?: string;
  readonly product?: string;
  readonly subscription?: string;
  readonly reason?: string;
  /** Why a policy failed, when it said (never request data: e.g. "the OpenID configuration … cannot be fetched"). */
  readonly cause?: string;
  readonly requestId?: string;
}

function log(logger: Logger, entry: RequestLog): void {
  if (!logger.isLevelEnabled(entry.status >= 400 ? 'info' : 'debug')) return;
  const { originalUrl, started, ...fields } = entry;
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  // The path only (query strings may carry a subscription key or a token), bounded: a path is request data.
  const path = loggableText(originalUrl.pathname);
  const line = { ...fields, path, durationMs: Math.round(durationMs * 10) / 10 };
  // Refusals and failures are what a developer looks for; a line per successful call is debug (LOG_LEVEL=debug).
  if (entry.status >= 400) logger.info(line, 'request');
  else logger.debug(line, 'request');
}
