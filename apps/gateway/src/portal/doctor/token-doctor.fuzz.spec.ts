/**
 * The diagnose endpoint never answers 500 and never echoes the token, whatever the body: generated JSON, generated
 * tokens (odd headers, deep nesting, random bytes, any number of segments, real signatures over odd claims), and
 * raw text. fast-check over HTTP on the real gateway, and many more runs on the in-process core.
 */
import fc from 'fast-check';
import { isControlCharacter } from '@stack/claim-policy';
import { mintToken } from '@stack/testing';
import { startGatewayTestKit, type GatewayTestKit } from '../../testing/gateway-test-kit';
import { doctorApis } from '@stack/apim-policy';
import { createPortalDoctor } from './portal-doctor';
import { readGatewayConfig } from '@stack/gateway-adapters';
import { DEFAULT_GATEWAY_CONFIG_DIR } from '../../testing/gateway-test-kit';

/** Every string in a parsed JSON value (JSON text itself always escapes control characters, so look inside). */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsIn)
      : value !== null && typeof value === 'object'
        ? Object.values(value).flatMap(stringsIn)
        : [];
const hasControl = (text: string) => [...text].some((c) => isControlCharacter(c.charCodeAt(0)));

const b64u = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');
const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;

const segment = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((value) => b64u(JSON.stringify(value) ?? 'null')),
  fc
    .record(
      { alg: fc.oneof(fc.constantFrom('RS256', 'none', 'HS256', 'ES256'), fc.jsonValue()), kid: fc.jsonValue() },
      { requiredKeys: [] },
    )
    .map((header) => b64u(JSON.stringify(header))),
  fc.integer({ min: 1, max: 3000 }).map((depth) => b64u(`{"aud":${nested(depth)}}`)),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => b64u(bytes)),
  fc.string({ maxLength: 200 }),
);
const token = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(segment, segment, segment).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(fc.constantFrom('aud', 'iss', 'azp', 'appid', 'roles', 'tid', 'exp', 'ver', 'scp'), fc.jsonValue())
      .map((claims) => mintToken(claims, { timestamps: false })),
  },
);
const body = fc.oneof(
  { weight: 3, arbitrary: token.map((t) => JSON.stringify({ token: t })) },
  { weight: 1, arbitrary: token.map((t) => JSON.stringify({ token: `Bearer ${t}` })) },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
);

describe('diagnose endpoint under generated input (gateway over HTTP)', () => {
  let kit: GatewayTestKit;

  beforeAll(async () => {
    kit = await startGatewayTestKit();
  }, 60_000);
  afterAll(() => kit?.close());

  it('answers 200 with a report, or 400 with APIM JSON: never a 500, never the token', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await fetch(`${kit.gateway.url}/docs/doctor/diagnose`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: text,
        });
        const answer = await response.text();
        expect([200, 400]).toContain(response.status);
        const parsed = JSON.parse(answer) as { result?: string; statusCode?: number };
        if (response.status === 200) expect(['pass', 'fail']).toContain(parsed.result);
        else expect(parsed.statusCode).toBe(400);
        expect(stringsIn(parsed).filter(hasControl)).toEqual([]);
        const signature = /"token":"[^"]*\.[^".]*\.([A-Za-z0-9_-]{20,})"/.exec(text)?.[1];
        if (signature) expect(answer).not.toContain(signature);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('portal doctor core under generated tokens (in process, offline)', () => {
  const definition = readGatewayConfig(DEFAULT_GATEWAY_CONFIG_DIR, {});
  const doctor = createPortalDoctor({ apis: doctorApis(definition) });

  it('always reports, with every string free of control characters', async () => {
    await fc.assert(
      fc.asyncProperty(token, async (text) => {
        const report = await doctor.diagnose(text);
        expect(['pass', 'fail']).toContain(report.result);
        expect(report.apis).toHaveLength(definition.apis.length);
        expect(stringsIn(report).filter(hasControl)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
