/**
 * The raw RS256 signing rate of this machine, in-process with node:crypto and an RSA-2048 key: the ceiling for the
 * identity service's tokens per second (one signature per token, one thread).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { median } from './median';
import type { Figure } from './figure';

/** About the size of an access token's signing input (header.payload in base64url). */
const SIGNING_INPUT = Buffer.from('x'.repeat(1100));

export function measureSignRate(settings: { rounds: number; durationSeconds: number }): Figure {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signFor = (seconds: number): number => {
    let signatures = 0;
    const started = performance.now();
    const end = started + seconds * 1000;
    while (performance.now() < end) {
      sign('sha256', SIGNING_INPUT, privateKey);
      signatures += 1;
    }
    return signatures / ((performance.now() - started) / 1000);
  };
  signFor(Math.min(1, settings.durationSeconds)); // warm-up
  const rounds: number[] = [];
  for (let round = 0; round < settings.rounds; round += 1) rounds.push(signFor(settings.durationSeconds));
  return { perSecond: median(rounds), rounds };
}
