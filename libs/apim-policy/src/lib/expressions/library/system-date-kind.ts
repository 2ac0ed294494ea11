/**
 * `DateTime.Kind`, kept beside the Date (a Date has no room for it): `Utc` unless marked. It only
 * shows in `ToString("o")` and the `K` specifier (`Z`, `+00:00` or nothing), as in .NET; the
 * gateway's local zone is UTC, so Local and Utc times have the same instant. The default text of
 * a DateTime (value-format.ts) stays ISO 8601 in UTC whatever the kind.
 */

export type DateKind = 'Utc' | 'Local' | 'Unspecified';

const kinds = new WeakMap<Date, DateKind>();

export function withKind(date: Date, kind: DateKind): Date {
  if (kind === 'Utc') kinds.delete(date);
  else kinds.set(date, kind);
  return date;
}

export function kindOf(date: Date): DateKind {
  return kinds.get(date) ?? 'Utc';
}

/** `date` with the kind of `like` (what DateTime arithmetic keeps). */
export function sameKind(date: Date, like: Date): Date {
  return withKind(date, kindOf(like));
}
