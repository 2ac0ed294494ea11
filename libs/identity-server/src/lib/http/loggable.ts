/**
 * Request data and errors as they may appear in the log: bounded in length, control characters escaped
 * (claim-policy's `escapeControlCharacters`), so no request can forge a log line, flood it, or reach a terminal
 * unescaped, even when the JSON log is read as text.
 */
import { escapeControlCharacters } from '@stack/claim-policy';
import type { FastifyRequest } from 'fastify';

/** Longest request-derived text kept in a log field. */
export const MAX_LOGGED_TEXT = 200;

/** Bounded, escaped text. */
export function loggableText(text: string, max = MAX_LOGGED_TEXT): string {
  const bounded = text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
  return escapeControlCharacters(bounded);
}

/** The request's path without its query string (which may carry values the client sent). */
export function loggablePath(request: FastifyRequest): string {
  return loggableText(request.url.split('?')[0] ?? '');
}

/** An unexpected error for the log: type, message and stack, bounded and escaped (a message may quote input). */
export function loggableError(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: loggableText(String(error)) };
  return {
    type: error.name,
    message: loggableText(error.message),
    ...(error.stack ? { stack: loggableText(error.stack, 4000) } : {}),
  };
}
