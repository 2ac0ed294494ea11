/**
 * Header values a policy computed from request data (a header, the query, a token claim) may hold characters
 * HTTP cannot carry. Control characters (CR, LF, NUL …) are header injection: the request is refused with 400
 * (the client's data made the value). Characters beyond Latin-1 are legitimate text (a name claim in any
 * script): they go on the wire as their UTF-8 bytes, the way other HTTP stacks send raw UTF-8 headers.
 */
export class InvalidHeaderValueError extends Error {
  constructor(readonly headerName: string) {
    super(`The value for header ${headerName} holds control characters HTTP cannot carry.`);
    this.name = 'InvalidHeaderValueError';
  }
}

/** C0 controls except horizontal tab, and DEL (RFC 9110 §5.5: field values are VCHAR, SP, HTAB, obs-text). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\0-\x08\x0a-\x1f\x7f]/;
const BEYOND_LATIN1 = /[^\0-\xff]/;

/** Throws {@link InvalidHeaderValueError} when `value` cannot be a header value in any encoding. */
export function assertHeaderValue(name: string, value: string): void {
  if (CONTROL.test(value)) throw new InvalidHeaderValueError(name);
}

/** The value as Node and undici write it (one byte per character): text beyond Latin-1 as UTF-8 bytes. */
export function toWireText(value: string): string {
  return BEYOND_LATIN1.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

/** A reason phrase the status line can carry, or undefined (Node then sends the standard phrase). */
export function wireReasonPhrase(reason: string | undefined): string | undefined {
  if (reason === undefined || CONTROL.test(reason)) return undefined;
  return toWireText(reason);
}
