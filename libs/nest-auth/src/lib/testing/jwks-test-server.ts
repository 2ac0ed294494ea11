import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type JWTHeaderParameters } from 'jose';

/**
 * Test-only: a tiny JWKS endpoint on 127.0.0.1 (port 0) that counts its hits and can be switched to
 * fail, plus an RS256 signer for its keys. Lets the key store and the guard be tested over real HTTP
 * without the identity service. Not exported from the library's index.
 */
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  readonly jwk: JWK;
}

export interface JwksTestServer {
  readonly url: string;
  /** JWKS URL in the Entra layout: `<url>/<tenant>/discovery/v2.0/keys`. */
  readonly jwksUri: string;
  /** How many JWKS requests were answered (successfully or not). */
  readonly hits: number;
  /** `'ok'` serves the keys; `'error'` answers 503; `'down'` resets the connection. */
  mode: 'ok' | 'error' | 'down';
  /** Keys currently published. */
  published: TestSigningKey[];
  /** Signs the exact JSON texts given (for payloads JSON.stringify cannot produce, e.g. 3000 levels deep). */
  signText(headerJson: string, payloadJson: string, key?: TestSigningKey): Promise<string>;
  /** Signs a token with `key` (default: the first published key). */
  sign(
    claims: JWTPayload,
    options?: {
      key?: TestSigningKey;
      header?: Partial<JWTHeaderParameters>;
      crit?: Record<string, boolean>;
    },
  ): Promise<string>;
  close(): Promise<void>;
}

/** Creates an RSA-2048 key with the given kid. */
export async function createTestSigningKey(kid: string): Promise<TestSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    extractable: true,
  });
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid,
    use: 'sig',
    alg: 'RS256',
  };
  return { kid, privateKey, jwk };
}

/** Starts the server with one freshly generated key (kid `key-1`) unless `keys` are given. */
export async function startJwksTestServer(keys?: TestSigningKey[], tenant = 'test-tenant'): Promise<JwksTestServer> {
  let hits = 0;
  const server: Server = createServer((request, response) => {
    if (!request.url?.endsWith('/discovery/v2.0/keys')) {
      response.writeHead(404).end();
      return;
    }
    hits += 1;
    if (state.mode === 'down') {
      request.socket.destroy();
      return;
    }
    if (state.mode === 'error') {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: state.published.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const state: JwksTestServer = {
    url,
    jwksUri: `${url}/${tenant}/discovery/v2.0/keys`,
    get hits() {
      return hits;
    },
    mode: 'ok',
    published: keys ?? [await createTestSigningKey('key-1')],
    async sign(claims, options = {}) {
      const key = options.key ?? state.published[0];
      return new SignJWT(claims)
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'JWT',
          kid: key.kid,
          ...options.header,
        })
        .sign(key.privateKey, options.crit && { crit: options.crit });
    },
    async signText(headerJson, payloadJson, key = state.published[0]) {
      const signingInput = `${Buffer.from(headerJson).toString('base64url')}.${Buffer.from(payloadJson).toString('base64url')}`;
      const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key.privateKey, Buffer.from(signingInput));
      return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
