/** Scheduled signing-key rotation: rotates when the newest key is older than the interval (checked by timer). */
import type { Logger } from 'pino';
import type { SigningKeyStore } from '../keys/signing-key-store';

/** setTimeout's maximum delay (~24.8 days); longer waits are split into several timers. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options of {@link scheduleKeyRotation}. */
export interface RotationScheduleOptions {
  readonly keys: SigningKeyStore;
  readonly intervalSeconds: number;
  readonly publishDelaySeconds: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * Rotates now if the newest key is already older than the interval, then whenever it becomes so.
 * @returns a function that stops the schedule.
 */
export function scheduleKeyRotation(options: RotationScheduleOptions): () => void {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const check = async () => {
    if (stopped) return;
    let failed = false;
    if (now() >= options.keys.newestCreatedAt() + intervalMs) {
      try {
        await options.keys.rotate({ publishDelaySeconds: options.publishDelaySeconds });
      } catch (error) {
        failed = true;
        options.logger.error({ err: error }, 'Scheduled key rotation failed; retrying in a minute');
      }
    }
    if (stopped) return;
    const due = options.keys.newestCreatedAt() + intervalMs - now();
    const wait = failed ? 60_000 : Math.max(1000, Math.min(due, MAX_TIMER_MS));
    timer = setTimeout(() => void check(), wait);
    timer.unref();
  };
  void check();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
