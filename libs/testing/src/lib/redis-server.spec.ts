import { connect } from 'node:net';
import { isRedisServerInstalled, REDIS_INSTALL_HINT, startRedisServer, type RedisServer } from './redis-server';

// Without redis-server: CI must fail (startRedisServer throws the install hint); a developer machine skips, loudly.
const skip = !isRedisServerInstalled() && process.env['CI'] !== 'true';
if (skip) console.warn(`SKIPPED redis-server tests: ${REDIS_INSTALL_HINT}`);
const describeRedis = skip ? describe.skip : describe;

function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`${line}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

describeRedis('startRedisServer', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs its own server on a free loopback port, not 6379', async () => {
    expect(redis.port).not.toBe(6379);
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await command(redis.port, 'PING')).toBe('+PONG\r\n');
  });

  it('kill() makes the port refuse connections; restart() brings back an empty server on the same port', async () => {
    expect(await command(redis.port, 'SET greeting hello')).toBe('+OK\r\n');
    await redis.kill();
    await expect(command(redis.port, 'PING')).rejects.toThrow(/ECONNREFUSED/);
    await redis.restart();
    expect(await command(redis.port, 'GET greeting')).toBe('$-1\r\n');
  });
});
