import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inboundPolicy, writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';
import { startGateway } from '../app/gateway';
import { createGatewayLogger } from '../app/logger';
import { startEchoBackend } from '../testing/echo-backend';
import { loadGatewayEnv } from './gateway-env';
import { readGatewayConfig } from '@stack/gateway-adapters';

describe('config/gateway/fragments/ (include-fragment)', () => {
  let config: WrittenGatewayConfig;

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({
      apis: [{ id: 'tagged', policy: inboundPolicy('<include-fragment fragment-id="tag" />') }],
    });
    await mkdir(join(config.dir, 'fragments'));
    await writeFile(
      join(config.dir, 'fragments', 'tag.xml'),
      '<fragment><set-header name="X-Tag"><value>1</value></set-header></fragment>',
    );
    await writeFile(join(config.dir, 'fragments', 'README.md'), 'not a fragment');
  });
  afterAll(() => config?.remove());

  it('reads each fragments/<id>.xml by id, with its path for messages', () => {
    const definition = readGatewayConfig(config.dir, { GATEWAY_ECHO_API_URL: 'http://127.0.0.1:9/api' });
    expect([...(definition.policies.fragments ?? new Map()).keys()]).toEqual(['tag']);
    expect(definition.policies.fragments?.get('tag')?.file).toMatch(/fragments\/tag\.xml$/);
  });

  it('the running gateway expands include-fragment from that folder', async () => {
    const echo = await startEchoBackend();
    const processEnv = { GATEWAY_PORT: '0', GATEWAY_CONFIG_DIR: config.dir, GATEWAY_ECHO_API_URL: `${echo.url}/api` };
    const gateway = await startGateway({
      env: loadGatewayEnv(processEnv),
      processEnv,
      logger: createGatewayLogger('silent'),
      nestLogger: false,
    });
    try {
      const response = await fetch(`${gateway.url}/tagged/resource`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { headers: Record<string, string> }).headers['x-tag']).toBe('1');
    } finally {
      await gateway.close();
      await echo.close();
    }
  });
});
