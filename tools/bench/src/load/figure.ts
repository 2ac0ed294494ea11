/** One measured figure: the median over the rounds of throughput and latency. */
export interface Figure {
  /** Requests (or operations) per second. */
  readonly perSecond: number;
  /** Median latency in ms; undefined where it means nothing (in-process signing). */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  /** Every round's throughput, so a reader sees the spread behind the median. */
  readonly rounds: readonly number[];
}
