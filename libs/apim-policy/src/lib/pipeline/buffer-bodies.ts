import { Readable } from 'node:stream';
import type { Body } from '../context/gateway-context';
import { PolicyFailure } from '../policies/policy-step';

/** Default cap on a body the pipeline holds in memory so expressions can read it (`Body.As<T>()`). */
export const DEFAULT_MAX_BUFFERED_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads a streamed body into memory, so policy expressions (which run synchronously) can read it.
 * Only pipelines whose expressions name `Body` pay for this; others keep streaming. A request body
 * over `maxBytes` is APIM's 413; a backend's over `maxBytes` is a 502 (the gateway will not hold it).
 */
export async function bufferBody(body: Body, maxBytes: number, side: 'request' | 'response'): Promise<Body> {
  if (!(body instanceof Readable)) return body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(side, maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(side: 'request' | 'response', maxBytes: number): PolicyFailure {
  const limit = `${maxBytes} bytes`;
  return side === 'request'
    ? new PolicyFailure(
        413,
        'Request Entity Too Large',
        'gateway',
        'RequestBodyTooLarge',
        {},
        {
          cause: `the request body is over ${limit}, the most a policy expression may read`,
        },
      )
    : new PolicyFailure(
        502,
        'Bad Gateway',
        'forward-request',
        'ResponseBodyTooLarge',
        {},
        {
          cause: `the backend's response body is over ${limit}, the most a policy expression may read`,
        },
      );
}
