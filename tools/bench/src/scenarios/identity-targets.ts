/**
 * The identity service: client-credentials tokens issued per second (autocannon POSTs to the v2 token endpoint),
 * next to the raw RS256 signing rate this process measured before anything else ran.
 */
import type { Figure } from '../load/figure';
import type { BenchRun } from '../run/bench-run';
import { benchRegistrations, type BenchStack } from './bench-stack';

export async function measureIdentity(run: BenchRun, bench: BenchStack, signRate: Figure): Promise<void> {
  const { tenantId, clients, apis } = benchRegistrations;
  await run.measure(
    'identity-tokens',
    'identity: tokens issued (client credentials)',
    {
      url: `${bench.url('identity')}/${tenantId}/oauth2/v2.0/token`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clients.apiClient.appId,
        client_secret: clients.apiClient.secret ?? '',
        scope: apis.apiProxy.scope,
      }).toString(),
    },
    'raw-sign',
  );
  run.record('raw-sign', 'raw RS256 sign, in-process (RSA-2048)', signRate);
}
