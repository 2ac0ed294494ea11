import { createServer, type Server } from 'node:net';
import { freePort } from '@stack/testing';
import { describeTakenPorts, findTakenPorts, isPortTaken } from './ports';
import { services, type ServiceSpec } from './services';

const gateway = services.find((s) => s.name === 'gateway') as ServiceSpec;
const identity = services.find((s) => s.name === 'identity') as ServiceSpec;

describe('port checks', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('a port something listens on is taken; a free one is not', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };

    expect(await isPortTaken(port)).toBe(true);
    expect(await isPortTaken(await freePort())).toBe(false);
  });

  it('findTakenPorts reads each service port from its variable and asks who holds the taken ones', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const env = { GATEWAY_PORT: String(port), IDENTITY_PORT: String(await freePort()) };

    const taken = await findTakenPorts([identity, gateway], env, async () => ({ pid: 77, command: 'nginx' }));

    expect(taken).toEqual([{ service: gateway, port, holder: { pid: 77, command: 'nginx' } }]);
  });

  it('names the port, the service, the holder, how to stop it and the variable to change', () => {
    const text = describeTakenPorts(
      [{ service: gateway, port: 8080, holder: { pid: 4242, command: 'nginx: master' } }],
      undefined,
      'linux',
    );
    expect(text).toBe(
      'Cannot start the stack: a port is already in use.\n' +
        '  - port 8080 (gateway) is in use by process 4242 (nginx: master).\n' +
        '    Stop that process (kill 4242) or set GATEWAY_PORT to a free port.',
    );
  });

  it('on Windows, the stop command is taskkill; an unknown holder still gets the variable', () => {
    const text = describeTakenPorts(
      [
        { service: gateway, port: 8080, holder: { pid: 4242, command: 'node.exe' } },
        { service: identity, port: 5443 },
      ],
      undefined,
      'win32',
    );
    expect(text).toContain('ports are already in use');
    expect(text).toContain('(taskkill /PID 4242 /T /F) or set GATEWAY_PORT');
    expect(text).toContain('port 5443 (identity) is in use by another process');
    expect(text).toContain('set IDENTITY_PORT to a free port');
  });

  it("a killed launcher's children are named as its leftovers; another stack's services as ours", () => {
    const previous = { launcherPid: 100, since: '', services: [{ name: 'identity', pid: 101, url: '' }] };
    const leftover = describeTakenPorts(
      [{ service: identity, port: 5443, holder: { pid: 101, command: 'node dist/apps/identity/main.js' } }],
      previous,
      'linux',
    );
    expect(leftover).toContain(
      'the identity service left running by an earlier launcher (pid 100) that was killed before it could stop it',
    );
    const other = describeTakenPorts(
      [
        {
          service: gateway,
          port: 8080,
          holder: { pid: 5, command: 'C:\\repo\\dist\\apps\\gateway\\main.js' },
        },
      ],
      undefined,
      'win32',
    );
    expect(other).toContain('a service of this repository started by another launcher');
  });
});
