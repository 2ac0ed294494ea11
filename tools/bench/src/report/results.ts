import type { Figure } from '../load/figure';

/** Ids of the measured rows; targets and ratios refer to rows by id. */
export type RowId =
  | 'fastify-hello'
  | 'express-hello'
  | 'unguarded'
  | 'guarded'
  | 'guarded-cache'
  | 'auth0-express'
  | 'passport-express'
  | 'echo-direct'
  | 'echo-gateway'
  | 'protected-gateway'
  | 'echo-direct-c1'
  | 'echo-gateway-c1'
  | 'identity-tokens'
  | 'raw-sign';

export interface Row {
  readonly id: RowId;
  readonly label: string;
  readonly figure: Figure;
  /** The row this one is compared with (the ratio column). */
  readonly reference?: RowId;
  /** Concurrency of the load generator for this row. */
  readonly connections: number;
}

export interface RssFigure {
  readonly requests: number;
  readonly beforeBytes: number;
  readonly afterBytes: number;
  /** RSS after each tenth of the requests: a plateau or a steady climb. */
  readonly samples: readonly { requests: number; bytes: number }[];
  readonly seconds: number;
}

export interface TokenRequestFigure {
  readonly label: string;
  readonly calls: number;
  readonly failedCalls: number;
  readonly processes: number;
  readonly tokenRequests: number;
  /** What made the figure less than it claims (e.g. replicas that fired late). */
  readonly note?: string;
}

/** Everything one run measured. */
export interface BenchResults {
  readonly rows: Row[];
  rss?: RssFigure;
  readonly tokenRequests: TokenRequestFigure[];
}

export function findRow(results: BenchResults, id: RowId): Row | undefined {
  return results.rows.find((row) => row.id === id);
}

/** `row / reference` in req/s, or undefined when either is missing. */
export function ratio(results: BenchResults, id: RowId, reference: RowId): number | undefined {
  const row = findRow(results, id);
  const ref = findRow(results, reference);
  return row && ref && ref.figure.perSecond > 0 ? row.figure.perSecond / ref.figure.perSecond : undefined;
}
