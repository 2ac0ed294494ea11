export { BackendClient, type BackendClientOptions } from './backend-client';
export { BackendFailure, type BackendFailureReason } from './backend-failure';
export { ClientDisconnected, abortWhenClientLeaves } from './client-disconnected';
export { writeResponse } from './response-writer';
