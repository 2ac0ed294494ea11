/**
 * Which signing keys sign and which are published, as a pure function of their timestamps.
 *
 * Rollover as Entra practises it: a new key is published (in the JWKS) from the moment it is created but signs
 * only from `activatesAt`, so validators that refresh their key cache see it before the first token it signs.
 * A key stops signing when a newer key activates, and stays published for `retentionMs` after that, i.e. until
 * every token it signed has expired.
 */

/** Timestamps of one signing key (milliseconds since the epoch). */
export interface KeyTimes {
  readonly kid: string;
  readonly createdAt: number;
  readonly activatesAt: number;
}

/** The state of the key set at one instant. */
export interface KeySchedule<K extends KeyTimes> {
  /** The key that signs now. */
  readonly signing: K;
  /** Keys in the JWKS now: pending, signing and retired-but-retained keys. */
  readonly published: K[];
  /** Retired keys past their retention: no longer published, their files can be deleted. */
  readonly discarded: K[];
}

/**
 * Computes the schedule of a non-empty key set.
 * @param retentionMs how long a retired key stays published: the longest token lifetime plus clock skew.
 */
export function keySchedule<K extends KeyTimes>(keys: readonly K[], now: number, retentionMs: number): KeySchedule<K> {
  if (keys.length === 0) throw new Error('keySchedule needs at least one key');
  const ordered = [...keys].sort((a, b) => a.activatesAt - b.activatesAt || a.createdAt - b.createdAt);
  const active = ordered.filter((key) => key.activatesAt <= now);
  // Before the first key's activation time (clock moved back) the oldest key signs.
  const signing = active.at(-1) ?? ordered[0];
  const published: K[] = [];
  const discarded: K[] = [];
  for (const key of ordered) {
    const successor = active[active.indexOf(key) + 1];
    const retired = active.includes(key) && successor !== undefined;
    if (!retired || now < successor.activatesAt + retentionMs) published.push(key);
    else discarded.push(key);
  }
  return { signing, published, discarded };
}
