/** `Authorization: Basic` client credentials (client_secret_basic, RFC 6749 §2.3.1). */
import { invalidRequest } from '../errors/catalogue';

/** Client id and secret from a Basic header. */
export interface BasicCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Reads client credentials from an Authorization header. Returns undefined when the header is absent or uses
 * another scheme (e.g. Bearer), which the token endpoint ignores.
 * @throws AadstsError (invalid_request) when the Basic value is not `base64(urlencode(id):urlencode(secret))`.
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const match = header && /^Basic\s+(.*)$/i.exec(header.trim());
  if (!match) return undefined;
  const malformed = () =>
    invalidRequest(
      "The Authorization header isn't valid Basic client credentials: expected base64 of 'client_id:client_secret' (each form-urlencoded).",
    );
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw malformed();
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw malformed();
  }
}
