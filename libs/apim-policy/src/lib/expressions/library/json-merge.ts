import { JArray, JObject, JValue } from './json-token';

/**
 * `JContainer.Merge` with Newtonsoft's default settings: object properties merge recursively, a
 * JSON null in `other` does not overwrite (MergeNullValueHandling.Ignore), arrays concatenate
 * (MergeArrayHandling.Concat), other values replace. Content of another kind is ignored, as there.
 */
export function mergeInto(target: JObject | JArray, other: unknown): void {
  if (target instanceof JArray) {
    if (other instanceof JArray) for (const item of other.children()) target.add(item.deepClone());
    return;
  }
  if (!(other instanceof JObject)) return;
  for (const property of other.children()) {
    const existing = target.get(property.name);
    const incoming = property.value;
    if (existing instanceof JObject && incoming instanceof JObject) mergeInto(existing, incoming);
    else if (existing instanceof JArray && incoming instanceof JArray) mergeInto(existing, incoming);
    else if (!(incoming instanceof JValue && incoming.type === 'Null') || existing === null) {
      target.set(property.name, incoming.deepClone());
    }
  }
}
