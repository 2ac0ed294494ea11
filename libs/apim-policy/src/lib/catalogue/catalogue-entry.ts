/**
 * The catalogue: policy expressions and documents written in the style teams put in APIM
 * policies, each tagged with the language features it exercises, so the measurement can say how
 * much of everyday APIM this engine compiles, feature by feature.
 */

/** Language features, in the order the issue lists them (most frequent in real policies first). */
export const CATALOGUE_FEATURES = [
  'new',
  'body',
  'json',
  'iresponse-cast',
  'base64-encoding',
  'statements',
  'interpolation',
  'crypto',
  'datetime',
  'numeric-types',
  'guid',
  'uri-encoding',
  'linq',
  'regex',
  'xml',
  'context',
  'comments',
  'disallowed-type',
] as const;

export type CatalogueFeature = (typeof CATALOGUE_FEATURES)[number];

export interface CatalogueExpression {
  /** Unique across the catalogue, e.g. `json/claims-projection`; the measured location is `catalogue/<id>`. */
  readonly id: string;
  readonly features: readonly CatalogueFeature[];
  /** The expression exactly as it would sit in a policy attribute or element: `@(…)` or `@{…}`. */
  readonly source: string;
  readonly note?: string;
  /** `refused`: APIM itself refuses it (a type outside its allowed list); this engine must too. */
  readonly expect?: 'compiles' | 'refused';
  /**
   * The result's text (`expressionValueToString`) against the sample context (sample-context.ts),
   * for expressions whose value can be predicted.
   */
  readonly expected?: string;
}

export interface CatalogueDocument {
  /** File name under documents/. */
  readonly file: string;
  readonly features: readonly CatalogueFeature[];
  /** `refused`: APIM itself refuses it. (Every catalogue document is one APIM accepts.) */
  readonly expect: 'compiles' | 'refused';
  readonly note?: string;
}

/** `String.raw`, so C# escapes (`\d`, `\"`) stay as written. */
export const cs = String.raw;
