import { createAppLogger, JSON_ONLY_FIELD } from './create-app-logger';
import { captureOutput } from './testing/capture-output.fixture';

const ANSI = new RegExp(String.fromCharCode(0x1b) + '\\[');

describe('createAppLogger', () => {
  it('writes JSON lines with the service, an ISO time and the level as a label', () => {
    const out = captureOutput();
    const logger = createAppLogger({ service: 'echo-api', level: 'info', format: 'json', destination: out.stream });
    logger.info({ port: 3001 }, 'listening');
    logger.debug('not at info');

    const [line] = out.json();
    expect(out.json()).toHaveLength(1);
    expect(line).toMatchObject({ service: 'echo-api', level: 'info', msg: 'listening', port: 3001 });
    expect(line['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(line['time'] as string).toISOString()).toBe(line['time']);
  });

  it('chooses JSON for a pipe and pretty for a terminal when LOG_FORMAT is unset', () => {
    const piped = captureOutput();
    createAppLogger({ service: 'worker', level: 'info', destination: piped.stream, isTTY: false, env: {} }).info('hi');
    expect(JSON.parse(piped.text())).toMatchObject({ service: 'worker', msg: 'hi' });

    const terminal = captureOutput();
    createAppLogger({ service: 'worker', level: 'info', destination: terminal.stream, isTTY: true, env: {} }).info(
      'hi',
    );
    expect(terminal.text()).toMatch(/INFO.*\[worker\] hi/);
    expect(ANSI.test(terminal.text())).toBe(true);
  });

  it('follows LOG_FORMAT over the terminal test', () => {
    const json = captureOutput();
    const env = { LOG_FORMAT: 'json' };
    createAppLogger({ service: 'gateway', level: 'info', destination: json.stream, isTTY: true, env }).info('hi');
    expect(JSON.parse(json.text())).toMatchObject({ msg: 'hi' });

    const pretty = captureOutput();
    const prettyEnv = { LOG_FORMAT: 'pretty' };
    createAppLogger({
      service: 'gateway',
      level: 'info',
      destination: pretty.stream,
      isTTY: false,
      env: prettyEnv,
    }).info('hi');
    expect(pretty.text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[gateway\] hi\n$/);
  });

  it('writes no ANSI escape code in pretty output that is not going to a terminal', () => {
    const out = captureOutput();
    const logger = createAppLogger({
      service: 'identity',
      level: 'debug',
      format: 'pretty',
      isTTY: false,
      destination: out.stream,
    });
    logger.info({ requestId: 'abc' }, 'hello');
    logger.warn('careful');
    logger.error({ err: new Error('boom') }, 'failed');
    expect(out.text()).toContain('WARN: [identity] careful');
    expect(out.text()).toContain('requestId: "abc"');
    expect(ANSI.test(out.text())).toBe(false);
  });

  it('leaves the JSON-only field out of pretty output and keeps it in JSON', () => {
    const pretty = captureOutput();
    const json = captureOutput();
    for (const [format, out] of [
      ['pretty', pretty],
      ['json', json],
    ] as const) {
      const logger = createAppLogger({ service: 'identity', level: 'info', format, destination: out.stream });
      logger.info(
        { [JSON_ONLY_FIELD]: { authority: 'https://localhost:5443/t' } },
        'Authority https://localhost:5443/t',
      );
    }
    expect(pretty.text()).toMatch(/INFO: \[identity\] Authority https:\/\/localhost:5443\/t\n$/);
    expect(json.json()[0]).toMatchObject({ details: { authority: 'https://localhost:5443/t' } });
  });

  it('refuses a bad LOG_FORMAT, naming it', () => {
    expect(() => createAppLogger({ service: 'x', level: 'info', env: { LOG_FORMAT: 'xml' } })).toThrow(
      'LOG_FORMAT="xml": must be pretty or json',
    );
  });

  it('redacts authorization, cookie and subscription-key headers and credential fields, in both formats', () => {
    const headers = {
      authorization: 'Bearer eyJ.secret.token',
      cookie: 'session=s3cr3t',
      'set-cookie': 'session=s3cr3t',
      'ocp-apim-subscription-key': 'dev-only-key-123',
      accept: 'application/json',
    };
    for (const format of ['json', 'pretty'] as const) {
      const out = captureOutput();
      const logger = createAppLogger({
        service: 'gateway',
        level: 'info',
        format,
        destination: out.stream,
        redact: ['key'],
      });
      logger.info({ headers, req: { headers }, upstream: { headers } }, 'request');
      logger.info(
        { clientSecret: 'dev-only~s3cr3t', config: { client_secret: 'dev-only~s3cr3t' }, key: 'dev-only-key-123' },
        'config',
      );
      const text = out.text();
      for (const secret of ['eyJ.secret.token', 's3cr3t', 'dev-only-key-123']) expect(text).not.toContain(secret);
      expect(text).toContain('[redacted]');
      expect(text).toContain('application/json');
    }
  });

  it('escapes control characters in error messages and bounds their length', () => {
    const out = captureOutput();
    const logger = createAppLogger({ service: 'gateway', level: 'info', format: 'json', destination: out.stream });
    logger.error({ err: new Error(`bad header \u0085forged line ${'a'.repeat(5000)}`) }, 'failed');
    const [line] = out.lines();
    expect(line).toContain('\\\\u0085forged line');
    expect(line).not.toContain('\u0085');
    expect(line.length).toBeLessThan(8000);
  });
});
