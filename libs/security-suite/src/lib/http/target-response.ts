/** What the judge looks at in an answer. */
export interface TargetResponse {
  readonly status: number;
  /** Lower-case names; repeated headers as arrays. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body as text (at most {@link MAX_BODY_CHARS}). */
  readonly body: string;
}

export const MAX_BODY_CHARS = 64 * 1024;

/** A request built for the wire: path with query, and header lines in order. */
export interface WireRequest {
  readonly url: URL;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}
