import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line written during a request learns about it. */
export interface RequestContext {
  readonly requestId: string;
}

/**
 * The request being served, for lines logged while it runs. One small object per request, no child logger: the id
 * is added to a line only when a line is actually written, so a request that logs nothing pays for nothing else.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();
