import { request as httpRequest } from 'node:http';
import { TEST_API_APP_ID, TEST_API_URI, TEST_CLIENT_A, TEST_TENANT } from './protected-test-app';

/** Test-only: claims of valid Entra app tokens for the probe app, and a raw HTTP client. Not exported. */
export const v2Issuer = `https://login.microsoftonline.com/${TEST_TENANT}/v2.0`;
export const v1Issuer = `https://sts.windows.net/${TEST_TENANT}/`;

export function v2Claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: TEST_API_APP_ID,
    iss: v2Issuer,
    iat: now,
    nbf: now,
    exp: now + 3600,
    azp: TEST_CLIENT_A,
    azpacr: '1',
    tid: TEST_TENANT,
    oid: 'dddddddd-0000-0000-0000-000000000001',
    sub: 'dddddddd-0000-0000-0000-000000000001',
    roles: ['Echo.Read'],
    ver: '2.0',
    ...overrides,
  };
}

/**
 * Claims of a v2 delegated (user) token, shaped as Entra issues them for a signed-in user through a public
 * client: `scp`, the user's `oid`, a pairwise `sub`, `name`, `preferred_username`, `azpacr` 0, no `roles`
 * unless the user was assigned an app role.
 */
export function v2UserClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { roles: _roles, ...app } = v2Claims();
  return {
    ...app,
    azpacr: '0',
    oid: '94642285-d159-4d96-bac8-92ba0d8aaac5',
    sub: 'pairwise-subject-of-adele-for-this-api',
    name: 'Adele Vance',
    preferred_username: 'adele@stack.local',
    scp: 'Echo.Read.User',
    ...overrides,
  };
}

export function v1Claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { azp: _azp, azpacr: _azpacr, ...rest } = v2Claims({ aud: TEST_API_URI, iss: v1Issuer, ver: '1.0' });
  return { ...rest, appid: TEST_CLIENT_A, appidacr: '1', ...overrides };
}

export function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: {
    statusCode?: number;
    error?: string;
    message?: string;
    reasons?: { code: string }[];
  } & Record<string, unknown>;
}

/** node:http instead of fetch so a test can send an Authorization header twice. */
export function call(
  url: string,
  headers: Record<string, string | string[]> = {},
  method = 'GET',
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : {},
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
