/**
 * Delivering an authorization response (a code or an error) to the client's redirect URI as `response_mode` asks:
 * `query` and `fragment` as a 302 redirect, `form_post` as an auto-submitting HTML form (RFC 6749 §4.1.2, OAuth 2.0
 * Form Post Response Mode). Only ever called with a redirect URI that matched a registered one.
 */
import { escapeHtml } from './html';
import type { ResponseMode } from './user-flow-state';

/** What the HTTP layer sends. */
export type AuthorizeHttpResponse =
  | { readonly kind: 'redirect'; readonly location: string }
  | {
      readonly kind: 'html';
      readonly status: number;
      readonly html: string;
      readonly nonce?: string;
      /**
       * Where the page's form may end up besides this service: the redirect URI's origin (or scheme), as its POST
       * answers with a 302 there and browsers check CSP form-action on redirects too.
       */
      readonly formActionSource?: string;
      /** The form_post page: its form submits itself on load (an inline handler) to the redirect URI. */
      readonly autoSubmit?: true;
    };

/** The CSP source of a redirect URI: its origin (`http://127.0.0.1:8080`), or its scheme (`msauth.app:`). */
export function formActionSourceOf(redirectUri: string): string | undefined {
  if (!URL.canParse(redirectUri)) return undefined;
  const url = new URL(redirectUri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}

/** Builds the response carrying `params` to `redirectUri`. */
export function deliverToRedirectUri(
  redirectUri: string,
  mode: ResponseMode,
  params: Readonly<Record<string, string | undefined>>,
): AuthorizeHttpResponse {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (mode === 'form_post') {
    const fields = entries
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('\n      ');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()">
  <form method="post" action="${escapeHtml(redirectUri)}">
      ${fields}
      <noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit">Submit</button></noscript>
  </form>
</body></html>`;
    return { kind: 'html', status: 200, html, autoSubmit: true, formActionSource: formActionSourceOf(redirectUri) };
  }
  const encoded = new URLSearchParams(entries).toString();
  if (mode === 'fragment') return { kind: 'redirect', location: `${redirectUri}#${encoded}` };
  const separator = redirectUri.includes('?') ? '&' : '?';
  return { kind: 'redirect', location: `${redirectUri}${separator}${encoded}` };
}
