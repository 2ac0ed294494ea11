import { randomUUID } from 'node:crypto';

/** The request id header read from a request and echoed in its answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's request id when it is safe to log and echo (1-128 letters, digits, `.`, `_`, `:` or `-`; one header,
 * not a list), else undefined.
 */
export function saneRequestId(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' && SANE_ID.test(value) ? value : undefined;
}

/** The caller's id when sane, else a new UUID. */
export function requestIdFrom(value: string | readonly string[] | undefined): string {
  return saneRequestId(value) ?? randomUUID();
}
