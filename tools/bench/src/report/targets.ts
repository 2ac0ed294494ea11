/** The "Targets" section, each checked against one run's figures. */
import { findRow, ratio, type BenchResults, type RowId } from './results';

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** undefined when the figure is missing from the run. */
  readonly met: boolean | undefined;
}

const times = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(2)}×`);

function ratioTarget(results: BenchResults, target: string, id: RowId, reference: RowId, min: number): TargetCheck {
  const value = ratio(results, id, reference);
  return { target, measured: times(value), met: value === undefined ? undefined : value >= min };
}

export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [
    ratioTarget(
      results,
      'protected-api guarded (as shipped: cache on) ≥ 3× auth0 on Express',
      'guarded-cache',
      'auth0-express',
      3,
    ),
    ratioTarget(
      results,
      'protected-api guarded (as shipped: cache on) ≥ 0.5× bare Fastify',
      'guarded-cache',
      'fastify-hello',
      0.5,
    ),
    ratioTarget(results, 'guarded without cache ≥ 0.6× its unguarded route', 'guarded', 'unguarded', 0.6),
    ratioTarget(results, 'guarded with cache ≥ 0.9× its unguarded route', 'guarded-cache', 'unguarded', 0.9),
    ratioTarget(
      results,
      'Echo through the gateway (validate-jwt) ≥ 0.7× Echo direct',
      'echo-gateway',
      'echo-direct',
      0.7,
    ),
  ];
  const direct = findRow(results, 'echo-direct-c1')?.figure.p50Ms;
  const gateway = findRow(results, 'echo-gateway-c1')?.figure.p50Ms;
  const added = direct !== undefined && gateway !== undefined ? gateway - direct : undefined;
  checks.push({
    target: 'gateway adds ≤ 1 ms p50 at concurrency 1',
    measured: added === undefined ? 'n/a' : `${added.toFixed(2)} ms`,
    met: added === undefined ? undefined : added <= 1,
  });
  checks.push(
    ratioTarget(results, 'identity tokens/s ≥ 0.8× the raw RS256 signing rate', 'identity-tokens', 'raw-sign', 0.8),
  );
  for (const figure of results.tokenRequests) {
    checks.push({
      target: `1 token request per lifetime per client and scope: ${figure.label}`,
      measured: `${figure.tokenRequests} token request${figure.tokenRequests === 1 ? '' : 's'}`,
      met: figure.failedCalls === 0 && figure.tokenRequests === 1,
    });
  }
  const rss = results.rss;
  const growth = rss ? (rss.afterBytes - rss.beforeBytes) / rss.beforeBytes : undefined;
  checks.push({
    target: `protected-api RSS growth < 10 % over ${rss ? rss.requests.toLocaleString('en-US') : '1,000,000'} requests after warm-up`,
    measured: growth === undefined ? 'n/a' : `${(growth * 100).toFixed(1)} %`,
    met: growth === undefined ? undefined : growth < 0.1,
  });
  return checks;
}
