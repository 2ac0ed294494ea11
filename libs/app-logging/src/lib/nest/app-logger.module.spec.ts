/**
 * The Nest adapter in a real app on loopback, over real HTTP, on both adapters the stack uses (Express: echo-api;
 * Fastify: protected-api): request ids, lines logged during a request, the request line's level, Nest's own lines.
 */
import {
  Controller,
  Get,
  Injectable,
  InternalServerErrorException,
  Logger,
  Module,
  NotFoundException,
  RequestMethod,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { createAppLogger } from '../create-app-logger';
import { captureOutput } from '../testing/capture-output.fixture';
import { AppLoggerModule } from './app-logger.module';
import { FASTIFY_REQUEST_ID_OPTIONS } from './fastify-request-ids';
import { useAppLogger } from './use-app-logger';

@Injectable()
class Greeter {
  private readonly logger = new Logger(Greeter.name);
  greet(): string {
    this.logger.log('greeting someone');
    return 'hello';
  }
}

@Controller()
class TestController {
  constructor(private readonly greeter: Greeter) {}
  @Get('hello')
  hello(): string {
    return this.greeter.greet();
  }
  @Get('missing')
  missing(): never {
    throw new NotFoundException();
  }
  @Get('broken')
  broken(): never {
    throw new InternalServerErrorException('the database \u0085forged line is down');
  }
}

type Line = Record<string, unknown>;

async function startApp(kind: 'express' | 'fastify', prefix?: string) {
  const out = captureOutput();
  const logger = createAppLogger({ service: `test-${kind}`, level: 'debug', format: 'json', destination: out.stream });
  @Module({ imports: [AppLoggerModule.forRoot({ logger })], controllers: [TestController], providers: [Greeter] })
  class TestModule {}
  const app: INestApplication =
    kind === 'express'
      ? await NestFactory.create(TestModule, { bufferLogs: true })
      : await NestFactory.create(TestModule, new FastifyAdapter(FASTIFY_REQUEST_ID_OPTIONS), { bufferLogs: true });
  useAppLogger(app);
  // As echo-api: a global prefix with one route left out of it.
  if (prefix) app.setGlobalPrefix(prefix, { exclude: [{ path: 'missing', method: RequestMethod.GET }] });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), lines: () => out.json() as Line[] };
}

describe.each(['express', 'fastify'] as const)('AppLoggerModule on %s', (kind) => {
  let started: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    started = await startApp(kind);
  });
  afterAll(() => started?.app.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${started.url}${path}`, { headers });
  const linesFor = (requestId: string) => started.lines().filter((line) => line['requestId'] === requestId);

  it("routes Nest's own start-up lines through the app logger (debug, with the service)", () => {
    const startup = started.lines().filter((line) => line['context'] === 'NestApplication');
    expect(startup.length).toBeGreaterThan(0);
    expect(startup[0]).toMatchObject({ service: `test-${kind}`, level: 'debug' });
    expect(started.lines().filter((line) => line['level'] !== 'debug')).toEqual([]);
  });

  it('takes a sane X-Request-Id, echoes it, and puts it on every line of the request', async () => {
    const response = await get('/hello', { 'X-Request-Id': 'client-id_1.2:3' });
    expect(await response.text()).toBe('hello');
    expect(response.headers.get('x-request-id')).toBe('client-id_1.2:3');

    const lines = linesFor('client-id_1.2:3');
    expect(lines.map((line) => line['msg'])).toEqual(['greeting someone', 'request']);
    expect(lines[0]).toMatchObject({ level: 'info', context: 'Greeter', service: `test-${kind}` });
    expect(lines[1]).toMatchObject({ level: 'debug', req: { method: 'GET', path: '/hello' }, res: { status: 200 } });
    expect(typeof lines[1]['durationMs']).toBe('number');
  });

  it('generates an id when the caller sent none or an unsafe one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'X-Request-Id': `evil\tline${'x'.repeat(200)}` },
      { 'X-Request-Id': 'a b' },
    ]) {
      const response = await get('/hello', headers);
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(linesFor(id).map((line) => line['msg'])).toEqual(['greeting someone', 'request']);
    }
  });

  it('logs a 4xx request at info and a 5xx at error, path without the query', async () => {
    await get('/missing?subscription-key=dev-only-key', { 'X-Request-Id': `missing-${kind}` });
    await get('/broken', { 'X-Request-Id': `broken-${kind}` });
    const [missing] = linesFor(`missing-${kind}`);
    expect(missing).toMatchObject({ level: 'info', msg: 'request', req: { path: '/missing' }, res: { status: 404 } });
    expect(JSON.stringify(started.lines())).not.toContain('dev-only-key');
    const broken = linesFor(`broken-${kind}`);
    expect(broken.at(-1)).toMatchObject({ level: 'error', msg: 'request failed', res: { status: 500 } });
  });

  it('never logs request headers', async () => {
    await get('/hello', { Authorization: 'Bearer eyJ.not.logged', 'X-Request-Id': `headers-${kind}` });
    expect(JSON.stringify(started.lines())).not.toContain('eyJ.not.logged');
    expect(linesFor(`headers-${kind}`).at(-1)?.['req']).toEqual({ method: 'GET', path: '/hello' });
  });
});

describe('AppLoggerModule under a global prefix', () => {
  it('logs routes inside and outside the prefix, and Nest starts without a warning', async () => {
    const started = await startApp('express', 'api');
    try {
      await fetch(`${started.url}/api/hello`, { headers: { 'X-Request-Id': 'prefixed' } });
      await fetch(`${started.url}/missing`, { headers: { 'X-Request-Id': 'excluded' } });
      const lines = started.lines();
      expect(lines.filter((line) => line['level'] === 'warn')).toEqual([]);
      expect(lines.find((line) => line['requestId'] === 'prefixed' && line['msg'] === 'request')).toBeDefined();
      expect(lines.find((line) => line['requestId'] === 'excluded' && line['msg'] === 'request')).toBeDefined();
    } finally {
      await started.app.close();
    }
  });
});
