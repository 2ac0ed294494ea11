/**
 * The pure parts of the bench: medians, the targets' met/missed verdicts and the Markdown table, from made-up figures
 * (no load, no timing: figures here are inputs, never measured).
 */
import { median } from '../load/median';
import type { Figure } from '../load/figure';
import { parseBenchOptions } from '../options';
import type { MachineFacts } from './machine';
import { renderMarkdown } from './markdown';
import { README_BLOCK_END, README_BLOCK_START, replaceReadmeBlock } from './readme-block';
import type { BenchResults, RowId } from './results';
import { checkTargets } from './targets';

const figure = (perSecond: number, p50Ms = 1): Figure => ({ perSecond, p50Ms, p99Ms: p50Ms * 3, rounds: [perSecond] });

function results(perSecond: Partial<Record<RowId, number>>, p50: Partial<Record<RowId, number>> = {}): BenchResults {
  return {
    rows: Object.entries(perSecond).map(([id, value]) => ({
      id: id as RowId,
      label: id,
      figure: figure(value, p50[id as RowId]),
      connections: id.endsWith('-c1') ? 1 : 50,
    })),
    tokenRequests: [],
  };
}

const verdict = (checks: ReturnType<typeof checkTargets>, start: string) =>
  checks.find((check) => check.target.startsWith(start))?.met;

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('checkTargets', () => {
  it('meets the ratio targets at their thresholds and misses them just below', () => {
    const met = checkTargets(
      results({
        'guarded-cache': 9000,
        'auth0-express': 3000,
        'fastify-hello': 18_000,
        guarded: 6000,
        unguarded: 10_000,
      }),
    );
    expect(verdict(met, 'protected-api guarded (as shipped: cache on) ≥ 3×')).toBe(true);
    expect(verdict(met, 'protected-api guarded (as shipped: cache on) ≥ 0.5×')).toBe(true);
    expect(verdict(met, 'guarded without cache')).toBe(true);
    expect(verdict(met, 'guarded with cache')).toBe(true);

    const missed = checkTargets(
      results({ 'guarded-cache': 8999, 'auth0-express': 3000, guarded: 5999, unguarded: 10_000 }),
    );
    expect(verdict(missed, 'protected-api guarded (as shipped: cache on) ≥ 3×')).toBe(false);
    expect(verdict(missed, 'guarded without cache')).toBe(false);
    expect(verdict(missed, 'guarded with cache')).toBe(false);
  });

  it('says "not measured" (undefined) when a figure is missing rather than guessing', () => {
    const checks = checkTargets(results({ 'guarded-cache': 9000 }));
    expect(verdict(checks, 'protected-api guarded (as shipped: cache on) ≥ 3×')).toBeUndefined();
    expect(verdict(checks, 'protected-api RSS growth')).toBeUndefined();
  });

  it('takes the p50 the gateway adds at concurrency 1 from the two c=1 rows', () => {
    const checks = checkTargets(
      results({ 'echo-direct-c1': 1000, 'echo-gateway-c1': 700 }, { 'echo-direct-c1': 0.4, 'echo-gateway-c1': 1.5 }),
    );
    expect(checks.find((c) => c.target.startsWith('gateway adds'))).toEqual({
      target: 'gateway adds ≤ 1 ms p50 at concurrency 1',
      measured: '1.10 ms',
      met: false,
    });
  });

  it('needs exactly one token request and no failed call, and RSS growth under 10 %', () => {
    const run = results({});
    run.tokenRequests.push(
      { label: 'one', calls: 10_000, failedCalls: 0, processes: 4, tokenRequests: 1 },
      { label: 'four', calls: 100, failedCalls: 0, processes: 4, tokenRequests: 4 },
      { label: 'failing', calls: 100, failedCalls: 3, processes: 4, tokenRequests: 1 },
    );
    run.rss = { requests: 1_000_000, beforeBytes: 100, afterBytes: 109, samples: [], seconds: 60 };
    const checks = checkTargets(run);
    expect(verdict(checks, '1 token request per lifetime per client and scope: one')).toBe(true);
    expect(verdict(checks, '1 token request per lifetime per client and scope: four')).toBe(false);
    expect(verdict(checks, '1 token request per lifetime per client and scope: failing')).toBe(false);
    expect(checks.find((c) => c.target.startsWith('protected-api RSS growth'))).toMatchObject({
      measured: '9.0 %',
      met: true,
    });
  });
});

describe('renderMarkdown', () => {
  const machine: MachineFacts = {
    cpuModel: 'Test CPU',
    cores: 2,
    memoryGiB: 4,
    loadAverageAtStart: 0.1,
    freeMemoryGiBAtStart: 2,
    node: 'v22.0.0',
    platform: 'linux x64',
    date: '2026-01-02T03:04:05.000Z',
  };

  it('shows each row with its ratio to its reference, the machine, the note and the verdicts', () => {
    const run = results({ 'fastify-hello': 50_000, unguarded: 25_000 });
    (run.rows[1] as { reference?: RowId }).reference = 'fastify-hello';
    const markdown = renderMarkdown({
      machine,
      options: parseBenchOptions([]),
      results: run,
      targets: checkTargets(run),
      elapsedSeconds: 300,
      note: 'noisy run',
    });
    expect(markdown).toContain('> noisy run');
    expect(markdown).toContain('Machine: Test CPU, 2 cores, 4 GiB, Node v22.0.0, linux x64; 2026-01-02 03:04 UTC');
    expect(markdown).toContain('| target | req/s | p50 ms | p99 ms | ratio vs its reference |');
    expect(markdown).toContain('| unguarded | 25.0k | 1 | 3 | 0.50× fastify-hello |');
    expect(markdown).toContain(
      '| protected-api RSS growth < 10 % over 1,000,000 requests after warm-up | n/a | not measured |',
    );
  });
});

describe('parseBenchOptions', () => {
  it('has defaults that fit 10 minutes and refuses nonsense with the usage', () => {
    expect(parseBenchOptions([])).toMatchObject({
      rounds: 3,
      durationSeconds: 5,
      connections: 50,
      rssRequests: 1_000_000,
    });
    expect(parseBenchOptions(['--rounds', '5', '--connections', '1'])).toMatchObject({ rounds: 5, connections: 1 });
    expect(() => parseBenchOptions(['--rounds', 'zero'])).toThrow(/--rounds must be a whole number >= 1.*\nUsage:/s);
  });

  it('updates the committed results and the README only from a full run into bench/results', () => {
    expect(parseBenchOptions([])).toMatchObject({ outDir: 'bench/results', skipReadme: false });
    expect(parseBenchOptions(['--quick'])).toMatchObject({ outDir: 'tmp/bench-quick', skipReadme: true });
    expect(parseBenchOptions(['--out', 'tmp/x'])).toMatchObject({ outDir: 'tmp/x', skipReadme: true });
    expect(parseBenchOptions(['--skip-readme'])).toMatchObject({ outDir: 'bench/results', skipReadme: true });
  });
});

describe('replaceReadmeBlock', () => {
  const readme = `# Title\n\n## Benchmarks\n\nHow to run.\n\n${README_BLOCK_START}\n\nold table\n\n${README_BLOCK_END}\n\n## Layout\n`;

  it('replaces only the text between the markers', () => {
    expect(replaceReadmeBlock(readme, '| new | table |\n')).toBe(
      `# Title\n\n## Benchmarks\n\nHow to run.\n\n${README_BLOCK_START}\n\n| new | table |\n\n${README_BLOCK_END}\n\n## Layout\n`,
    );
  });

  it('says how to fix a README without the markers', () => {
    expect(() => replaceReadmeBlock('# Title\n', 'table', 'README.md')).toThrow(
      /README.md has no .* block in its Benchmarks section; add the two lines .* or run with --skip-readme/,
    );
  });
});
