import type { PolicyElement } from '@stack/claim-policy';
import type { PolicyCompileContext } from '../policy-step';
import type { PolicyHttpClient } from '../services/policy-http-client';
import type { PolicyTelemetry } from '../services/policy-telemetry';

/** The gateway's HTTP client, or a load-time error naming what to configure. */
export function requireHttp(element: PolicyElement, context: PolicyCompileContext): PolicyHttpClient {
  const http = context.services.http;
  if (!http) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `<${element.name}> sends HTTP requests and this gateway was given no HTTP client; pass services.http (PolicyTestHost: services: { http }).`,
    );
  }
  return http;
}

/** The telemetry sink, or a load-time error naming what to configure. */
export function requireTelemetry(element: PolicyElement, context: PolicyCompileContext): PolicyTelemetry {
  const telemetry = context.services.telemetry;
  if (!telemetry) {
    throw context.error(
      'POLICY_INVALID_VALUE',
      element,
      `<${element.name}> writes telemetry and this gateway was given no sink; pass services.telemetry (PolicyTestHost: services: { telemetry }).`,
    );
  }
  return telemetry;
}
