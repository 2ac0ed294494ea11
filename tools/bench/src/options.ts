/**
 * `npm run bench -- --rounds 3 --duration 5 ...`: the knobs of one run. The defaults keep the whole run under
 * 10 minutes on 2 cores; `--quick` is a smoke run (1 short round, fewer requests) to check the harness itself, written
 * to tmp/bench-quick. Only a run into bench/results updates the README's Benchmarks section.
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Measured rounds per target; each figure is the median of the rounds. */
  readonly rounds: number;
  /** Seconds per round. */
  readonly durationSeconds: number;
  /** Seconds of unmeasured load before the rounds (JIT, connection pools, key caches). */
  readonly warmupSeconds: number;
  /** Concurrent connections of the load generator. */
  readonly connections: number;
  /** Requests sent to protected-api between the two RSS readings. */
  readonly rssRequests: number;
  /** Calls the 4 worker processes make together. */
  readonly workerCalls: number;
  /** Concurrent calls, spread over the 4 processes, that start with an empty token cache. */
  readonly coldCalls: number;
  /** Where latest.json and latest.md go. */
  readonly outDir: string;
  /** A line shown at the top of latest.md, e.g. "noisy run: the machine was shared". */
  readonly note?: string;
  /** Leave the README alone (always when the results go elsewhere than bench/results, or in a quick run). */
  readonly skipReadme: boolean;
  /** Skip `nx run-many -t build` (the apps in dist/ are up to date). */
  readonly skipBuild: boolean;
}

export const WORKER_PROCESSES = 4;
export const DEFAULT_OUT_DIR = 'bench/results';
const QUICK_OUT_DIR = 'tmp/bench-quick';

const usage = `Usage: npm run bench -- [--rounds 3] [--duration 5] [--warmup 2] [--connections 50]
  [--rss-requests 1000000] [--worker-calls 10000] [--cold-calls 100] [--out bench/results] [--note text] [--skip-build] [--skip-readme] [--quick]`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'rss-requests': { type: 'string' },
      'worker-calls': { type: 'string' },
      'cold-calls': { type: 'string' },
      out: { type: 'string' },
      note: { type: 'string' },
      'skip-build': { type: 'boolean' },
      'skip-readme': { type: 'boolean' },
      quick: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const number = (name: string, value: string | undefined, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new Error(`--${name} must be a whole number >= ${min}, got "${value}".\n${usage}`);
    }
    return parsed;
  };
  return {
    rounds: number('rounds', values.rounds, quick ? 1 : 3, 1),
    durationSeconds: number('duration', values.duration, quick ? 2 : 5, 1),
    warmupSeconds: number('warmup', values.warmup, quick ? 1 : 2, 0),
    connections: number('connections', values.connections, 50, 1),
    rssRequests: number('rss-requests', values['rss-requests'], quick ? 20_000 : 1_000_000, 1),
    workerCalls: number('worker-calls', values['worker-calls'], quick ? 400 : 10_000, WORKER_PROCESSES),
    coldCalls: number('cold-calls', values['cold-calls'], 100, WORKER_PROCESSES),
    // A quick run checks the harness: its figures never replace the committed results.
    outDir: values.out ?? (quick ? QUICK_OUT_DIR : DEFAULT_OUT_DIR),
    note: values.note,
    skipBuild: values['skip-build'] ?? false,
    skipReadme: (values['skip-readme'] ?? false) || quick || (values.out ?? DEFAULT_OUT_DIR) !== DEFAULT_OUT_DIR,
  };
}
