import { expect } from '@jest/globals';
import { defaultRegistrations } from '@stack/testing';
import { readIdentitySigningKey } from '../lib/config/identity-data';
import { isClean, type SuiteOptions, type SuiteReport } from '../lib/run/run-suite';
import type { Targets } from './targets-from-source';

/** What every run against the started targets shares: the default registrations' identity and the trusted key. */
export async function commonSuiteOptions(targets: Targets): Promise<Omit<SuiteOptions, 'target' | 'kind' | 'path'>> {
  return {
    identity: {
      tenantId: defaultRegistrations.tenantId,
      audience: defaultRegistrations.apis.apiProxy.appId,
      clientId: defaultRegistrations.clients.apiClient.appId,
      issuer: `${targets.identity.url}/${defaultRegistrations.tenantId}/v2.0`,
      role: 'Echo.Read',
    },
    trustedKey: await readIdentitySigningKey(targets.identity.dataDir),
    deadlineMs: 240_000,
  };
}

/** The acceptance bar: a working control token, >= 100 cases run, none skipped, accepted, 5xx or mismatched. */
export function expectCleanReport(report: SuiteReport): void {
  const failures = report.results
    .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skipped')
    .map((r) => `${r.id}: expected ${r.expected}, got ${r.got}`);
  expect(report.control?.ok).toBe(true);
  expect(report.summary.cases - report.summary.skipped).toBeGreaterThanOrEqual(100);
  expect(report.summary.skipped).toBe(0);
  expect(failures).toEqual([]);
  expect(report.summary).toMatchObject({ accepted: 0, serverErrors: 0, canaryHits: 0, failed: 0 });
  expect(isClean(report)).toBe(true);
}
