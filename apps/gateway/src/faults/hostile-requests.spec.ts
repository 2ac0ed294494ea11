import { defaultRegistrations } from '@stack/testing';
import fc from 'fast-check';
import { STATUS_PATH } from '../app/reserved-paths';
import { writeExampleGatewayConfig, type WrittenGatewayConfig } from '../testing/example-gateway-config';
import { startGatewayTestKit, type GatewayTestKit } from '../testing/gateway-test-kit';
import { sendRawHttp, type RawAnswer } from '../testing/raw-http';

/**
 * The gateway's own request handling under hostile requests, sent as raw bytes so nothing is off limits (CR, LF
 * and NUL in headers, obs-text, odd request targets and methods, repeated and huge headers): every answer is
 * APIM's (or Node's own 400/431 for requests its parser refuses), never a 5xx, and the gateway keeps answering.
 * Token parsing itself is claim-policy's (its own fuzzing); here tokens are one header value among others.
 */
jest.setTimeout(120_000);

const { apiClient } = defaultRegistrations.clients;
const KEYS = ['dev-only-worker-primary-key', 'dev-only-starter-primary-key', 'dev-only-all-access-primary-key'];
/** Operations of the default configuration: most requests go there, so they run the whole pipeline. */
const OPERATIONS: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/echo/resource'],
  ['POST', '/echo/resource'],
  ['PUT', '/echo/resource'],
  ['DELETE', '/echo/resource'],
  ['HEAD', '/echo/resource'],
  ['GET', '/echo/resource-cached'],
  ['GET', '/echo/status'],
  ['GET', '/protected/resource'],
  ['POST', '/protected/resource'],
  ['GET', '/protected/me'],
];
const ODD_PATHS = [
  '/echo',
  '/echo/',
  '//echo/resource',
  '/echo/%E0%A4%A',
  '/echo/%00',
  '/echo/../protected/resource',
  '/ECHO/resource',
  '/echo/resource/',
  '*',
  'http://evil.example/echo/resource',
  '/docs/../echo/resource',
  `${STATUS_PATH}/../echo/resource`,
  '/',
];
const KIB = 1024;

interface HostileRequest {
  readonly method: string;
  readonly target: Buffer;
  readonly headers: ReadonlyArray<readonly [string, Buffer]>;
  readonly body: Buffer;
}

/** Text Node's parser passes on (no C0 controls but tab, no DEL), as UTF-8 or as Latin-1 (obs-text) bytes. */
const headerText = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'binary', maxLength }).map((text) => Buffer.from(text, 'utf8')),
      fc.string({ unit: 'binary', maxLength }).map((text) => Buffer.from(text, 'latin1')),
    )
    .map((bytes) => Buffer.from(bytes.map((byte) => ((byte < 0x20 && byte !== 0x09) || byte === 0x7f ? 0x3f : byte))));

/** Any bytes at all (CR, LF, NUL included): Node refuses them or splits them into other headers. */
const anyBytes = (maxLength: number) =>
  fc.oneof(
    headerText(maxLength),
    fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes)),
  );

const VALID_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND'];
const ODD_METHODS = ['get', 'FOO', 'M-SEARCH', 'G\x00ET', ''];

/**
 * Requests that reach the gateway's code (Node's parser takes them: valid methods, encoded targets, header
 * values without controls) when `reachesGateway`; otherwise anything, framing included.
 */
function hostileRequests(token: string, reachesGateway: boolean) {
  const bytes = (text: string) => Buffer.from(text, 'latin1');
  const value = reachesGateway ? headerText : anyBytes;
  const authorization = fc.oneof(
    fc
      .constantFrom(
        `Bearer ${token}`,
        'Bearer ',
        'Bearer',
        `bearer ${token}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${token.replace(/\./g, '\u00a0')}`,
        `Bearer ${token}, Bearer ${token}`,
        ...(reachesGateway
          ? []
          : [
              `Bearer ${token}\r\nX-Injected: yes`,
              `Bearer ${token}\0`,
              `Bearer ${token}\n`,
              `Bearer ${'a'.repeat(17 * KIB)}`,
            ]),
      )
      .map(bytes),
    value(300).map((text) => Buffer.concat([bytes('Bearer '), text])),
    value(300),
  );
  const subscriptionKey = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(KEYS[0], KEYS[2]).map(bytes) },
    fc.constantFrom(...KEYS, '', ' ', KEYS[0].toUpperCase(), `${KEYS[0]} `, 'k'.repeat(8 * KIB)).map(bytes),
    value(200),
    fc.string({ unit: 'binary', minLength: 1000, maxLength: 3000 }).map((text) => Buffer.from(text, 'utf8')),
  );
  const headerName = fc.oneof(
    fc.constantFrom(
      'Authorization',
      'authorization',
      'Ocp-Apim-Subscription-Key',
      'ocp-apim-subscription-key',
      'X-Forwarded-For',
      'X-Forwarded-Host',
      'X-Forwarded-Proto',
      'Content-Type',
      'Cookie',
      'X-Request-Id',
      'Accept',
      'Accept-Encoding',
      'Te',
      'Forwarded',
      'Via',
      'Keep-Alive',
      'Proxy-Authorization',
      ...(reachesGateway ? [] : ['Host', 'Expect', 'Transfer-Encoding', 'Connection', 'Upgrade', 'Content-Length']),
    ),
    fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/),
  );
  const queryPair = fc.tuple(
    fc.constantFrom('subscription-key', 'Subscription-Key', 'access_token', 'x', ''),
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('q'.repeat(4 * KIB))),
    reachesGateway ? fc.constant(true) : fc.boolean(),
  );
  const methods = fc.constantFrom(...VALID_METHODS, ...(reachesGateway ? [] : ODD_METHODS));
  const route = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...OPERATIONS) },
    fc.tuple(methods, fc.constantFrom(...ODD_PATHS.map((path) => path))),
  );
  const target = (path: string) =>
    fc
      .tuple(
        fc.constant(path),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant('') },
          fc.string({ unit: 'binary', maxLength: 40 }).map(reachesGateway ? encodeSegment : (text: string) => text),
        ),
        fc.array(queryPair, { maxLength: 4 }),
      )
      .map(([path, suffix, query]) => {
        const search = query.map(([name, text, encode]) => `${name}=${encode ? encodeQuery(text) : text}`).join('&');
        return Buffer.from(`${path}${suffix}${search ? `?${search}` : ''}`, 'utf8');
      });
  const request = fc.record({
    headers: fc
      .tuple(
        fc.oneof(
          { weight: 3, arbitrary: authorization.map((one) => [one]) },
          fc.array(authorization, { maxLength: 2 }),
        ),
        fc.oneof(
          { weight: 3, arbitrary: subscriptionKey.map((one) => [one]) },
          fc.array(subscriptionKey, { maxLength: 3 }),
        ),
        fc.array(fc.tuple(headerName, value(100)), { maxLength: 5 }),
      )
      .map(([auth, keys, others]) => [
        ...auth.map((text) => ['Authorization', text] as const),
        ...keys.map((text) => ['Ocp-Apim-Subscription-Key', text] as const),
        ...others,
      ]),
    body: fc.uint8Array({ maxLength: 64 }).map((body) => Buffer.from(body)),
  });
  return fc
    .tuple(
      route.chain(([method, path]) => fc.tuple(fc.constant(method), target(path))),
      request,
    )
    .map(([[method, path], rest]): HostileRequest => ({ method, target: path, ...rest }));
}

function encodeSegment(value: string): string {
  try {
    return encodeURI(value);
  } catch {
    return value;
  }
}

function encodeQuery(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value; // lone surrogates: sent as they are
  }
}

/** The request as bytes; Content-Length is right, so the framing stays Node's business only when a header breaks it. */
function toBytes(request: HostileRequest, host: string): Buffer {
  const line = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
  return Buffer.concat([
    Buffer.concat([Buffer.from(`${request.method} `, 'latin1'), request.target, Buffer.from(' HTTP/1.1\r\n')]),
    line(`Host: ${host}`),
    ...request.headers.map(([name, value]) => Buffer.concat([Buffer.from(`${name}: `, 'latin1'), value, line('')])),
    line('Connection: close'),
    line(`Content-Length: ${request.body.length}`),
    line(''),
    request.body,
  ]);
}

/** Node's own refusals carry no body of ours; everything else must be APIM's JSON or a backend/return-response answer. */
function expectNoServerError(answer: RawAnswer): void {
  expect(answer.statuses.filter((status) => status >= 500)).toEqual([]);
  if (answer.status === 0) return; // Node closed a connection it could not parse (e.g. an upgrade nobody takes)
  expect(answer.status).toBeGreaterThanOrEqual(100);
  const json = /application\/json/.test(answer.headers['content-type'] ?? '');
  if (answer.status >= 400 && json && answer.body !== '') {
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: answer.status, message: expect.any(String) });
  }
}

describe('gateway request handling under hostile requests', () => {
  let kit: GatewayTestKit;
  let token: string;
  let host: string;

  beforeAll(async () => {
    kit = await startGatewayTestKit();
    token = await kit.tokenFor(apiClient);
    host = new URL(kit.gateway.url).host;
  });
  afterAll(() => kit?.close());

  const send = (request: HostileRequest) => sendRawHttp(kit.gateway.url, toBytes(request, host));
  const get = (target: string, headers: ReadonlyArray<readonly [string, string]>) =>
    send({
      method: 'GET',
      target: Buffer.from(target, 'latin1'),
      headers: headers.map(([name, value]) => [name, Buffer.from(value, 'latin1')] as const),
      body: Buffer.alloc(0),
    });

  it('answers control characters in Authorization with 400 (Node) or the policy failure, never a 5xx', async () => {
    for (const value of [`Bearer ${token}\0`, `Bearer \x01${token}`, `Bearer ${token}\x7f`, 'Bearer \u0085']) {
      const answer = await get('/echo/resource', [
        ['Ocp-Apim-Subscription-Key', KEYS[0]],
        ['Authorization', value],
      ]);
      expectNoServerError(answer);
      expect([400, 401]).toContain(answer.status);
    }
  });

  it('answers a 17 KiB header with 431 from Node', async () => {
    const answer = await get('/echo/resource', [['Authorization', `Bearer ${'a'.repeat(17 * KIB)}`]]);
    expect(answer.status).toBe(431);
  });

  it('answers a repeated subscription-key header, and header plus query, with APIM bodies', async () => {
    const twice = await get('/echo/resource', [
      ['Ocp-Apim-Subscription-Key', 'not-a-key'],
      ['Ocp-Apim-Subscription-Key', KEYS[0]],
      ['Authorization', `Bearer ${token}`],
    ]);
    expectNoServerError(twice);
    const both = await get(`/echo/resource?subscription-key=${'%F0%9F%92%A5'.repeat(500)}`, [
      ['Ocp-Apim-Subscription-Key', KEYS[0]],
      ['Authorization', `Bearer ${token}`],
    ]);
    expectNoServerError(both);
    expect(both.status).toBe(200);
  });

  it('never answers 5xx to arbitrary methods, targets, Authorization and subscription keys', async () => {
    const requests = fc.oneof(
      { weight: 4, arbitrary: hostileRequests(token, true) },
      { weight: 1, arbitrary: hostileRequests(token, false) },
    );
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        expectNoServerError(await send(request));
      }),
      { numRuns: 200 },
    );
  });

  it('still answers its status probe and logged no unexpected error', async () => {
    expect((await fetch(`${kit.gateway.url}${STATUS_PATH}`)).status).toBe(200);
    const errors = kit.logs.filter((line) =>
      ['error', 'fatal'].includes((JSON.parse(line) as { level: string }).level),
    );
    expect(errors).toEqual([]);
  });
});

/**
 * Policy expressions that read request data (headers, query, URL, a token parsed with AsJwt) and write it into
 * request and response headers, variables and rate-limit keys: hostile values must not turn into a 5xx.
 */
const HEADER = (name: string) => `context.Request.Headers.GetValueOrDefault("${name}", "")`;
const EXPRESSIONS_POLICY = `<policies>
    <inbound>
        <set-variable name="auth" value="@(${HEADER('Authorization')})" />
        <set-variable name="caller" value="@(${HEADER('Authorization')}.Replace(&quot;Bearer &quot;, &quot;&quot;).AsJwt()?.Claims.GetValueOrDefault(&quot;azp&quot;, &quot;none&quot;))" />
        <set-header name="X-Key-Length" exists-action="override"><value>@(${HEADER('Ocp-Apim-Subscription-Key')}.Length.ToString())</value></set-header>
        <set-header name="X-Query-Key" exists-action="override"><value>@(context.Request.OriginalUrl.Query.GetValueOrDefault("subscription-key", "none"))</value></set-header>
        <set-header name="X-Original-Url" exists-action="override"><value>@(context.Request.OriginalUrl.ToString())</value></set-header>
        <set-header name="X-Caller" exists-action="override"><value>@((string)context.Variables["caller"])</value></set-header>
        <set-header name="X-Forwarded-Auth" exists-action="append"><value>@((string)context.Variables["auth"])</value></set-header>
        <choose>
            <when condition="@(${HEADER('X-Tier')}.StartsWith(&quot;gold&quot;))">
                <set-header name="X-Gold" exists-action="override"><value>@(${HEADER('X-Tier')})</value></set-header>
            </when>
        </choose>
        <rewrite-uri template="@(&quot;/resource/&quot; + ${HEADER('X-Tier')} + &quot;?tier={tier}&quot;)" />
        <rate-limit-by-key calls="100000" renewal-period="60" counter-key="@(${HEADER('Ocp-Apim-Subscription-Key')} + context.Request.IpAddress)" />
    </inbound>
    <outbound>
        <set-header name="X-Echo-Auth" exists-action="override"><value>@((string)context.Variables["auth"])</value></set-header>
        <set-header name="X-Echo-Caller" exists-action="override"><value>@((string)context.Variables["caller"])</value></set-header>
        <set-header name="X-Echo-Tier" exists-action="override"><value>@(${HEADER('X-Tier')})</value></set-header>
        <set-status code="200" reason="@((string)context.Variables[&quot;caller&quot;])" />
    </outbound>
</policies>`;

describe('gateway policy expressions over hostile request data', () => {
  let config: WrittenGatewayConfig;
  let kit: GatewayTestKit;
  let host: string;

  beforeAll(async () => {
    config = await writeExampleGatewayConfig({
      apis: [{ id: 'expr', subscriptionRequired: true, policy: EXPRESSIONS_POLICY }],
      subscriptions: [{ id: 'all', scope: 'all', key: 'expressions-key' }],
    });
    kit = await startGatewayTestKit({ configDir: config.dir });
    host = new URL(kit.gateway.url).host;
  });
  afterAll(async () => {
    await kit?.close();
    await config?.remove();
  });

  const claimText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('line\nbreak', 'nul\0', 'cr\rlf\n', '\u2028', 'tab\t', 'ünïcødé', '💥', '\u0085'),
  );
  /** An unsigned token (AsJwt does not verify) whose azp is any text. */
  const tokenWith = (azp: string) =>
    [{ alg: 'none' }, { azp, sub: azp }]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.') + '.';

  const callWithCaller = (azp: string) =>
    sendRawHttp(
      kit.gateway.url,
      toBytes(
        {
          method: 'GET',
          target: Buffer.from('/expr/resource'),
          headers: [
            ['Ocp-Apim-Subscription-Key', Buffer.from('expressions-key')],
            ['Authorization', Buffer.from(`Bearer ${tokenWith(azp)}`)],
          ],
          body: Buffer.alloc(0),
        },
        host,
      ),
    );

  it('refuses a claim that would inject a header line with 400 and an APIM body', async () => {
    for (const azp of ['a\r\nX-Injected: yes', 'nul\0', 'bell\x07']) {
      const answer = await callWithCaller(azp);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual({ statusCode: 400, message: 'Bad Request' });
      expect(answer.headers['x-injected']).toBeUndefined();
    }
    expect(kit.echoApi.received.some((request) => 'x-injected' in request.headers)).toBe(false);
  });

  it('sends text beyond Latin-1 from a claim as UTF-8 bytes, to the backend and back, status reason included', async () => {
    const before = kit.echoApi.received.length;
    const answer = await callWithCaller('李 💥');
    expect(answer.status).toBe(200);
    const utf8AsBytes = Buffer.from('李 💥', 'utf8').toString('latin1');
    expect(Buffer.from(answer.headers['x-echo-caller'] ?? '', 'latin1').toString('utf8')).toBe('李 💥');
    expect(kit.echoApi.received.length).toBe(before + 1);
    const forwarded = kit.echoApi.received.at(-1)?.headers['x-caller'];
    expect([utf8AsBytes, '李 💥']).toContain(forwarded);
  });

  it('answers every request without a 5xx, whatever the headers, query and token claims hold', async () => {
    const requests = fc.record({
      method: fc.constantFrom('GET', 'POST'),
      key: fc.oneof(
        fc.constant('expressions-key'),
        headerText(200).map((b) => b.toString('latin1')),
      ),
      query: fc.oneof(fc.constant(''), fc.string({ unit: 'binary', maxLength: 100 }).map(encodeQuery)),
      azp: claimText,
      tier: fc.oneof(
        headerText(100).map((bytes) => Buffer.concat([Buffer.from('gold'), bytes])),
        headerText(100),
      ),
      keyInQuery: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const headers: Array<readonly [string, Buffer]> = [
          ['Authorization', Buffer.from(`Bearer ${tokenWith(request.azp)}`, 'latin1')],
          ['X-Tier', request.tier],
        ];
        if (!request.keyInQuery) headers.push(['Ocp-Apim-Subscription-Key', Buffer.from(request.key, 'latin1')]);
        const query = `subscription-key=${request.keyInQuery ? encodeQuery(request.key) : request.query}`;
        const answer = await sendRawHttp(
          kit.gateway.url,
          toBytes(
            { method: request.method, target: Buffer.from(`/expr/resource?${query}`), headers, body: Buffer.alloc(0) },
            host,
          ),
        );
        expectNoServerError(answer);
      }),
      { numRuns: 100 },
    );
    expect((await fetch(`${kit.gateway.url}${STATUS_PATH}`)).status).toBe(200);
  });
});
