import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '../app/gateway';
import { loadGatewayEnv } from '../config/gateway-env';
import { writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';

/**
 * forward-request's own timeout in the real gateway: the client gets APIM's 504 and the backend call
 * is abandoned (its connection closed), so a late answer can never replace the 504.
 */
describe('forward-request timeout', () => {
  let backend: Server;
  let config: WrittenGatewayConfig;
  let gateway: RunningGateway;
  const arrived: IncomingMessage[] = [];
  const closed: IncomingMessage[] = [];

  beforeAll(async () => {
    // A backend that reads the request and never answers.
    backend = createServer((request) => {
      arrived.push(request);
      request.socket.on('close', () => closed.push(request));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/api`;
    config = await writeExampleGatewayConfig({
      apis: [{ id: 'slow', policy: '<policies><backend><forward-request timeout="1" /></backend></policies>' }],
    });
    const processEnv = { GATEWAY_PORT: '0', GATEWAY_CONFIG_DIR: config.dir, GATEWAY_ECHO_API_URL: backendUrl };
    gateway = await startGateway({ env: loadGatewayEnv(processEnv), processEnv, nestLogger: false });
  });
  afterAll(async () => {
    await gateway.close();
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
    await config.remove();
  });

  it('answers 504 with APIM body and closes the backend connection', async () => {
    const response = await fetch(`${gateway.url}/slow/resource`);

    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      statusCode: 504,
      message: 'Gateway timeout: the backend did not answer within 1000 ms.',
    });
    expect(arrived).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toEqual(arrived);
  });
});
