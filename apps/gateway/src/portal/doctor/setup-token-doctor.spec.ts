/**
 * The doctor's routes on a bare Nest app (Express) over loopback, with a stub doctor: the limit on diagnoses per
 * caller (429 with Retry-After, APIM JSON), and the page's settings escaped when configuration values are hostile.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Script } from 'node:vm';
import { setupDeveloperPortal } from '../setup-developer-portal';
import { DOCTOR_PAGE_SCRIPT } from './doctor-page-script';
import { FixedWindowLimiter } from './fixed-window-limiter';
import type { PortalDoctor, PortalDoctorReport } from './portal-doctor';

@Module({})
class EmptyModule {}

const REPORT: PortalDoctorReport = {
  result: 'pass',
  judgedAt: '2026-01-01T00:00:00.000Z',
  checks: [],
  token: [],
  apis: [],
};

describe('FixedWindowLimiter', () => {
  it('allows perWindow calls per caller, then says how long to wait until the window opens again', () => {
    let now = 1_000;
    const limiter = new FixedWindowLimiter(2, 60_000, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(limiter.take('a')).toBe(50_000);
    now += 50_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('remembers a bounded number of callers', () => {
    const limiter = new FixedWindowLimiter(1, 60_000, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // drops a's window
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('c')).toBeGreaterThan(0);
  });
});

describe('token doctor routes (Express, over loopback)', () => {
  let app: NestExpressApplication;
  let base: string;
  const seen: string[] = [];
  const doctor: PortalDoctor = {
    diagnose: async (token) => {
      seen.push(token);
      return REPORT;
    },
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { bodyParser: false, logger: false });
    setupDeveloperPortal(app, {
      apis: [
        {
          id: 'echo-api',
          name: 'Echo <img src=x onerror=alert(1)>',
          path: 'echo',
          document: { openapi: '3.0.0', info: { title: 'Echo', version: '1' }, paths: {} },
          subscriptionKeyHeaderName: 'Ocp-Apim-Subscription-Key',
          subscriptionRequired: true,
          scope: 'api://x/.default"></option></select><script>alert(1)</script>',
        },
      ],
      tokenUrl: 'https://localhost:5443/tenant/oauth2/v2.0/token',
      clientId: `id" autofocus onfocus="alert(1)`,
      // Every caller is limited here (the test runs on loopback): two diagnoses a minute.
      doctor: { doctor, limit: { perWindow: 2, windowMs: 60_000, limitLocalCallers: true } },
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('escapes every configured value in the page, and the script settings cannot close their element', async () => {
    const html = await (await fetch(`${base}/docs/doctor`)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('" autofocus');
    expect(html).toContain('Echo &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('value="id&quot; autofocus onfocus=&quot;alert(1)"');
    const scripts = html.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(2); // the JSON settings and the page's own script
  });

  it('limits diagnoses per caller: 429 with Retry-After and APIM JSON once the window is used up', async () => {
    const post = () =>
      fetch(`${base}/docs/doctor/diagnose`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ token: 'a.b.c' }),
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { statusCode: number; message: string };
    expect(body).toEqual({ statusCode: 429, message: expect.stringContaining('npm run doctor') });
    expect(seen).toEqual(['a.b.c', 'a.b.c']);
  });

  it('is not mounted without a doctor, and the start panel does not link it', async () => {
    const bare = await NestFactory.create<NestExpressApplication>(EmptyModule, { bodyParser: false, logger: false });
    setupDeveloperPortal(bare, { apis: [], tokenUrl: 'https://localhost:5443/t/oauth2/v2.0/token' });
    await bare.listen(0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(bare.getHttpServer().address() as AddressInfo).port}`;
      expect((await fetch(`${url}/docs/doctor/diagnose`, { method: 'POST' })).status).toBe(404);
      expect(await (await fetch(`${url}/docs/start`)).text()).not.toContain('doctor');
    } finally {
      await bare.close();
    }
  });
});

describe('the page script', () => {
  it('is valid JavaScript (it is kept as text)', () => {
    expect(() => new Script(DOCTOR_PAGE_SCRIPT)).not.toThrow();
  });
});
