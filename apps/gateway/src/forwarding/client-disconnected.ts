import type { ServerResponse } from 'node:http';

/**
 * The client went away (closed its connection or broke off its upload) before the gateway finished
 * answering. There is nobody to send an error to; `reason` is APIM's LastError reason for it.
 */
export class ClientDisconnected extends Error {
  readonly reason = 'ClientConnectionFailure';

  constructor(message = 'The client closed the connection before the response was complete.', cause?: unknown) {
    super(message, { cause });
    this.name = 'ClientDisconnected';
  }
}

/**
 * An AbortSignal that fires (with a {@link ClientDisconnected}) when the client's connection closes
 * before `res` has been fully sent; pass it to `BackendClient.forward` so the backend request stops too.
 * `res` rather than the request: a request emits 'close' as soon as its body has been read.
 */
export function abortWhenClientLeaves(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new ClientDisconnected());
  };
  if (res.destroyed || res.socket?.destroyed) onClose();
  else res.once('close', onClose);
  return controller.signal;
}
