import type { Level, Logger } from 'pino';
import { loggableText } from '../loggable-text';

/** Success at debug (health probes included, so an idle app is quiet), 4xx at info, 5xx at error. */
export function requestLineLevel(status: number): Level {
  return status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
}

/**
 * The one line per request, written only when its level is enabled. Only method, path (no query: it may carry a
 * key) and status are logged, never headers.
 */
export function logRequestLine(
  logger: Logger,
  requestId: string,
  method: string | undefined,
  url: string | undefined,
  status: number,
  durationMs: number,
): void {
  const level = requestLineLevel(status);
  if (!logger.isLevelEnabled(level)) return;
  const queryAt = (url ?? '').indexOf('?');
  const path = queryAt === -1 ? (url ?? '') : (url ?? '').slice(0, queryAt);
  logger[level](
    { requestId, req: { method, path: loggableText(path) }, res: { status }, durationMs: Math.round(durationMs) },
    level === 'error' ? 'request failed' : 'request',
  );
}
