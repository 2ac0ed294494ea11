import { isControlCharacter } from '@stack/claim-policy';
import { defaultRegistrations, describeSecretFindings, scanLogsForSecrets, stackSecrets } from '@stack/testing';
import { writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';
import { sendRawHttp } from '../testing/raw-http';

/**
 * What the gateway logs while it is attacked: no token, subscription key or client secret in any line, and no
 * raw control character (C0, C1, U+2028/U+2029) from request data that a text viewer would turn into a forged line.
 */
jest.setTimeout(60_000);

const { apiClient } = defaultRegistrations.clients;
const WORKER_KEY = 'dev-only-worker-primary-key';

/** The default APIs plus one whose expression quotes a request header in its run-time error. */
const QUOTING_POLICY = `<policies>
    <inbound>
        <rate-limit-by-key calls="@(context.Request.Headers.GetValueOrDefault(&quot;X-Calls&quot;, &quot;10&quot;))" renewal-period="60" counter-key="all" />
    </inbound>
</policies>`;

describe('gateway logs under hostile requests', () => {
  let config: WrittenGatewayConfig;
  let kit: GatewayTestKit;
  let token: string;

  const raw = (target: string, headers: ReadonlyArray<readonly [string, Buffer | string]>) => {
    const host = new URL(kit.gateway.url).host;
    const lines = [
      Buffer.from(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\n`, 'latin1'),
      ...headers.map(([name, value]) =>
        Buffer.concat([Buffer.from(`${name}: `), Buffer.from(value as string, 'latin1'), Buffer.from('\r\n')]),
      ),
      Buffer.from('Connection: close\r\n\r\n'),
    ];
    return sendRawHttp(kit.gateway.url, Buffer.concat(lines));
  };

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({ apis: [{ id: 'quoting', policy: QUOTING_POLICY }] });
    kit = await startGatewayTestKit({ configDir: config.dir });
    token = await kit.tokenFor(apiClient);

    const bearer = `Bearer ${token}`;
    await raw('/echo/resource', [
      ['Authorization', bearer],
      ['Ocp-Apim-Subscription-Key', WORKER_KEY],
    ]);
    await raw(`/echo/resource?subscription-key=${WORKER_KEY}&access_token=${token}`, [['Authorization', bearer]]);
    await raw(`/echo/resource`, [
      ['Authorization', `${bearer}x`],
      ['Ocp-Apim-Subscription-Key', `${WORKER_KEY}x`],
    ]);
    await raw(`/echo/${token}/${'a'.repeat(4000)}%0d%0a%E2%80%A8`, [['Ocp-Apim-Subscription-Key', WORKER_KEY]]);
    await raw('/echo/resource', [['Authorization', `Bearer ${'a'.repeat(17 * 1024)}`]]);
    // An expression error that quotes request data: a NEL (C1) and a token in a header.
    await raw('/quoting/resource', [['X-Calls', `\x85forged line ${token}`]]);
    await raw('/docs/%E0%A4%A', []);
    await raw('/status-0123456789abcdef%0d%0a', []);
  });
  afterAll(async () => {
    await kit?.close();
    await config?.remove();
  });

  it('logged the requests, each as one JSON line', () => {
    expect(kit.logs.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(5);
    for (const line of kit.logs) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('logs no token, subscription key or client secret', () => {
    const findings = scanLogsForSecrets(kit.logs, {
      secrets: [...stackSecrets(), { label: 'the test token', value: token }],
    });
    expect(describeSecretFindings(findings)).toBe('');
  });

  it('logs no raw control character, and request data bounded', () => {
    for (const line of kit.logs) {
      const raw = [...line].filter((character) => isControlCharacter(character.codePointAt(0) ?? 0));
      expect({ line: line.slice(0, 200), raw }).toEqual({ line: line.slice(0, 200), raw: [] });
      expect(line.length).toBeLessThan(8000);
    }
    const quoting = kit.logs.find((line) => line.includes('X-Calls') || line.includes('forged line'));
    expect(quoting).toContain('\\\\u0085forged line');
  });
});
