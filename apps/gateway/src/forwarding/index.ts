export { BackendClient, type BackendClientOptions } from './backend-client';
export { BackendFailure, type BackendFailureReason } from './backend-failure';
export { ClientDisconnected, abortWhenClientLeaves } from './client-disconnected';
export { HOP_BY_HOP_HEADERS, withoutHopByHop } from './hop-by-hop';
export { writeResponse } from './response-writer';
