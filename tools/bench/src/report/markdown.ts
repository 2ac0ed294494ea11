/** The run as a Markdown document: the table, the targets with met/missed, RSS and token-request figures. */
import type { BenchOptions } from '../options';
import { describeMachine, type MachineFacts } from './machine';
import { findRow, type BenchResults, type Row } from './results';
import type { TargetCheck } from './targets';

export interface Report {
  readonly machine: MachineFacts;
  readonly options: BenchOptions;
  readonly results: BenchResults;
  readonly targets: TargetCheck[];
  readonly elapsedSeconds: number;
  /** Free text shown under the heading, e.g. "noisy run". */
  readonly note?: string;
}

const perSecond = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0));
const ms = (value: number | undefined, digits: number) => (value === undefined ? '–' : value.toFixed(digits));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function rowLine(results: BenchResults, row: Row): string {
  const reference = row.reference ? findRow(results, row.reference) : undefined;
  const ratio = reference
    ? `${(row.figure.perSecond / reference.figure.perSecond).toFixed(2)}× ${reference.label}`
    : '–';
  // Concurrency-1 rows are timed to a fraction of a ms; autocannon's histogram counts whole ms.
  const digits = row.connections === 1 ? 2 : 0;
  const p50 = ms(row.figure.p50Ms, digits);
  const p99 = ms(row.figure.p99Ms, digits);
  return `| ${row.label} | ${perSecond(row.figure.perSecond)} | ${p50} | ${p99} | ${ratio} |`;
}

/** latest.md: a title over {@link renderSummary}. */
export function renderMarkdown(report: Report): string {
  return ['# `npm run bench`: latest results', '', renderSummary(report, '##')].join('\n');
}

/** The run without a title (the README's Benchmarks section shows it too); `level` is the Targets heading's. */
export function renderSummary(report: Report, level: '##' | '###'): string {
  const { results, options } = report;
  const lines = [
    ...(report.note ? [`> ${report.note}`, ''] : []),
    `Machine: ${describeMachine(report.machine)}.`,
    '',
    `Load: autocannon in the bench process, every target in its own process on loopback; ${options.connections} ` +
      `connections unless the row says c=1; each figure the median of ${options.rounds} round(s) of ` +
      `${options.durationSeconds} s after ${options.warmupSeconds} s of warm-up. Same RS256 token from the local ` +
      `identity service for every guarded target. Whole run: ${Math.round(report.elapsedSeconds)} s.`,
    '',
    '| target | req/s | p50 ms | p99 ms | ratio vs its reference |',
    '|---|---|---|---|---|',
    ...results.rows.map((row) => rowLine(results, row)),
    '',
  ];
  if (results.rss) {
    const { beforeBytes, afterBytes, requests, samples, seconds } = results.rss;
    const steps = samples.map((s) => `${(s.requests / 1000).toFixed(0)}k: ${mib(s.bytes)}`).join(', ');
    lines.push(
      `protected-api RSS (guarded + cache, /proc/<pid>/status VmRSS): ${mib(beforeBytes)} after warm-up, ` +
        `${mib(afterBytes)} after ${requests.toLocaleString('en-US')} more requests (${Math.round(seconds)} s). ` +
        `Along the way: ${steps}.`,
      '',
    );
  }
  for (const figure of results.tokenRequests) {
    lines.push(
      `Worker token requests, ${figure.label}: ${figure.tokenRequests} (identity service /admin/metrics; ` +
        `${figure.calls.toLocaleString('en-US')} calls in ${figure.processes} processes, ${figure.failedCalls} failed)` +
        (figure.note ? `; ${figure.note}.` : '.'),
      '',
    );
  }
  lines.push(`${level} Targets`, '', '| target | measured | |', '|---|---|---|');
  for (const check of report.targets) {
    const verdict = check.met === undefined ? 'not measured' : check.met ? 'met' : '**missed**';
    lines.push(`| ${check.target} | ${check.measured} | ${verdict} |`);
  }
  lines.push('');
  return lines.join('\n');
}
