import { Readable } from 'node:stream';
import type { GatewayContext } from '../../context/gateway-context';
import { PolicyFailure, type PolicyDefinition } from '../policy-step';
import { booleanType, choiceType, integerType, optionalTyped, type TypedValue } from '../typed-attribute';
import { bodyBytes } from './read-body';

/** APIM's default: 300 seconds for the backend's response headers. */
export const DEFAULT_FORWARD_TIMEOUT_SECONDS = 300;
/** Redirects followed at most (follow-redirects="true"), as browsers and HTTP clients cap them. */
export const MAX_REDIRECTS = 10;
const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * `forward-request` (backend section): sends the request to the backend now, via the pipeline's
 * `context.forwardToBackend()`. `timeout` (seconds, default 300) or `timeout-ms` bounds the wait
 * (LastError `Timeout`, 504); `follow-redirects` follows 3xx answers; `buffer-request-body` keeps the
 * body so a `retry` can send it again; `fail-on-error-status-code` turns a 400–599 answer into an
 * error that runs on-error. `buffer-response` is accepted and has no effect here (bodies stream).
 */
export const forwardRequestPolicy: PolicyDefinition = {
  name: 'forward-request',
  sections: ['backend'],
  compile(element, context) {
    context.expectAttributes(element, [
      'timeout',
      'timeout-ms',
      'continue-timeout',
      'http-version',
      'follow-redirects',
      'buffer-request-body',
      'buffer-response',
      'fail-on-error-status-code',
    ]);
    context.expectChildren(element, []);
    if (element.attributes['timeout'] !== undefined && element.attributes['timeout-ms'] !== undefined) {
      throw context.error('POLICY_INVALID_VALUE', element, 'give timeout (seconds) or timeout-ms, not both.', {
        attribute: 'timeout-ms',
      });
    }
    const version = optionalTyped(context, element, 'http-version', choiceType(['1', '2', '2or1']), '1', {
      expressions: false,
    }).constant;
    if (version !== '1') {
      throw context.error(
        'POLICY_INVALID_VALUE',
        element,
        'this gateway talks HTTP/1.1 to backends; remove http-version or write http-version="1".',
        { attribute: 'http-version' },
      );
    }
    optionalTyped(context, element, 'continue-timeout', integerType(0), 0);
    optionalTyped(context, element, 'buffer-response', booleanType, true, { expressions: false });
    const timeoutMs = timeoutOf(element, context);
    const followRedirects = optionalTyped(context, element, 'follow-redirects', booleanType, false);
    const bufferBody = optionalTyped(context, element, 'buffer-request-body', booleanType, false, {
      expressions: false,
    });
    const failOnError = optionalTyped(context, element, 'fail-on-error-status-code', booleanType, false);
    return {
      location: context.locate(element),
      async run(ctx) {
        if (bufferBody.evaluate(ctx)) {
          const bytes = await bodyBytes(ctx.request.body, 'request', 'forward-request');
          if (bytes !== undefined) ctx.request.body = bytes;
        }
        await forwardOnce(ctx, timeoutMs.evaluate(ctx));
        if (followRedirects.evaluate(ctx)) await follow(ctx, timeoutMs.evaluate(ctx));
        const status = ctx.response?.statusCode ?? 0;
        if (failOnError.evaluate(ctx) && status >= 400 && status <= 599) {
          discard(ctx);
          throw new PolicyFailure(
            status,
            `The backend answered ${status}.`,
            'forward-request',
            'BackendErrorStatusCode',
          );
        }
      },
    };
  },
};

function timeoutOf(
  element: Parameters<PolicyDefinition['compile']>[0],
  context: Parameters<PolicyDefinition['compile']>[1],
): TypedValue<number> {
  if (element.attributes['timeout-ms'] !== undefined)
    return optionalTyped(context, element, 'timeout-ms', integerType(0), 0);
  const seconds = optionalTyped(context, element, 'timeout', integerType(0), DEFAULT_FORWARD_TIMEOUT_SECONDS);
  return {
    constant: seconds.constant === undefined ? undefined : seconds.constant * 1000,
    evaluate: (ctx) => seconds.evaluate(ctx) * 1000,
  };
}

/** One trip to the backend; a second one (retry, redirect) first lets go of the previous answer. */
async function forwardOnce(ctx: GatewayContext, timeoutMs: number): Promise<void> {
  const forward = ctx.forwardToBackend;
  if (!forward) {
    throw new PolicyFailure(
      500,
      'Internal server error',
      'forward-request',
      'InternalError',
      {},
      {
        cause: 'forward-request ran outside the pipeline (no context.forwardToBackend)',
      },
    );
  }
  if (ctx.forwarded) {
    discard(ctx);
    if (ctx.request.body instanceof Readable) {
      throw new PolicyFailure(
        500,
        'Internal server error',
        'forward-request',
        'RequestBodyNotBuffered',
        {},
        {
          cause:
            'the request body was streamed to the backend already; write buffer-request-body="true" to send it again',
        },
      );
    }
  }
  // 0: no limit of the policy's own; the gateway's backend timeout still applies.
  if (timeoutMs === 0) return forward();
  // On expiry the backend call is aborted (its connection closed), so no late answer can replace the 504.
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`forward-request timeout of ${timeoutMs} ms`));
      resolve('expired');
    }, timeoutMs);
  });
  const sending = forward({ signal: controller.signal });
  try {
    if ((await Promise.race([sending, expired])) !== 'expired') return;
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  sending.catch(() => undefined);
  throw new PolicyFailure(
    504,
    `Gateway timeout: the backend did not answer within ${timeoutMs} ms.`,
    'forward-request',
    'Timeout',
  );
}

/** follow-redirects="true": the gateway follows 3xx answers with a Location (303 and POST 301/302 become GET). */
async function follow(ctx: GatewayContext, timeoutMs: number): Promise<void> {
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    const response = ctx.response;
    const location = response?.headers.joined('location');
    if (!response || !REDIRECTS.includes(response.statusCode) || !location) return;
    let target: URL;
    try {
      target = new URL(location, ctx.backendUrl());
    } catch {
      return;
    }
    if (
      response.statusCode === 303 ||
      ((response.statusCode === 301 || response.statusCode === 302) && ctx.request.method === 'POST')
    ) {
      ctx.request.method = ctx.request.method === 'HEAD' ? 'HEAD' : 'GET';
      ctx.request.body = undefined;
      ctx.request.headers.delete('content-length');
      ctx.request.headers.delete('content-type');
    }
    ctx.backend.baseUrl = target.origin;
    ctx.backend.path = target.pathname;
    ctx.backend.query = new URLSearchParams(target.search);
    await forwardOnce(ctx, timeoutMs);
  }
}

function discard(ctx: GatewayContext): void {
  const body = ctx.response?.body;
  if (body instanceof Readable) body.destroy();
}
