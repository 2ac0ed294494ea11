/**
 * The catalogue again with both verified-token caches off (protected-api's AUTH_TOKEN_CACHE_MAX_ENTRIES and the
 * gateway's GATEWAY_TOKEN_CACHE_MAX_ENTRIES): every token then goes through the full signature check, and the
 * answers must be the same as with the caches on (security-suite.e2e.spec.ts).
 */
import { readGatewayKeys } from './lib/config/gateway-keys';
import { runSuite, type SuiteOptions } from './lib/run/run-suite';
import { commonSuiteOptions, expectCleanReport } from './testing/suite-expectations';
import { healthy, startTargets, type Targets } from './testing/targets-from-source';

describe('npm run security with the verified-token caches off', () => {
  let targets: Targets;
  let common: Omit<SuiteOptions, 'target' | 'kind' | 'path'>;

  beforeAll(async () => {
    targets = await startTargets({ AUTH_TOKEN_CACHE_MAX_ENTRIES: '0', GATEWAY_TOKEN_CACHE_MAX_ENTRIES: '0' });
    common = await commonSuiteOptions(targets);
  }, 180_000);

  afterAll(async () => {
    await targets?.stop();
  }, 30_000);

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
      expectCleanReport(report);
      expect(await healthy(target)).toBe(true);
    },
    300_000,
  );
});
