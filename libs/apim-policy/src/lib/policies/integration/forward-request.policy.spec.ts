import { PolicyTestHost } from '../../testing/policy-test-host';
import type { ForwardedRequest, TestBackendAnswer } from '../../testing/test-exchange';

const withBackend = (backend: string, extra = '') =>
  `<policies><inbound /><backend>${backend}</backend><outbound>${extra}</outbound>
   <on-error><set-header name="X-Error" exists-action="override"><value>@(context.LastError.Source + "/" + context.LastError.Reason)</value></set-header></on-error></policies>`;

describe('forward-request', () => {
  it('forwards once, where it stands in the backend section', async () => {
    const calls: ForwardedRequest[] = [];
    const host = new PolicyTestHost({
      policies: { api: withBackend('<forward-request timeout="20" />') },
      backend: (request) => {
        calls.push(request);
        return { status: 201, body: 'made' };
      },
    });
    const result = await host.send({ method: 'POST', path: '/things', body: 'x' });
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({ status: 201, text: 'made' });
  });

  it('fails with LastError Timeout (504) when the backend is slower than timeout-ms', async () => {
    let release: (() => void) | undefined;
    const host = new PolicyTestHost({
      policies: { api: withBackend('<forward-request timeout-ms="30" />') },
      backend: () =>
        new Promise<TestBackendAnswer>((resolve) => {
          release = () => resolve({ status: 200, body: 'late' });
        }),
    });
    const result = await host.send({ path: '/' });
    release?.();
    expect(result.status).toBe(504);
    expect(result.headers['x-error']).toBe('forward-request/Timeout');
  });

  it('runs on-error for a 4xx/5xx answer with fail-on-error-status-code="true", and not without it', async () => {
    const backend = () => ({ status: 503, body: 'down' });
    const failing = new PolicyTestHost({
      policies: { api: withBackend('<forward-request fail-on-error-status-code="true" />') },
      backend,
    });
    const failed = await failing.send({ path: '/' });
    expect(failed.status).toBe(503);
    expect(failed.headers['x-error']).toBe('forward-request/BackendErrorStatusCode');
    const passing = new PolicyTestHost({ policies: { api: withBackend('<forward-request />') }, backend });
    const passed = await passing.send({ path: '/' });
    expect(passed).toMatchObject({ status: 503, text: 'down' });
    expect(passed.headers['x-error']).toBeUndefined();
  });

  it('follows a redirect with follow-redirects="true" and returns it otherwise', async () => {
    const backend = (request: ForwardedRequest): TestBackendAnswer =>
      request.url.endsWith('/old')
        ? { status: 302, headers: { Location: 'https://backend.test/new' } }
        : { status: 200, body: `at ${new URL(request.url).pathname}` };
    const following = new PolicyTestHost({
      policies: { api: withBackend('<forward-request follow-redirects="true" />') },
      backend,
    });
    expect(await following.send({ path: '/old' })).toMatchObject({ status: 200, text: 'at /new' });
    const plain = new PolicyTestHost({ policies: { api: withBackend('<forward-request />') }, backend });
    const returned = await plain.send({ path: '/old' });
    expect(returned.status).toBe(302);
    expect(returned.headers['location']).toBe('https://backend.test/new');
  });

  it('refuses what it cannot honour at load time', () => {
    const load =
      (statement: string, section: 'backend' | 'inbound' = 'backend') =>
      () =>
        new PolicyTestHost({
          policies: {
            api:
              section === 'backend'
                ? withBackend(statement)
                : `<policies><inbound>${statement}</inbound><backend /><outbound /><on-error /></policies>`,
          },
        });
    expect(load('<forward-request timeout="5" timeout-ms="500" />')).toThrow(/not both/);
    expect(load('<forward-request http-version="2" />')).toThrow(/HTTP\/1\.1/);
    expect(load('<forward-request />', 'inbound')).toThrow(/not allowed in <inbound>/);
    expect(load('<forward-request timeout="soon" />')).toThrow(/whole number/);
  });
});

describe('retry', () => {
  it('forwards again while the condition holds, sending the buffered body each time', async () => {
    const bodies: string[] = [];
    const host = new PolicyTestHost({
      policies: {
        api: withBackend(`
          <retry condition="@(context.Response.StatusCode == 503)" count="3" interval="0">
            <forward-request buffer-request-body="true" />
          </retry>`),
      },
      backend: (request) => {
        bodies.push(request.body);
        return bodies.length < 3 ? { status: 503 } : { status: 200, body: 'third time' };
      },
    });
    const result = await host.send({ method: 'POST', path: '/', body: 'again' });
    expect(bodies).toEqual(['again', 'again', 'again']);
    expect(result).toMatchObject({ status: 200, text: 'third time' });
  });

  it('stops after count retries (count + 1 runs in all)', async () => {
    let calls = 0;
    const host = new PolicyTestHost({
      policies: {
        api: withBackend(`
          <retry condition="@(context.Response.StatusCode >= 500)" count="2" interval="0" first-fast-retry="true">
            <forward-request />
          </retry>`),
      },
      backend: () => {
        calls += 1;
        return { status: 500 };
      },
    });
    expect((await host.send({ path: '/' })).status).toBe(500);
    expect(calls).toBe(3);
  });

  it('runs once when the condition is false after the first run', async () => {
    let calls = 0;
    const host = new PolicyTestHost({
      policies: {
        api: withBackend(`<retry condition="false" count="5" interval="1"><forward-request /></retry>`),
      },
      backend: () => {
        calls += 1;
        return { status: 500 };
      },
    });
    await host.send({ path: '/' });
    expect(calls).toBe(1);
  });

  it('refuses count outside 1-50 and a missing interval', () => {
    const load = (attributes: string) => () =>
      new PolicyTestHost({ policies: { api: withBackend(`<retry ${attributes}><forward-request /></retry>`) } });
    expect(load('condition="true" count="51" interval="1"')).toThrow(/1 to 50/);
    expect(load('condition="true" count="2"')).toThrow(/interval/);
  });
});
