/**
 * `POST /docs/doctor/diagnose` with `{"token": "<access token>"}`: the doctor's JSON report. The gateway has no body
 * parser, so the body is read here, bounded. Every refusal is APIM's `{ statusCode, message }` with a message that
 * says what to send instead; no input gets a 500. The body must be `application/json`: a cross-origin page cannot
 * send that without a CORS preflight, which the gateway does not grant, so another site cannot drive the doctor.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PortalDoctor } from './portal-doctor';
import { FixedWindowLimiter } from './fixed-window-limiter';

/** A token is at most 16384 characters (claim-policy's limit); the body may hold that, JSON-escaped, plus its key. */
export const MAX_DIAGNOSE_BODY_BYTES = 16 * 1024 + 1024;

const bodySchema = z.object({ token: z.string() });

export interface DiagnoseEndpointOptions {
  readonly doctor: PortalDoctor;
  readonly limiter: FixedWindowLimiter;
  /** Callers exempt from the limiter (a browser on this machine). */
  readonly exempt: (request: IncomingMessage) => boolean;
}

/** The request handler; never rejects. */
export function diagnoseEndpoint(options: DiagnoseEndpointOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const answer = await answerFor(request, options);
      send(response, answer.status, answer.body, answer.headers);
    } catch {
      // Only an I/O failure of this request (the client went away) gets here; nothing is left to answer.
      if (!response.headersSent) send(response, 400, apimError(400, 'The request body could not be read.'));
    }
  };
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

async function answerFor(request: IncomingMessage, options: DiagnoseEndpointOptions): Promise<Answer> {
  if (!options.exempt(request)) {
    const wait = options.limiter.take(request.socket.remoteAddress ?? 'unknown');
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return {
        status: 429,
        body: apimError(
          429,
          `Too many diagnoses from this address; try again in ${seconds} seconds, or run npm run doctor on the gateway's machine.`,
        ),
        headers: { 'retry-after': String(seconds) },
      };
    }
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return {
      status: 415,
      body: apimError(415, 'Send the token as JSON: content-type application/json, body {"token": "<access token>"}.'),
    };
  }
  const body = await readBounded(request, MAX_DIAGNOSE_BODY_BYTES);
  if (body === undefined) {
    return {
      status: 413,
      body: apimError(
        413,
        `The body is larger than ${MAX_DIAGNOSE_BODY_BYTES} bytes; an access token is at most 16384 characters. Paste the token only.`,
      ),
      headers: { connection: 'close' },
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, body: apimError(400, 'The body is not JSON; send {"token": "<access token>"}.') };
  }
  const input = bodySchema.safeParse(parsed);
  if (!input.success) {
    return {
      status: 400,
      body: apimError(400, 'The body needs a "token" string; send {"token": "<access token>"}.'),
    };
  }
  return { status: 200, body: await options.doctor.diagnose(input.data.token) };
}

/** The body, or undefined once it passes `limit` bytes (declared or sent). */
async function readBounded(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume(); // not read; the connection closes after the answer
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function apimError(statusCode: number, message: string) {
  return { statusCode, message };
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}
