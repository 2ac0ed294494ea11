import { type TypeMembers, members, method, sig } from '../members';
import { STRING } from '../types';
import type { LibraryModule } from './library-module';

/**
 * `System.Net.WebUtility` (`UrlEncode`/`UrlDecode`/`HtmlEncode`/`HtmlDecode`, null stays null, as
 * .NET). `System.Web.HttpUtility` is not among the types APIM allows: naming it explains what to
 * use instead.
 */

/** WebUtility.UrlEncode: `A-Z a-z 0-9 - _ . ! * ( )` stay, space is `+`, the rest `%XX` (upper case) of UTF-8. */
export function urlEncode(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'), (byte) => {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.!*()]/.test(c)) return c;
    if (c === ' ') return '+';
    return `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** WebUtility.UrlDecode: `+` is a space, `%XX` runs decode as UTF-8; invalid escapes stay as written. */
export function urlDecode(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
    const decoded = bytes.toString('utf8');
    return decoded.includes('\ufffd') ? run : decoded;
  });
}

/** WebUtility.HtmlEncode: `< > & " '` as entities, and U+00A0–U+00FF and astral characters as `&#N;`. */
export function htmlEncode(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '&') out += '&amp;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&#39;';
    else if ((code >= 0xa0 && code <= 0xff) || code > 0xffff) out += `&#${code};`;
    else out += c;
  }
  return out;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
};

/** WebUtility.HtmlDecode: numeric (`&#39;`, `&#x27;`) and common named entities; unknown ones stay. */
export function htmlDecode(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body] ?? entity;
  });
}

const nullable = (transform: (text: string) => string) =>
  method(
    sig<null, [string | null]>([STRING], STRING, (_, text) => (text === null ? null : transform(text)), {
      allowsNull: true,
    }),
  );

const WebUtility: TypeMembers = members(
  {},
  {
    UrlEncode: nullable(urlEncode),
    UrlDecode: nullable(urlDecode),
    HtmlEncode: nullable(htmlEncode),
    HtmlDecode: nullable(htmlDecode),
  },
);

const NOT_ALLOWED = 'System.Web.HttpUtility is not among the types APIM allows';
const HttpUtility: TypeMembers = members(
  {},
  {},
  {
    hints: {
      UrlEncode: `${NOT_ALLOWED}; use WebUtility.UrlEncode(text) or Uri.EscapeDataString(text)`,
      UrlDecode: `${NOT_ALLOWED}; use WebUtility.UrlDecode(text) or Uri.UnescapeDataString(text)`,
      HtmlEncode: `${NOT_ALLOWED}; use WebUtility.HtmlEncode(text)`,
      HtmlDecode: `${NOT_ALLOWED}; use WebUtility.HtmlDecode(text)`,
      ParseQueryString: `${NOT_ALLOWED}; read query parameters with context.Request.Url.Query.GetValueOrDefault(name, "")`,
      UrlPathEncode: `${NOT_ALLOWED}; use Uri.EscapeDataString on each path segment`,
    },
  },
);

export const systemWeb: LibraryModule = {
  staticMembers: {
    WebUtility,
    'System.Net.WebUtility': WebUtility,
    'Net.WebUtility': WebUtility,
    HttpUtility,
    'System.Web.HttpUtility': HttpUtility,
  },
};
