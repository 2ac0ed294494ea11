import type { Claims } from '../model';
import { jsonTextWithin } from '../text/bounded-value';

/**
 * The values of one claim as a list of strings, or `undefined` when the token lacks the claim.
 *
 * Rules chosen where APIM's documentation is silent (see README "Rules chosen"):
 * - JSON arrays (Entra `roles`, array `aud`) are multi-valued: each element is one value.
 * - With a `separator`, every string (also each array element) is split on it; pieces are trimmed
 *   and empty pieces dropped, so `"read  write"` with `" "` gives `read`, `write`.
 * - Without a separator a string is one value, compared whole.
 * - Numbers and booleans compare as their JSON text (`true` matches `<value>true</value>`);
 *   objects as their JSON text. `null` counts as absent. A value nested deeper than 32 levels
 *   (never in a token that passed parseCompactJws) is the text `[nested too deep]`, matching nothing.
 */
export function claimValues(claims: Claims, name: string, separator?: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(claims, name)) return undefined;
  const raw = claims[name];
  if (raw === null || raw === undefined) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((item) => split(asText(item), separator));
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : jsonTextWithin(value);
}

function split(value: string, separator: string | undefined): string[] {
  if (separator === undefined) return [value];
  return value
    .split(separator)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
}
