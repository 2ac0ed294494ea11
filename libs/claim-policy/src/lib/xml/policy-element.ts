/**
 * One element of an APIM policy document, independent of any XML library. `@stack/apim-policy` reads
 * policy documents into these; the importer here takes single `validate-jwt` /
 * `validate-azure-ad-token` elements.
 */
export interface PolicyElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly PolicyElement[];
  /** Text directly inside the element, entities decoded, not trimmed. */
  readonly text: string;
  /** 1-based line of the start tag, when known. */
  readonly line?: number;
  readonly file?: string;
}
