import { startEchoApi, type RunningEchoApi } from './echo-app';

describe('Echo API mock', () => {
  let echo: RunningEchoApi;
  let api: string;

  beforeAll(async () => {
    echo = await startEchoApi({ port: 0, host: '127.0.0.1', maxDelayMs: 50 });
    api = `${echo.url}/api`;
  });
  afterAll(() => echo.close());

  it('answers the health probe', async () => {
    const response = await fetch(`${echo.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('echoes method, path, query and headers on GET /resource', async () => {
    const response = await fetch(`${api}/resource?param1=sample&param2=2&param2=3`, { headers: { 'x-trace': 'abc' } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      method: 'GET',
      path: '/api/resource',
      query: { param1: 'sample', param2: ['2', '3'] },
      headers: { 'x-trace': 'abc' },
      body: null,
    });
  });

  it('serves GET /resource-cached', async () => {
    const response = await fetch(`${api}/resource-cached`);
    expect(await response.json()).toMatchObject({
      method: 'GET',
      path: '/api/resource-cached',
    });
  });

  it.each(['POST', 'PUT', 'DELETE'])('echoes a JSON body on %s /resource', async (method) => {
    const sent = {
      vehicleType: 'train',
      maxSpeed: 125,
      avgSpeed: 90,
      speedUnit: 'mph',
    };
    const response = await fetch(`${api}/resource`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sent),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method, body: sent });
  });

  it('echoes non-JSON bodies as text, including malformed JSON', async () => {
    for (const [contentType, sent] of [
      ['application/xml', '<a>1</a>'],
      ['text/plain', 'hello'],
      ['application/json', '{"broken"'],
    ]) {
      const response = await fetch(`${api}/resource`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: sent,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { body: unknown }).body).toBe(sent);
    }
  });

  it('answers HEAD /resource with headers only', async () => {
    const response = await fetch(`${api}/resource`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers with the status asked for in x-echo-status', async () => {
    const response = await fetch(`${api}/resource`, {
      headers: { 'x-echo-status': '503' },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ method: 'GET' });
    const empty = await fetch(`${api}/resource`, {
      method: 'DELETE',
      headers: { 'x-echo-status': '204' },
    });
    expect(empty.status).toBe(204);
  });

  it('waits when asked with x-echo-delay-ms (capped), then answers', async () => {
    const response = await fetch(`${api}/resource`, {
      headers: { 'x-echo-delay-ms': '999999' },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['x-echo-status', '42'],
    ['x-echo-status', '700'],
    ['x-echo-status', 'abc'],
    ['x-echo-delay-ms', '-5'],
    ['x-echo-delay-ms', '1.5'],
  ])('refuses a bad test control %s: %s with 400', async (header, value) => {
    const response = await fetch(`${api}/resource`, {
      headers: { [header]: value },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(header);
  });

  it('answers 404 for an operation the Echo API does not define', async () => {
    expect((await fetch(`${api}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api}/resource`, { method: 'PATCH' })).status).toBe(404);
  });
});
