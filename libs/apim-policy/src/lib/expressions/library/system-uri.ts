import { type Overload, type TypeMembers, fault, members, method, prop, sig } from '../members';
import { BOOL, INT, STRING, STRING_ARRAY, type Type, named } from '../types';
import type { LibraryModule, LibraryOperator } from './library-module';

/**
 * `System.Uri` (absolute URIs; APIM allows all of it) and `System.UriPartial`: `new Uri(text)`,
 * `new Uri(baseUri, relative)`, `Scheme`, `Host`, `Port` (default port of the scheme, or -1),
 * `AbsolutePath`, `Query`, `Fragment`, `PathAndQuery`, `AbsoluteUri`, `Authority`, `Segments`,
 * `UserInfo`, `IsDefaultPort`, `IsLoopback`, `OriginalString`, `GetLeftPart(UriPartial)`,
 * `IsBaseOf`, `ToString()` (unescaped, as .NET), and the statics `EscapeDataString`,
 * `UnescapeDataString`, `UriSchemeHttp(s)`. Parsing follows the WHATWG URL rules of node's URL
 * (host lower-cased, path dot-segments removed), close to .NET for http(s) URIs.
 * `Uri.TryCreate` and `IsWellFormedUriString` need `UriKind`, which APIM does not allow.
 */

const URI: Type = named('Uri');
const URI_PARTIAL: Type = named('UriPartial');

export class UriValue {
  constructor(
    readonly url: URL,
    readonly original: string,
  ) {}
}

function parseUri(text: string | null, what: string): UriValue {
  if (text === null) throw fault(`${what}: the text is null (ArgumentNullException)`);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text.trim())) {
    throw fault(
      `"${text}" is not an absolute URI (UriFormatException); relative URIs need a base: new Uri(baseUri, "${text}")`,
    );
  }
  try {
    return new UriValue(new URL(text.trim()), text);
  } catch {
    throw fault(`"${text}" is not a valid URI (UriFormatException)`);
  }
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  'http:': 80,
  'https:': 443,
  'ftp:': 21,
  'ws:': 80,
  'wss:': 443,
};

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return DEFAULT_PORTS[url.protocol] ?? -1;
}

function hostOf(url: URL): string {
  return url.hostname;
}

function authorityOf(url: URL): string {
  return url.port !== '' ? `${url.hostname}:${url.port}` : url.hostname;
}

/** `/a/b/c` → `["/", "a/", "b/", "c"]`. */
function segments(path: string): string[] {
  const parts = path.match(/[^/]*\/|[^/]+$/g) ?? [];
  return parts;
}

function unescape(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes, upper case. */
export function escapeDataString(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function unescapeDataString(text: string): string {
  return unescape(text);
}

function leftPart(uri: UriValue, part: string): string {
  const url = uri.url;
  const scheme = `${url.protocol}//`;
  const authority = `${scheme}${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${authorityOf(url)}`;
  switch (part) {
    case 'Scheme':
      return scheme;
    case 'Authority':
      return authority;
    case 'Path':
      return `${authority}${url.pathname}`;
    default:
      return `${authority}${url.pathname}${url.search}`;
  }
}

const UriMembers: TypeMembers = members(
  {
    AbsoluteUri: prop<UriValue>(STRING, (u) => u.url.href),
    AbsolutePath: prop<UriValue>(STRING, (u) => u.url.pathname),
    LocalPath: prop<UriValue>(STRING, (u) => unescape(u.url.pathname)),
    Authority: prop<UriValue>(STRING, (u) => authorityOf(u.url)),
    DnsSafeHost: prop<UriValue>(STRING, (u) => hostOf(u.url).replace(/^\[|\]$/g, '')),
    Host: prop<UriValue>(STRING, (u) => hostOf(u.url)),
    IdnHost: prop<UriValue>(STRING, (u) => hostOf(u.url)),
    Port: prop<UriValue>(INT, (u) => portOf(u.url)),
    Scheme: prop<UriValue>(STRING, (u) => u.url.protocol.slice(0, -1)),
    Query: prop<UriValue>(STRING, (u) => u.url.search),
    Fragment: prop<UriValue>(STRING, (u) => u.url.hash),
    PathAndQuery: prop<UriValue>(STRING, (u) => `${u.url.pathname}${u.url.search}`),
    Segments: prop<UriValue>(STRING_ARRAY, (u) => segments(u.url.pathname)),
    UserInfo: prop<UriValue>(STRING, (u) => (u.url.password ? `${u.url.username}:${u.url.password}` : u.url.username)),
    OriginalString: prop<UriValue>(STRING, (u) => u.original),
    IsAbsoluteUri: prop<UriValue>(BOOL, () => true),
    IsDefaultPort: prop<UriValue>(
      BOOL,
      (u) => u.url.port === '' || DEFAULT_PORTS[u.url.protocol] === Number(u.url.port),
    ),
    IsFile: prop<UriValue>(BOOL, (u) => u.url.protocol === 'file:'),
    IsLoopback: prop<UriValue>(BOOL, (u) => ['localhost', '127.0.0.1', '[::1]'].includes(u.url.hostname)),
  },
  {
    ToString: method(sig<UriValue, []>([], STRING, (u) => unescape(u.url.href))),
    GetLeftPart: method(sig<UriValue, [string]>([URI_PARTIAL], STRING, (u, part) => leftPart(u, part))),
    IsBaseOf: method(
      sig<UriValue, [UriValue]>([URI], BOOL, (u, other) => {
        const base = leftPart(u, 'Path').replace(/[^/]*$/, '');
        return leftPart(other, 'Path').startsWith(base);
      }),
    ),
    Equals: method(
      sig<UriValue, [unknown]>(
        [named('object')],
        BOOL,
        (u, other) => other instanceof UriValue && stripFragment(other) === stripFragment(u),
        {
          allowsNull: true,
        },
      ),
    ),
  },
  {
    hints: {
      MakeRelativeUri: 'Uri.MakeRelativeUri is not supported here; compare AbsolutePath values instead',
    },
  },
);

function stripFragment(uri: UriValue): string {
  return uri.url.href.replace(/#.*$/, '');
}

const UriStatics: TypeMembers = members(
  {
    UriSchemeHttp: prop(STRING, () => 'http'),
    UriSchemeHttps: prop(STRING, () => 'https'),
    SchemeDelimiter: prop(STRING, () => '://'),
  },
  {
    EscapeDataString: method(
      sig<null, [string | null]>(
        [STRING],
        STRING,
        (_, text) => {
          if (text === null) throw fault('Uri.EscapeDataString: the text is null (ArgumentNullException)');
          return escapeDataString(text);
        },
        { allowsNull: true },
      ),
    ),
    UnescapeDataString: method(
      sig<null, [string | null]>(
        [STRING],
        STRING,
        (_, text) => {
          if (text === null) throw fault('Uri.UnescapeDataString: the text is null (ArgumentNullException)');
          return unescapeDataString(text);
        },
        { allowsNull: true },
      ),
    ),
    CheckSchemeName: method(
      sig<null, [string | null]>([STRING], BOOL, (_, text) => text !== null && /^[a-z][a-z0-9+.-]*$/i.test(text), {
        allowsNull: true,
      }),
    ),
  },
  {
    hints: {
      TryCreate: 'Uri.TryCreate needs UriKind, which APIM does not allow; use new Uri(text) (a bad URI is an error)',
      IsWellFormedUriString: 'Uri.IsWellFormedUriString needs UriKind, which APIM does not allow',
      EscapeUriString: 'Uri.EscapeUriString is obsolete; use Uri.EscapeDataString on each part',
    },
  },
);

const URI_CONSTRUCTORS: readonly Overload[] = [
  sig<null, [string | null]>([STRING], URI, (_, text) => parseUri(text, 'new Uri'), { allowsNull: true }),
  sig<null, [UriValue, string | null]>(
    [URI, STRING],
    URI,
    (_, base, relative) => {
      if (relative === null)
        throw fault('new Uri(baseUri, relative): the relative text is null (ArgumentNullException)');
      try {
        return new UriValue(new URL(relative, base.url), relative);
      } catch {
        throw fault(`"${relative}" cannot be resolved against ${base.url.href} (UriFormatException)`);
      }
    },
    { allowsNull: true },
  ),
];

const UriPartial = members(
  Object.fromEntries(['Scheme', 'Authority', 'Path', 'Query'].map((name) => [name, prop(URI_PARTIAL, () => name)])),
);

const equality = (op: '==' | '!=', equal: boolean): LibraryOperator => ({
  op,
  left: 'Uri',
  right: 'Uri',
  returns: BOOL,
  apply: (a, b) => {
    if (a === null || b === null) return (a === b) === equal;
    return (stripFragment(a as UriValue) === stripFragment(b as UriValue)) === equal;
  },
});

export const systemUri: LibraryModule = {
  staticMembers: { Uri: UriStatics, 'System.Uri': UriStatics, UriPartial, 'System.UriPartial': UriPartial },
  constructors: { Uri: URI_CONSTRUCTORS, 'System.Uri': URI_CONSTRUCTORS },
  typeNames: { Uri: URI, 'System.Uri': URI, UriPartial: URI_PARTIAL, 'System.UriPartial': URI_PARTIAL },
  valueTypes: ['UriPartial'],
  instanceMembers: (type) => (type.name === 'Uri' ? UriMembers : undefined),
  operators: [equality('==', true), equality('!=', false)],
  isInstanceOf: (value, type) => (type.name === 'Uri' ? value instanceof UriValue : undefined),
  format: (value) => (value instanceof UriValue ? unescape(value.url.href) : undefined),
  runtimeTypeName: (value) => (value instanceof UriValue ? 'Uri' : undefined),
};
