/**
 * The catalogue again with both verified-token caches off (protected-api's AUTH_TOKEN_CACHE_MAX_ENTRIES and the
 * gateway's GATEWAY_TOKEN_CACHE_MAX_ENTRIES): every token then goes through the full signature check, and the
 * answers must be the same as with the caches on (security-suite.e2e.spec.ts).
 */
import { defaultRegistrations } from '@stack/testing';
import { readGatewayKeys } from './lib/config/gateway-keys';
import { readIdentitySigningKey } from './lib/config/identity-data';
import { isClean, runSuite, type SuiteOptions, type SuiteReport } from './lib/run/run-suite';
import { healthy, startTargets, type Targets } from './testing/targets-from-source';

describe('npm run security with the verified-token caches off', () => {
  let targets: Targets;
  let common: Omit<SuiteOptions, 'target' | 'kind' | 'path'>;

  beforeAll(async () => {
    targets = await startTargets({ AUTH_TOKEN_CACHE_MAX_ENTRIES: '0', GATEWAY_TOKEN_CACHE_MAX_ENTRIES: '0' });
    common = {
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
  }, 180_000);

  afterAll(async () => {
    await targets?.stop();
  }, 30_000);

  const failures = (report: SuiteReport) =>
    report.results
      .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skipped')
      .map((r) => `${r.id}: expected ${r.expected}, got ${r.got}`);

  it.each([
    ['protected-api', 'bearer', '/resource'],
    ['gateway', 'apim', '/protected/resource'],
  ] as const)(
    '%s: every case as expected, none accepted, no 5xx',
    async (name, kind, path) => {
      const target = name === 'gateway' ? targets.gateway : targets.protectedApi;
      const keys = readGatewayKeys(targets.gatewayConfigDir, path);
      const report = await runSuite({
        ...common,
        target: target.url,
        kind,
        path,
        ...(kind === 'apim'
          ? { subscriptionKey: keys.valid, suspendedKey: keys.suspended, otherProductKey: keys.otherProduct }
          : {}),
      });
      expect(report.control?.ok).toBe(true);
      expect(report.summary.cases - report.summary.skipped).toBeGreaterThanOrEqual(100);
      expect(failures(report)).toEqual([]);
      expect(report.summary).toMatchObject({ accepted: 0, serverErrors: 0, canaryHits: 0, failed: 0 });
      expect(isClean(report)).toBe(true);
      expect(await healthy(target)).toBe(true);
    },
    300_000,
  );
});
