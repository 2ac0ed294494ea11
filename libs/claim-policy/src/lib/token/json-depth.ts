/** What one linear scan of JSON text found outside strings. */
export interface JsonShape {
  /** The deepest nesting of `[` and `{` (a flat object is 1), or `Infinity` once past the limit. */
  readonly depth: number;
  /** `:` at depth 1: the number of members of a top-level object, duplicates included. */
  readonly topLevelMembers: number;
}

/**
 * Measures the nesting of JSON text without parsing it, in one pass that stops as soon as the
 * depth exceeds `maxDepth`: `JSON.parse` itself copes with deep input, but every walker after it
 * (claim collectors, hint and log renderers, `JSON.stringify`) would recurse. Brackets inside
 * strings do not count (escapes respected). The text is not validated here; `JSON.parse` does that.
 */
export function scanJsonShape(text: string, maxDepth: number): JsonShape {
  let depth = 0;
  let deepest = 0;
  let topLevelMembers = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > maxDepth) return { depth: Infinity, topLevelMembers };
      if (depth > deepest) deepest = depth;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    } else if (code === 0x3a && depth === 1) {
      topLevelMembers++;
    }
  }
  return { depth: deepest, topLevelMembers };
}
