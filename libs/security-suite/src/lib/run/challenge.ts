/**
 * Reads the `Bearer` challenge of a `WWW-Authenticate` header (RFC 6750 §3, RFC 9110 §11.6.1): its parameters, and
 * whether one is repeated (RFC 6750: each at most once).
 */
export interface BearerChallenge {
  readonly params: Readonly<Record<string, string>>;
  readonly repeated: readonly string[];
}

const PARAM = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))\s*(?:,|$)/y;

/** The Bearer challenge among the header values, or undefined when there is none. */
export function bearerChallenge(values: string | readonly string[] | undefined): BearerChallenge | undefined {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  for (const value of list) {
    const match = /^\s*bearer(?:\s+|$)/i.exec(value);
    if (!match) continue;
    const params: Record<string, string> = {};
    const repeated: string[] = [];
    PARAM.lastIndex = match[0].length;
    let found: RegExpExecArray | null;
    while (PARAM.lastIndex < value.length && (found = PARAM.exec(value))) {
      const name = found[1].toLowerCase();
      if (name in params) repeated.push(name);
      params[name] = found[2] !== undefined ? found[2].replace(/\\(.)/g, '$1') : found[3];
    }
    return { params, repeated };
  }
  return undefined;
}
