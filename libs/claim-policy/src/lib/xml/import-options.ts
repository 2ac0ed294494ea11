/** Options of the APIM policy importers. */
export interface ImportOptions {
  /** APIM named values: `{{name}}` in any attribute or text resolves from here. */
  readonly namedValues?: Readonly<Record<string, string>>;
  /**
   * Evaluates a policy expression (`@(…)` or `@{…}`, passed verbatim) to its string value. The
   * gateway brings one; without it expressions are refused, never ignored.
   */
  readonly evaluateExpression?: (expression: string) => string;
  /** Named in error messages. */
  readonly fileName?: string;
  /**
   * Where `validate-azure-ad-token` finds Entra (e.g. the local identity service). Overrides the
   * policy's `authentication-endpoint`. Defaults: `https://login.microsoftonline.com`, v1 issuer
   * host `https://sts.windows.net`.
   */
  readonly entra?: {
    readonly authorityHost?: string;
    readonly v1IssuerHost?: string;
  };
}
