/**
 * The whole catalogue against protected-api (RFC 6750) and the gateway in front of it (APIM), both run from source
 * against the real identity service, with the identity service's own signing key so the claims family runs too.
 */
import { defaultRegistrations } from '@stack/testing';
import { readIdentitySigningKey } from './lib/config/identity-data';
import { readGatewayKeys } from './lib/config/gateway-keys';
import { isClean, runSuite, type SuiteOptions, type SuiteReport } from './lib/run/run-suite';
import { formatTable } from './lib/run/table';
import { healthy, OTHER_API_KEY, startTargets, SUSPENDED_KEY, type Targets } from './testing/targets-from-source';

describe('npm run security against the stack', () => {
  let targets: Targets;
  let common: Omit<SuiteOptions, 'target' | 'kind' | 'path'>;

  beforeAll(async () => {
    targets = await startTargets();
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

  /** Every failing row, for a readable assertion message. */
  const failures = (report: SuiteReport) =>
    report.results
      .filter((r) => r.verdict !== 'pass' && r.verdict !== 'skipped')
      .map((r) => `${r.id}: expected ${r.expected}, got ${r.got}`);

  it('protected-api (bearer): >= 100 cases, none accepted, no 5xx, no mismatch, no canary hit', async () => {
    const report = await runSuite({ ...common, target: targets.protectedApi.url, kind: 'bearer', path: '/resource' });
    console.log(formatTable(report));

    expect(report.control?.ok).toBe(true);
    expect(report.summary.cases - report.summary.skipped).toBeGreaterThanOrEqual(100);
    expect(report.summary.skipped).toBe(0);
    expect(failures(report)).toEqual([]);
    expect(report.summary).toMatchObject({ accepted: 0, serverErrors: 0, canaryHits: 0, failed: 0 });
    expect(isClean(report)).toBe(true);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);

  it('the gateway (apim, Unlimited key): >= 100 cases, none accepted, no 5xx, no mismatch, no canary hit', async () => {
    const keys = readGatewayKeys(targets.gatewayConfigDir, '/protected/resource');
    expect(keys).toEqual({ valid: expect.any(String), suspended: SUSPENDED_KEY, otherProduct: OTHER_API_KEY });
    const report = await runSuite({
      ...common,
      target: targets.gateway.url,
      kind: 'apim',
      path: '/protected/resource',
      subscriptionKey: keys.valid,
      suspendedKey: keys.suspended,
      otherProductKey: keys.otherProduct,
    });
    console.log(formatTable(report));

    expect(report.control?.ok).toBe(true);
    expect(report.summary.cases - report.summary.skipped).toBeGreaterThanOrEqual(100);
    expect(report.summary.skipped).toBe(0);
    expect(failures(report)).toEqual([]);
    expect(report.summary).toMatchObject({ accepted: 0, serverErrors: 0, canaryHits: 0, failed: 0 });
    expect(await healthy(targets.gateway)).toBe(true);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);
});
