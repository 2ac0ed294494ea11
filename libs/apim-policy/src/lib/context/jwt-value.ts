import { jsonTextWithin } from '@stack/claim-policy';

/** Arrays inside arrays are flattened this many levels deep; deeper ones become their JSON text. */
const MAX_FLATTEN_DEPTH = 4;

/**
 * The `Jwt` object `validate-jwt` stores in `output-token-variable-name` (apim.md §1.7): what the
 * policy expression `((Jwt)context.Variables["jwt"]).Claims["roles"]` reads. Claims are multi-valued
 * like APIM's `IReadOnlyDictionary<string, string[]>`: arrays give one value per element, numbers,
 * booleans and objects their JSON text (bounded, see `claimValues`).
 */
export class JwtValue {
  readonly algorithm: string;
  readonly type?: string;
  readonly claims: ReadonlyMap<string, readonly string[]>;
  readonly audiences: readonly string[];
  readonly issuer?: string;
  readonly subject?: string;
  readonly id?: string;
  readonly expirationTime?: Date;
  readonly notBefore?: Date;
  readonly issuedAt?: Date;

  constructor(header: Readonly<Record<string, unknown>>, payload: Readonly<Record<string, unknown>>) {
    this.algorithm = typeof header['alg'] === 'string' ? header['alg'] : '';
    this.type = typeof header['typ'] === 'string' ? header['typ'] : undefined;
    const claims = new Map<string, readonly string[]>();
    for (const [name, value] of Object.entries(payload)) {
      const values = claimValues(value);
      if (values.length > 0) claims.set(name, values);
    }
    this.claims = claims;
    this.audiences = claims.get('aud') ?? [];
    this.issuer = claims.get('iss')?.[0];
    this.subject = claims.get('sub')?.[0];
    this.id = claims.get('jti')?.[0];
    this.expirationTime = dateOf(payload['exp']);
    this.notBefore = dateOf(payload['nbf']);
    this.issuedAt = dateOf(payload['iat']);
  }

  /** `Claims.GetValueOrDefault(name, default)`: the values joined by commas. */
  claimOrDefault(name: string, fallback: string): string {
    const values = this.claims.get(name);
    return values ? values.join(',') : fallback;
  }
}

/**
 * One claim's values, bounded whatever the token holds: arrays flatten up to
 * {@link MAX_FLATTEN_DEPTH} levels, anything deeper and every object is its JSON text, itself
 * depth-capped (`[nested too deep]`), so no claim can make this recurse without limit.
 */
function claimValues(value: unknown, depth = 0): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && depth < MAX_FLATTEN_DEPTH) return value.flatMap((item) => claimValues(item, depth + 1));
  return [jsonTextWithin(value)];
}

function dateOf(value: unknown): Date | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : undefined;
}
