import type { HeaderBag } from '../../context/header-bag';

/** The two body formats the conversion policies know. */
export type BodyFormat = 'json' | 'xml';

/** application/json, text/json, anything+json (and the same for xml), parameters ignored. */
export function isMediaType(value: string, format: BodyFormat): boolean {
  const type = value.split(';')[0].trim().toLowerCase();
  return type === `application/${format}` || type === `text/${format}` || type.endsWith(`+${format}`);
}

/** The message's Content-Type says `format`. */
export function contentTypeIs(headers: HeaderBag, format: BodyFormat): boolean {
  const value = headers.get('content-type')?.[0];
  return value !== undefined && isMediaType(value, format);
}

/**
 * The request's Accept header names a `format` media type with a non-zero quality. Wildcards
 * (`*` / `*`) do not count: consider-accept-header converts only when the client asks for the format.
 */
export function acceptAsks(headers: HeaderBag, format: BodyFormat): boolean {
  const values = headers.get('accept') ?? [];
  return values
    .flatMap((value) => value.split(','))
    .some((range) => {
      const [type, ...parameters] = range.split(';');
      const quality = parameters.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
      return isMediaType(type, format) && (quality ? Number(quality[1]) > 0 : true);
    });
}
