import { loadEchoEnv } from './echo-env';

describe('loadEchoEnv', () => {
  it('defaults to 127.0.0.1:3001', () => {
    expect(loadEchoEnv({})).toEqual({
      port: 3001,
      host: '127.0.0.1',
      maxDelayMs: 30_000,
    });
  });

  it('reads the variables', () => {
    expect(
      loadEchoEnv({
        ECHO_API_PORT: '0',
        ECHO_API_HOST: '0.0.0.0',
        ECHO_API_MAX_DELAY_MS: '10',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      maxDelayMs: 10,
    });
  });

  it('names the bad variable', () => {
    expect(() => loadEchoEnv({ ECHO_API_PORT: 'http' })).toThrow(/ECHO_API_PORT must be a port number/);
    expect(() => loadEchoEnv({ ECHO_API_PORT: '70000' })).toThrow(/ECHO_API_PORT must be 0-65535/);
  });
});
