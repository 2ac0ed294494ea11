/**
 * Unknown-kid flood (security.md §1.4): a few hundred tokens with random kids. Every one must be refused, and the
 * target must stay up; how often it refetched its keys is for its own metrics (the fault suites count them).
 */
import { randomBytes } from 'node:crypto';
import type { AttackCase } from '../model';
import { invalidToken } from './expect';
import { bearer, forged } from './forge';

/** How many random kids a run sends. */
export const FLOOD_SIZE = 300;

export const floodCase: AttackCase = {
  id: 'kid-unknown-flood',
  family: 'kid',
  description: `${FLOOD_SIZE} tokens with random unknown kids, attacker-signed`,
  repeat: FLOOD_SIZE,
  build: (context) => ({ authorization: bearer(forged(context, { kid: randomBytes(16).toString('base64url') })) }),
  expect: invalidToken(),
};
