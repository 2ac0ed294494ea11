import { PolicyImportError, type PolicyLocation } from './policy-import-error';

/** APIM booleans: `true` / `false`, any case (.NET `bool.Parse`). */
export function parseBoolean(value: string, at: PolicyLocation): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new PolicyImportError('IMPORT_INVALID_VALUE', `must be "true" or "false", got "${value}".`, at);
}

/** An HTTP status code, 100-599. */
export function parseStatus(value: string, at: PolicyLocation): number {
  const status = /^\d{3}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (status >= 100 && status <= 599) return status;
  throw new PolicyImportError('IMPORT_INVALID_VALUE', `must be an HTTP status code (100-599), got "${value}".`, at);
}

/**
 * `clock-skew`: whole seconds (the statement says "in seconds") or a .NET TimeSpan
 * `[d.]hh:mm:ss` (the attribute table says "Timespan").
 */
export function parseSeconds(value: string, at: PolicyLocation): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(text);
  if (span) {
    const [, days = '0', hours, minutes, seconds] = span;
    if (Number(hours) < 24 && Number(minutes) < 60 && Number(seconds) < 60) {
      return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
    }
  }
  throw new PolicyImportError(
    'IMPORT_INVALID_VALUE',
    `must be a number of seconds (e.g. "300") or a TimeSpan ("00:05:00"), got "${value}".`,
    at,
  );
}

/**
 * An absolute http(s) URL, checked at load time as the URL parser reads it, so a copied documentation
 * placeholder (`https://<tenant-name>.ciamlogin.com/…`, `/{tenant}/`) fails here with its name instead of at the first
 * request. Whether the URL answers is the verifier's business when it fetches it.
 */
export function parseUrl(value: string, at: PolicyLocation): string {
  const text = value.trim();
  const placeholder = /<[^<>\s]*>|\{[^{}\s]*\}/.exec(text)?.[0];
  if (placeholder !== undefined) {
    throw new PolicyImportError(
      'IMPORT_INVALID_VALUE',
      `holds the placeholder "${placeholder}"; put your own value there (or a {{named value}}), got "${value}".`,
      at,
    );
  }
  if (/^https?:\/\/[^\s/]+\S*$/i.test(text) && URL.canParse(text)) return text;
  throw new PolicyImportError('IMPORT_INVALID_VALUE', `must be an absolute http(s) URL, got "${value}".`, at);
}
