import type { Logger } from 'pino';
import type { ApiClient } from './api-client';

export interface CallLoopOptions {
  readonly client: ApiClient;
  readonly logger: Logger;
  readonly path: string;
  readonly intervalMs: number;
  /** Stop after this many calls; 0 runs until `stop()`. */
  readonly maxCalls: number;
}

export interface CallStats {
  calls: number;
  ok: number;
  failed: number;
  lastStatus?: number;
}

/**
 * Calls the API on an interval and logs one line per call (status, latency, whether the token came from the cache):
 * debug for a 2xx, warn otherwise, error when the call failed.
 * A 429/503 `Retry-After` pushes the next call back; a failure never stops the loop.
 */
export class CallLoop {
  readonly stats: CallStats = { calls: 0, ok: 0, failed: 0 };
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private resolveDone!: () => void;
  /** Settles when the loop has made `maxCalls` calls or was stopped. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly options: CallLoopOptions) {}

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.resolveDone();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const delayMs = await this.callOnce();
    if (this.options.maxCalls > 0 && this.stats.calls >= this.options.maxCalls) {
      this.options.logger.info({ ...this.stats }, 'worker finished its calls');
      return this.stop();
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** Makes one call and returns the delay before the next one. */
  private async callOnce(): Promise<number> {
    const { client, logger, path, intervalMs } = this.options;
    // Counted when the call has an outcome, so `calls === ok + failed` holds whenever /health is read.
    const call = this.stats.calls + 1;
    try {
      const result = await client.call({ method: 'GET', path });
      const ok = result.status >= 200 && result.status < 300;
      this.stats.calls = call;
      if (ok) this.stats.ok += 1;
      else this.stats.failed += 1;
      this.stats.lastStatus = result.status;
      // A successful call every few seconds is debug, so an idle stack is quiet at info; a refusal is a warning.
      logger[ok ? 'debug' : 'warn'](
        {
          call,
          method: 'GET',
          path,
          status: result.status,
          latencyMs: result.latencyMs,
          tokenFromCache: result.tokenFromCache,
          retriedWithFreshToken: result.retriedWithFreshToken || undefined,
          retryAfterMs: result.retryAfterMs,
        },
        'api call',
      );
      return Math.max(intervalMs, result.retryAfterMs ?? 0);
    } catch (error) {
      this.stats.calls = call;
      this.stats.failed += 1;
      this.stats.lastStatus = undefined;
      const { code, message } = error as { code?: string; message: string };
      logger.error({ call, method: 'GET', path, code, err: message }, 'api call failed');
      return Math.max(intervalMs, (error as { retryAfterMs?: number }).retryAfterMs ?? 0);
    }
  }
}
