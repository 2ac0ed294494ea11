/**
 * Reads the local identity service's sign-in pages as a browser would: their HTML forms (action and fields) and,
 * on an error page, the AADSTS line. Only what a headless sign-in needs; the pages are plain server-rendered forms.
 */

export interface PageForm {
  /** The form's action, resolved against the page's URL. */
  readonly action: string;
  /** The form's inputs (name and value); a submit button's own name/value is the caller's choice. */
  readonly fields: Readonly<Record<string, string>>;
}

/** Every `<form>` of the page, in order. */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, attributes, inner]) => {
    const fields: Record<string, string> = {};
    for (const [, tag] of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const name = attribute(tag, 'name');
      if (name !== undefined) fields[name] = attribute(tag, 'value') ?? '';
    }
    return { action: new URL(attribute(attributes, 'action') ?? pageUrl, pageUrl).toString(), fields };
  });
}

/** The page's title (`<h1>`), text only: "Pick an account", "Permissions requested", or an error's. */
export function headingOf(html: string): string {
  return textOf(/<h1>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');
}

/** The client a consent page asks for (`<strong>name</strong> asks ...`), as text. */
export function consentingClient(html: string): string | undefined {
  const match = /<strong>([^<]*)<\/strong> asks/.exec(html);
  return match ? textOf(match[1]) : undefined;
}

/** `AADSTS50011: The redirect URI ...` when the page is one of the service's error pages. */
export function pageError(html: string): string | undefined {
  const match = /<strong>(AADSTS\d+)<\/strong>:([\s\S]*?)<\/p>/.exec(html);
  return match ? `${match[1]}: ${textOf(match[2])}` : undefined;
}

/** The users the sign-in page offers (their `<span class="upn">`), for an error that lists them. */
export function offeredUsers(html: string): string[] {
  return [...html.matchAll(/<span class="upn">([\s\S]*?)<\/span>/g)].map(([, upn]) => textOf(upn));
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeEntities(match[1]) : undefined;
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
  });
}
