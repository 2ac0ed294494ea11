import { createServer, type Server } from 'node:net';
import { findPortHolder, listeningInodes, parseLsof, parseNetstat, parseTasklist } from './port-holder';

describe('the process holding a port', () => {
  it('/proc/net/tcp: the inode of the LISTEN row (state 0A) on the port, not of connections to it', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 41299 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:0BB9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41300 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 8080)).toEqual(['41234']);
    expect(listeningInodes(table, 3001)).toEqual(['41300']);
    expect(listeningInodes(table, 50000)).toEqual([]);
  });

  it('/proc/net/tcp6: the port after the last colon of the address', () => {
    const table = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 52001 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 8080)).toEqual(['52001']);
  });

  it('lsof -Fpc (macOS): pid and command', () => {
    expect(parseLsof('p4242\ncnode\nf23\n')).toEqual({ pid: 4242, command: 'node' });
    expect(parseLsof('')).toBeUndefined();
  });

  it('netstat -ano (Windows): the LISTENING row on the port, IPv4 or IPv6', () => {
    const output = [
      'Active Connections',
      '',
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044',
      '  TCP    127.0.0.1:18080        127.0.0.1:50000        ESTABLISHED     7001',
      '  TCP    127.0.0.1:8080         0.0.0.0:0              LISTENING       5120',
      '  TCP    [::]:5443              [::]:0                 LISTENING       6200',
    ].join('\r\n');
    expect(parseNetstat(output, 8080)).toBe(5120);
    expect(parseNetstat(output, 5443)).toBe(6200);
    expect(parseNetstat(output, 80)).toBeUndefined();
    expect(parseNetstat(output, 18080)).toBeUndefined();
  });

  it('tasklist /FO CSV /NH (Windows): the image name', () => {
    expect(parseTasklist('"node.exe","5120","Console","1","45,000 K"\r\n')).toBe('node.exe');
    expect(parseTasklist('INFO: No tasks are running which match the specified criteria.')).toBeUndefined();
  });

  it('a platform it cannot ask: no answer, no error', async () => {
    await expect(findPortHolder(8080, 'aix')).resolves.toBeUndefined();
  });

  (process.platform === 'linux' ? describe : describe.skip)('on Linux, from /proc', () => {
    let server: Server;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('names this process when it listens on the port', async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };

      const holder = await findPortHolder(port);

      expect(holder?.pid).toBe(process.pid);
      expect(holder?.command).toContain('node');
    });
  });
});
