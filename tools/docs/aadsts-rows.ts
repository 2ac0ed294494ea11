/**
 * The identity service's half of docs/troubleshooting.md: every AADSTS error of its catalogue
 * (libs/identity-server/src/lib/errors/catalogue.ts, read as text), with what it means (the catalogue's own comment)
 * and how to fix it (below). A code in the catalogue without a fix here stops the generation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../stack/services';

export const CATALOGUE = join(repoRoot, 'libs', 'identity-server', 'src', 'lib', 'errors', 'catalogue.ts');

export interface AadstsRow {
  readonly code: number;
  readonly status: number;
  readonly error: string;
  readonly meaning: string;
  readonly fix: string;
}

/** How to fix each code, in the user's terms. */
const FIXES: Readonly<Record<number, string>> = {
  7000215:
    'Send the secret **value**, not its id (the portal shows both). Locally: the `secrets[].value` of the client in `config/identity/registrations.json`; in Entra: a new secret if the value was lost.',
  7000222:
    'Create a new secret (`az ad app credential reset --append`, or the portal) and update the client; prefer a certificate. Locally: extend `expiresAt`.',
  7000218:
    'Send `client_secret`, or `client_assertion` with `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer` (msal-node does both).',
  700016:
    'Check `client_id` and the tenant in the token URL: the app must be registered in that tenant (or have a service principal there).',
  500011:
    "Ask for `<App ID URI or appId of the API>/.default` exactly as registered, in the API's tenant; the API needs a service principal (`az ad sp create`).",
  1002012:
    'Client credentials take only `<App ID URI or appId>/.default` (e.g. `api://<appId>/.default`), never a named scope.',
  700022: 'Ask for one API per token: one `<resource>/.default` scope per request.',
  901002:
    'The v2 endpoint (`/oauth2/v2.0/token`) takes `scope=<resource>/.default`; `resource=` belongs to the v1 endpoint (`/oauth2/token`).',
  70003: 'Use `grant_type=client_credentials`; the local service issues app tokens only.',
  900144: 'Add the named form parameter (`grant_type`, `client_id`, `scope` or `resource`) to the POST body.',
  90002:
    'Use the tenant id (GUID) or a verified domain of the tenant in the authority (locally `3c1d8f2a-…` or `stack.local`).',
  9001023:
    'Use the tenant-specific authority (`https://login.microsoftonline.com/<tenant id>`), not `/common` or `/organizations`, for client credentials.',
  900561: 'POST the form (`application/x-www-form-urlencoded`) to the token endpoint; a browser address bar sends GET.',
  700027:
    'Sign the assertion with the private key of a certificate registered on the app, and put its thumbprint in `x5t` (or `x5t#S256`); after deleting `.data/`, use the new client certificate.',
  700021: 'Set both `iss` and `sub` of the client assertion to the `client_id`.',
  700023:
    "Set the assertion's `aud` to the token endpoint of the tenant (`https://<host>/<tenant>/oauth2/v2.0/token`).",
  700024: 'Sign a fresh assertion for every request (`exp` a few minutes ahead, `nbf` now); check the clock.',
  50013: 'Use a new `jti` for every assertion (msal-node does).',
  50027: 'Send a signed JWT with `iss`, `sub`, `aud`, `exp` and `jti` as `client_assertion`.',
  501051:
    'Assign an app role of the API to the client (`appRoleAssignedTo`, or API permissions + admin consent), or turn off "Assignment required?" on the API\'s service principal.',
  9002313:
    'Read `error_description`: it names the malformed part or the endpoints that exist; the admin endpoints answer from this machine only.',
  90033: "Try again; the identity service's log has the cause (a 503 here is never your request's fault).",
};

/** The codes, statuses and comments of the catalogue, from its source. */
export function aadstsRows(source = readFileSync(CATALOGUE, 'utf8')): AadstsRow[] {
  const rows = new Map<number, AadstsRow>();
  const blocks = source.split(/\n(?=\/\*\*)/).filter((block) => /export const \w+/.test(block));
  for (const block of blocks) {
    const meaning = (/\/\*\*([\s\S]*?)\*\//.exec(block)?.[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .join(' ')
      .trim();
    const direct = /new AadstsError\(\s*(\d{3}|\w+),\s*(?:'([a-z_]+)'|\w+),\s*(\d+),/.exec(block);
    const viaInvalidRequest = /invalidRequest\([\s\S]*?,\s*(\d{3}),?\s*\)/.exec(block);
    // A status or error passed in as a parameter: its default (`status = 400`) or the literals of its type.
    const status = (value: string) =>
      /^\d+$/.test(value) ? Number(value) : Number(/= (\d{3})/.exec(block)?.[1] ?? 400);
    const errors = () =>
      [
        ...new Set(
          [...block.matchAll(/'((?:invalid|unauthorized|unsupported|access|temporarily)_[a-z_]+)'/g)].map((m) => m[1]),
        ),
      ].join(' or ');
    const entry = direct
      ? { status: status(direct[1]), error: direct[2] ?? errors(), code: Number(direct[3]) }
      : viaInvalidRequest
        ? { status: Number(viaInvalidRequest[1]), error: 'invalid_request', code: 9002313 }
        : undefined;
    if (!entry) continue;
    const fix = FIXES[entry.code];
    if (fix === undefined) {
      throw new Error(
        `AADSTS${entry.code} is in ${CATALOGUE} but tools/docs/aadsts-rows.ts has no fix for it: add one.`,
      );
    }
    const key = entry.code * 1000 + entry.status;
    if (!rows.has(key)) rows.set(key, { ...entry, meaning, fix });
  }
  return [...rows.values()];
}

/** Every AADSTS code the catalogue source mentions in a constructor call, for the completeness test. */
export function catalogueCodes(source = readFileSync(CATALOGUE, 'utf8')): number[] {
  const codes = [...source.matchAll(/new AadstsError\(\s*(?:\d{3}|\w+),\s*(?:'[a-z_]+'|\w+),\s*(\d+),/g)].map((m) =>
    Number(m[1]),
  );
  return [...new Set(codes)].sort((a, b) => a - b);
}
