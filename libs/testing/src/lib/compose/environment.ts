import type { VariableLookup } from './interpolate';

/**
 * `environment` or `build.args` (a map, or a list of `KEY=value`) as the map the container (or build) gets.
 * A key without a value (`KEY:` in a map, `- KEY` in a list) is passed through from the env file when set there
 * and left out otherwise, as compose does; `KEY=` is set to ''. Numbers and booleans become strings. Keys come
 * sorted, as `docker-compose config` prints them.
 */
export function toVariables(listOrDict: unknown, passThrough: VariableLookup): Record<string, string> {
  const entries: [string, unknown][] = Array.isArray(listOrDict)
    ? listOrDict.map((item) => splitAssignment(String(item)))
    : Object.entries((listOrDict ?? {}) as Record<string, unknown>);
  const result: Record<string, string> = {};
  for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const resolved = value === null || value === undefined ? passThrough(key) : String(value);
    if (resolved !== undefined) result[key] = resolved;
  }
  return result;
}

/** `KEY=value` into its parts; `KEY` alone has no value. Only the first `=` separates. */
function splitAssignment(item: string): [string, string | undefined] {
  const equals = item.indexOf('=');
  return equals < 0 ? [item, undefined] : [item.slice(0, equals), item.slice(equals + 1)];
}
