/**
 * Test controls of the Echo mock, for the gateway's fault suites: a request header asks for a delay
 * before answering, another for the status to answer with. Both are validated: a bad value is a 400
 * that says what is allowed, never a 500.
 */
export const DELAY_HEADER = 'x-echo-delay-ms';
export const STATUS_HEADER = 'x-echo-status';

export interface TestControls {
  readonly delayMs: number;
  readonly status: number;
}

export type TestControlsResult =
  | { readonly ok: true; readonly controls: TestControls }
  | { readonly ok: false; readonly message: string };

/** Reads the controls from request headers (`undefined`, one value, or repeated values). */
export function readTestControls(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  maxDelayMs: number,
): TestControlsResult {
  const delay = single(headers[DELAY_HEADER]);
  const status = single(headers[STATUS_HEADER]);
  let delayMs = 0;
  if (delay !== undefined) {
    if (!/^\d{1,9}$/.test(delay))
      return bad(`${DELAY_HEADER} must be a whole number of milliseconds (0-${maxDelayMs}).`);
    // Capped rather than refused: a fault suite asking for "very slow" gets the slowest allowed.
    delayMs = Math.min(Number(delay), maxDelayMs);
  }
  let code = 200;
  if (status !== undefined) {
    if (!/^\d{3}$/.test(status) || Number(status) < 200 || Number(status) > 599) {
      return bad(`${STATUS_HEADER} must be an HTTP status code from 200 to 599.`);
    }
    code = Number(status);
  }
  return { ok: true, controls: { delayMs, status: code } };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value?.trim();
}

function bad(message: string): TestControlsResult {
  return { ok: false, message };
}
