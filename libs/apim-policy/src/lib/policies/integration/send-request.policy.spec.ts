import type { ResponseState } from '../../context/gateway-context';
import { HeaderBag } from '../../context/header-bag';
import { PolicyTestHost } from '../../testing/policy-test-host';
import { PolicyHttpError, type PolicyHttpClient, type PolicyHttpRequest } from '../services/policy-http-client';

/** An HTTP client that records what it was asked and answers with `answer`. */
function fakeHttp(
  answer: (request: PolicyHttpRequest) => Promise<{ status: number; body: string; headers?: Record<string, string> }>,
) {
  const sent: Array<PolicyHttpRequest & { text: string }> = [];
  const http: PolicyHttpClient = {
    async send(request) {
      sent.push({ ...request, text: request.body === undefined ? '' : request.body.toString() });
      const reply = await answer(request);
      return { statusCode: reply.status, headers: HeaderBag.from(reply.headers ?? {}), body: Buffer.from(reply.body) };
    },
  };
  return { http, sent };
}

const inbound = (statements: string) =>
  `<policies><inbound>${statements}</inbound><backend /><outbound /><on-error /></policies>`;

describe('send-request', () => {
  it('stores the answer with the shape of context.Response (status, headers, body bytes)', async () => {
    const { http, sent } = fakeHttp(async () => ({
      status: 201,
      body: '{"active":true,"sub":"ada"}',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 't-1' },
    }));
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-request mode="new" response-variable-name="introspection" timeout="5">
            <set-url>https://tokens.test/introspect</set-url>
            <set-method>POST</set-method>
            <set-header name="Content-Type" exists-action="override"><value>application/x-www-form-urlencoded</value></set-header>
            <set-body>@("token=" + context.Request.Headers.GetValueOrDefault("X-Token", ""))</set-body>
          </send-request>
          <set-header name="X-Has-Answer" exists-action="override">
            <value>@(context.Variables.ContainsKey("introspection").ToString())</value>
          </set-header>`),
      },
    });
    const result = await host.send({ path: '/orders', headers: { 'X-Token': 'abc' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://tokens.test/introspect',
      text: 'token=abc',
      timeoutMs: 5000,
    });
    expect(sent[0].headers.joined('content-type')).toBe('application/x-www-form-urlencoded');
    const stored = result.variables['introspection'] as ResponseState;
    expect(stored.statusCode).toBe(201);
    expect(stored.headers).toBeInstanceOf(HeaderBag);
    expect(stored.headers.joined('x-trace')).toBe('t-1');
    expect(Buffer.isBuffer(stored.body) && JSON.parse(stored.body.toString())).toEqual({ active: true, sub: 'ada' });
    expect(result.forwarded?.headers['x-has-answer']).toBe('True');
  });

  it('is read by expressions through an IResponse cast, as in APIM', async () => {
    const { http } = fakeHttp(async () => ({
      status: 200,
      body: '{"active":false,"sub":"bob"}',
      headers: { 'Content-Type': 'application/json', 'X-Trace': 't-2' },
    }));
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-request response-variable-name="check" ignore-error="true">
            <set-url>https://tokens.test/check</set-url>
            <set-method>GET</set-method>
          </send-request>
          <set-header name="X-Status" exists-action="override">
            <value>@(((IResponse)context.Variables["check"]).StatusCode.ToString())</value>
          </set-header>
          <set-header name="X-Trace-Back" exists-action="override">
            <value>@(((IResponse)context.Variables["check"]).Headers.GetValueOrDefault("X-Trace", ""))</value>
          </set-header>
          <choose>
            <when condition="@((bool)((IResponse)context.Variables[&quot;check&quot;]).Body.As&lt;JObject&gt;()[&quot;active&quot;] == false)">
              <return-response><set-status code="401" reason="Unauthorized" /></return-response>
            </when>
          </choose>`),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(401);
    expect(result.forwarded).toBeUndefined();
    const passing = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-request response-variable-name="check"><set-url>https://tokens.test/check</set-url><set-method>GET</set-method></send-request>
          <set-header name="X-Status" exists-action="override">
            <value>@(((IResponse)context.Variables["check"]).StatusCode.ToString())</value>
          </set-header>
          <set-header name="X-Subject" exists-action="override">
            <value>@((string)((IResponse)context.Variables["check"]).Body.As&lt;JObject&gt;()["sub"])</value>
          </set-header>
          <set-header name="X-Trace-Back" exists-action="override">
            <value>@(((IResponse)context.Variables["check"]).Headers.GetValueOrDefault("X-Trace", ""))</value>
          </set-header>`),
      },
    });
    const forwarded = (await passing.send({ path: '/' })).forwarded;
    expect(forwarded?.headers).toMatchObject({ 'x-status': '200', 'x-subject': 'bob', 'x-trace-back': 't-2' });
  });

  it('hands the stored answer to return-response response-variable-name', async () => {
    const { http } = fakeHttp(async () => ({ status: 418, body: 'teapot', headers: { 'X-From': 'side' } }));
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-request response-variable-name="side"><set-url>https://side.test/</set-url><set-method>GET</set-method></send-request>
          <return-response response-variable-name="side" />`),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result).toMatchObject({ status: 418, text: 'teapot', forwarded: undefined });
    expect(result.headers['x-from']).toBe('side');
  });

  it('copies the current request in mode="copy" and still forwards the same body', async () => {
    const { http, sent } = fakeHttp(async () => ({ status: 200, body: '' }));
    const host = new PolicyTestHost({
      services: { http },
      api: { serviceUrl: 'https://orders.test/v1' },
      policies: {
        api: inbound(`
          <send-request mode="copy" response-variable-name="audit">
            <set-url>https://audit.test/copy</set-url>
            <set-header name="X-Audit" exists-action="override"><value>yes</value></set-header>
          </send-request>`),
      },
    });
    const result = await host.send({
      method: 'PUT',
      path: '/orders/7',
      headers: { 'X-Client': 'c1' },
      body: 'payload',
    });
    expect(sent[0]).toMatchObject({ method: 'PUT', url: 'https://audit.test/copy', text: 'payload' });
    expect(sent[0].headers.joined('x-client')).toBe('c1');
    expect(sent[0].headers.joined('x-audit')).toBe('yes');
    expect(result.forwarded).toMatchObject({ url: 'https://orders.test/v1/orders/7', body: 'payload' });
  });

  it('fails the request with LastError Timeout when the answer is late, and on-error sees it', async () => {
    const { http } = fakeHttp(() => new Promise(() => undefined));
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: `<policies><inbound>
            <send-request response-variable-name="slow" timeout="1">
              <set-url>https://slow.test/</set-url><set-method>GET</set-method>
            </send-request>
          </inbound><backend /><outbound />
          <on-error>
            <set-header name="X-Reason" exists-action="override"><value>@(context.LastError.Source + "/" + context.LastError.Reason)</value></set-header>
          </on-error></policies>`,
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(500);
    expect(result.headers['x-reason']).toBe('send-request/Timeout');
    expect(result.forwarded).toBeUndefined();
  });

  it('reports a connection failure as BackendConnectionFailure', async () => {
    const { http } = fakeHttp(async () => {
      throw new PolicyHttpError('BackendConnectionFailure', 'connect ECONNREFUSED');
    });
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(
          `<send-request response-variable-name="r"><set-url>https://down.test/</set-url><set-method>GET</set-method></send-request>`,
        ),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(500);
    expect(result.lastError).toMatchObject({
      source: 'send-request',
      reason: 'BackendConnectionFailure',
      section: 'inbound',
    });
    expect(result.json<{ message: string }>().message).toContain('https://down.test');
  });

  it('stores null and carries on when ignore-error="true"', async () => {
    const { http } = fakeHttp(async () => {
      throw new Error('socket hang up');
    });
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-request response-variable-name="r" ignore-error="true"><set-url>https://down.test/</set-url><set-method>GET</set-method></send-request>
          <set-header name="X-Missing" exists-action="override"><value>@((context.Variables["r"] == null).ToString())</value></set-header>`),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(result.variables['r']).toBeNull();
    expect(result.forwarded?.headers['x-missing']).toBe('True');
  });

  it('refuses to load without an HTTP client, without set-url in mode="new", or with a proxy', () => {
    const policy = (body: string) => inbound(`<send-request response-variable-name="r">${body}</send-request>`);
    expect(
      () =>
        new PolicyTestHost({
          policies: { api: policy('<set-url>https://x.test</set-url><set-method>GET</set-method>') },
        }),
    ).toThrow(/services\.http/);
    const { http } = fakeHttp(async () => ({ status: 200, body: '' }));
    expect(
      () => new PolicyTestHost({ services: { http }, policies: { api: policy('<set-method>GET</set-method>') } }),
    ).toThrow(/<set-url>/);
    expect(
      () =>
        new PolicyTestHost({
          services: { http },
          policies: {
            api: policy('<set-url>https://x.test</set-url><set-method>GET</set-method><proxy url="http://p" />'),
          },
        }),
    ).toThrow(/proxies are not supported/);
    expect(
      () =>
        new PolicyTestHost({
          services: { http },
          policies: {
            api: inbound('<send-request><set-url>https://x.test</set-url><set-method>GET</set-method></send-request>'),
          },
        }),
    ).toThrow(/response-variable-name/);
  });
});

describe('send-one-way-request', () => {
  it('sends the request and answers without waiting; a failure does not fail the request', async () => {
    const { http, sent } = fakeHttp(async () => {
      throw new Error('nobody listens');
    });
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(`
          <send-one-way-request mode="new">
            <set-url>https://hooks.test/notify</set-url>
            <set-method>POST</set-method>
            <set-body>@("called " + context.Request.Method)</set-body>
          </send-one-way-request>`),
      },
    });
    const result = await host.send({ method: 'DELETE', path: '/x' });
    expect(result.status).toBe(200);
    expect(result.forwarded?.method).toBe('DELETE');
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://hooks.test/notify', text: 'called DELETE' });
  });

  it('does not wait for a slow answer', async () => {
    const { http, sent } = fakeHttp(() => new Promise(() => undefined));
    const host = new PolicyTestHost({
      services: { http },
      policies: {
        api: inbound(
          `<send-one-way-request><set-url>https://hooks.test/</set-url><set-method>GET</set-method></send-one-way-request>`,
        ),
      },
    });
    const result = await host.send({ path: '/' });
    expect(result.status).toBe(200);
    expect(sent).toHaveLength(1);
  });
});
