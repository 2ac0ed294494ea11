import { Readable } from 'node:stream';
import type { Body, GatewayContext, PolicySection } from '../../context/gateway-context';
import type { HeaderBag } from '../../context/header-bag';
import { PolicyFailure } from '../policy-step';

/** The most a transformation policy holds in memory (the pipeline's cap for expressions that read bodies). */
export const MAX_TRANSFORMED_BODY_BYTES = 4 * 1024 * 1024;

/** The message a body transformation works on: the request before the backend, the response after. */
export interface TransformedMessage {
  readonly side: 'request' | 'response';
  readonly headers: HeaderBag;
  body: Body;
}

/** inbound and backend change the request; outbound and on-error the response. */
export function messageOf(ctx: GatewayContext, section: PolicySection): TransformedMessage {
  if (section === 'inbound' || section === 'backend') return sideOf(ctx.request, 'request');
  return sideOf(ctx.ensureResponse(), 'response');
}

function sideOf(message: { headers: HeaderBag; body: Body }, side: 'request' | 'response'): TransformedMessage {
  return {
    side,
    headers: message.headers,
    get body() {
      return message.body;
    },
    set body(value: Body) {
      message.body = value;
    },
  };
}

/**
 * The body as UTF-8 text (byte order mark dropped), or undefined when the message has none. A body
 * still streaming is read into memory and put back as bytes, so later policies and the forwarder
 * still get it; one over {@link MAX_TRANSFORMED_BODY_BYTES} is APIM's 413 (request) or a 502 (response).
 */
export async function readBodyText(message: TransformedMessage): Promise<string | undefined> {
  const body = message.body;
  if (body === undefined) return undefined;
  const bytes = body instanceof Readable ? await buffer(body, message.side) : body;
  if (body instanceof Readable) message.body = bytes;
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Replaces the body; the old Content-Length no longer fits (the forwarder or the server measures the new one). */
export function writeBody(message: TransformedMessage, text: string): void {
  message.body = text;
  message.headers.delete('content-length');
}

async function buffer(body: Readable, side: 'request' | 'response'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_TRANSFORMED_BODY_BYTES) {
      body.destroy();
      throw tooLarge(side);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(side: 'request' | 'response'): PolicyFailure {
  const cause = `the ${side} body is over ${MAX_TRANSFORMED_BODY_BYTES} bytes, the most a transformation policy holds`;
  return side === 'request'
    ? new PolicyFailure(413, 'Request Entity Too Large', 'gateway', 'RequestBodyTooLarge', {}, { cause })
    : new PolicyFailure(502, 'Bad Gateway', 'forward-request', 'ResponseBodyTooLarge', {}, { cause });
}
