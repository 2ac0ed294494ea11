/**
 * One run's state and the verbs every scenario uses: measure a target (warm-up + median of rounds), record a figure
 * measured another way, and run a peer server only while it is measured.
 */
import { freePort } from '@stack/testing';
import { measureRounds, type LoadRequest, type LoadSettings } from '../load/autocannon-rounds';
import type { Figure } from '../load/figure';
import type { BenchOptions } from '../options';
import { PEER_ENV } from '../peers/peer-config';
import { benchScript, startChild, type ChildService } from '../processes/child-service';
import type { BenchResults, RowId } from '../report/results';

export class BenchRun {
  readonly results: BenchResults = { rows: [], tokenRequests: [] };
  readonly load: LoadSettings;
  private readonly startedAt = performance.now();

  constructor(readonly options: BenchOptions) {
    const { rounds, durationSeconds, warmupSeconds, connections } = options;
    this.load = { rounds, durationSeconds, warmupSeconds, connections };
  }

  get elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  log(message: string): void {
    console.log(`[bench ${Math.round(this.elapsedSeconds)}s] ${message}`);
  }

  /** Adds a row; `connections` is 1 for the sequential-latency rows. */
  record(id: RowId, label: string, figure: Figure, reference?: RowId, connections = this.options.connections): void {
    this.results.rows.push({ id, label, figure, reference, connections });
    const p50 = figure.p50Ms === undefined ? '' : `, p50 ${figure.p50Ms.toFixed(2)} ms`;
    this.log(`${label}: ${Math.round(figure.perSecond)}/s${p50} (rounds ${figure.rounds.map(Math.round).join(', ')})`);
  }

  /** autocannon against one target: warm-up, then the median of the rounds. */
  async measure(id: RowId, label: string, request: LoadRequest, reference?: RowId): Promise<void> {
    this.record(id, label, await measureRounds(request, this.load), reference);
  }

  /** Starts a peer server (tools/bench/src/peers/<script>.ts), runs `use`, stops it: only the target under load runs. */
  async withPeer(script: string, env: NodeJS.ProcessEnv, use: (peer: ChildService) => Promise<void>): Promise<void> {
    const port = await freePort();
    const peer = await startChild({
      name: script,
      script: benchScript('peers', script),
      env: { ...env, [PEER_ENV.port]: String(port) },
      url: `http://127.0.0.1:${port}`,
    });
    try {
      await use(peer);
    } finally {
      await peer.stop();
    }
  }
}
