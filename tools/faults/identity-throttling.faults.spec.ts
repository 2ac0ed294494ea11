/**
 * Fault: the identity service answers the worker's token requests with 429 (Retry-After: 2) and then 503, through a
 * fault proxy in front of it. The worker process (real msal-node through @stack/token-cache) must wait at least the
 * Retry-After, back off on the 503s, get its token on the fourth attempt and make its calls without a failure.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevCertificates } from '@stack/identity-server';
import { defaultRegistrations, freePort, startFaultProxy, trustDevCa, type FaultProxy } from '@stack/testing';
import { startFaultStack, waitFor, type FaultStack } from './fault-stack';

const RETRY_AFTER_SECONDS = 2;

describe('fault: identity service answering the worker with 429 and 503', () => {
  let proxy: FaultProxy;
  let faults: FaultStack;

  beforeAll(async () => {
    // The proxy must exist before the worker starts, so it is set up first: the identity service's dev certificates
    // are made beforehand (the service reuses them), and the proxy presents its server certificate.
    const dataDir = await mkdtemp(join(tmpdir(), 'faults-throttling-'));
    const certificates = await ensureDevCertificates(dataDir);
    // Trusted in this process before the proxy forwards anything: a CA that an earlier spec in this Jest worker put in
    // https.globalAgent's options (trustDevCa) would otherwise override the proxy's own `ca` for the identity service.
    trustDevCa(certificates.caCertPem);
    const identityPort = await freePort();
    proxy = await startFaultProxy({
      target: `https://localhost:${identityPort}`,
      tls: { certPem: certificates.serverCertPem, keyPem: certificates.serverKeyPem },
      targetCaPem: certificates.caCertPem,
    });
    proxy.failNextTokenRequests(1, { status: 429, retryAfter: RETRY_AFTER_SECONDS });
    proxy.failNextTokenRequests(2, { status: 503 });
    faults = await startFaultStack({
      dataDir,
      // Only the worker goes through the proxy; the other apps talk to the identity service directly.
      env: { IDENTITY_PORT: String(identityPort), WORKER_AUTHORITY: `${proxy.url}/${defaultRegistrations.tenantId}` },
    });
  }, 90_000);

  afterAll(async () => {
    await faults?.dispose();
    await proxy?.close();
  });

  it('waits out Retry-After, backs off on 503, then calls without a failure', async () => {
    const health = await waitFor(
      'worker calls',
      () => faults.workerHealth(),
      (h) => h.calls.ok >= 20,
    );

    // Every request reached the identity service or got the fault it was meant to (the OpenID configuration too).
    expect(proxy.requests.filter((request) => !request.tokenRequest).map((request) => request.status)).not.toContain(
      502,
    );
    const tokenRequests = proxy.tokenRequests();
    expect(tokenRequests.map((request) => request.status)).toEqual([429, 503, 503, 200]);
    // Correctness, not speed: the second request came no earlier than the server allowed.
    expect(tokenRequests[1].at - tokenRequests[0].at).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    // The worker's own account of any call that did not succeed (status, error code), for a clear failure.
    const failedCalls = faults.logs.filter(
      (line) => line.startsWith('worker |') && /"level":"(warn|error)"/.test(line) && /"msg":"api call/.test(line),
    );
    expect(failedCalls).toEqual([]);
    expect(health.calls.failed).toBe(0);
    expect(health.tokens).toMatchObject({ tokenRequests: 4, retries: 3 });
  }, 60_000);

  it('no app logged a secret, a private key, a complete token or a subscription key', async () => {
    expect(await faults.stopAndScanLogs()).toBe('');
  }, 30_000);
});
