/**
 * Property-based fuzzing of protected-api and the gateway: arbitrary Authorization headers and tokens built from
 * generated segments (JSON values, odd JOSE headers, nesting up to 3000 levels, random bytes). No answer may be a
 * 5xx or a 2xx, and both processes must still answer their health endpoints afterwards.
 */
import fc from 'fast-check';
import { readGatewayKeys } from './lib/config/gateway-keys';
import { authorization } from './lib/fuzz/arbitraries';
import { sendRequest } from './lib/http/send-request';
import { healthy, startTargets, type RunningApp, type Targets } from './testing/targets-from-source';

const NUM_RUNS = 300;

describe('fuzzing the Authorization header', () => {
  let targets: Targets;

  beforeAll(async () => {
    targets = await startTargets();
  }, 180_000);

  afterAll(async () => {
    await targets?.stop();
  }, 30_000);

  async function fuzz(app: RunningApp, path: string, extraHeaders: ReadonlyArray<readonly [string, string]>) {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(authorization, async (value) => {
        const response = await sendRequest(
          { url: new URL(path, app.url), headers: [['Authorization', value], ...extraHeaders] },
          10_000,
        );
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        return response.status >= 400 && response.status < 500;
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    return seen;
  }

  it(`protected-api: ${NUM_RUNS} generated headers, only 4xx, still healthy`, async () => {
    const statuses = await fuzz(targets.protectedApi, '/resource', []);
    console.log(`protected-api statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);

  it(`the gateway: ${NUM_RUNS} generated headers with the Unlimited key, only 4xx, still healthy`, async () => {
    const { valid } = readGatewayKeys(targets.gatewayConfigDir, '/protected/resource');
    const statuses = await fuzz(targets.gateway, '/protected/resource', [
      ['Ocp-Apim-Subscription-Key', valid as string],
    ]);
    console.log(`gateway statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(await healthy(targets.gateway)).toBe(true);
    expect(await healthy(targets.protectedApi)).toBe(true);
  }, 300_000);
});
