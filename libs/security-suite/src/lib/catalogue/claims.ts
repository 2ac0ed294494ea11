/**
 * Claims (security.md C1–C9): tokens signed with the key the target trusts, each wrong in exactly one claim. Without
 * that key these cases are skipped (a real Entra tenant's key is not ours to use) and the table says so.
 */
import type { AttackCase, AttackContext } from '../model';
import { nestedArrays } from '../tokens/jws';
import { insufficientScope, invalidTokenAtGatewayOrBackend } from './expect';
import { bearer, needsTrustedKey, trusted, validClaims } from './forge';

const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DAY = 86_400;

type Claims = (context: AttackContext) => Record<string, unknown> | string;

const claim = (
  id: string,
  description: string,
  claims: Claims,
  // A claim defect the gateway's policy does not check is refused by the backend behind it.
  expect: AttackCase['expect'] = invalidTokenAtGatewayOrBackend(),
): AttackCase => ({
  id: `claims-${id}`,
  family: 'claims',
  description,
  skip: needsTrustedKey,
  build: (context) => ({ authorization: bearer(trusted(context, claims(context))) }),
  expect,
});

const swapHost = (issuer: string, mutate: (url: URL) => void) => {
  const url = new URL(issuer);
  mutate(url);
  return url.toString();
};
const v1Issuer = (c: AttackContext) =>
  c.identity.issuer.endsWith('/v2.0')
    ? c.identity.issuer.replace(/\/v2\.0$/, '/')
    : `${c.identity.issuer.replace(/\/$/, '')}/v2.0`;

const lifetime: AttackCase[] = [
  claim('exp-past', 'exp one second beyond the clock skew', (c) =>
    validClaims(c, { exp: c.now - c.clockSkewSeconds - 1 }),
  ),
  claim('exp-now-minus-skew', 'exp exactly now minus the clock skew (expired "on or after")', (c) =>
    validClaims(c, { exp: c.now - c.clockSkewSeconds }),
  ),
  claim('exp-long-past', 'exp a day ago', (c) =>
    validClaims(c, { iat: c.now - 2 * DAY, nbf: c.now - 2 * DAY, exp: c.now - DAY }),
  ),
  claim('exp-missing', 'no exp', (c) => validClaims(c, { exp: undefined })),
  claim('exp-string', 'exp as a numeric string', (c) => validClaims(c, { exp: String(c.now + 3600) })),
  claim('exp-null', 'exp null', (c) => validClaims(c, { exp: null })),
  claim('exp-negative', 'exp negative', (c) => validClaims(c, { exp: -1 })),
  claim('exp-1e308', 'exp 1e308 (beyond any date)', (c) => validClaims(c, { exp: 1e308 })),
  claim('exp-year-10000', 'exp 253402300800 (year 10000, beyond .NET DateTime)', (c) =>
    validClaims(c, { exp: 253_402_300_800 }),
  ),
  claim('lifetime-25h', 'exp 25 hours ahead (Entra tokens live at most a day)', (c) =>
    validClaims(c, { exp: c.now + 25 * 3600 }),
  ),
  claim('lifetime-1-year', 'exp a year ahead', (c) => validClaims(c, { exp: c.now + 365 * DAY })),
  claim('lifetime-year-9999', 'exp 253402300799 (year 9999, the largest date)', (c) =>
    validClaims(c, { exp: 253_402_300_799 }),
  ),
  claim('nbf-future', 'nbf a minute beyond the clock skew', (c) =>
    validClaims(c, { nbf: c.now + c.clockSkewSeconds + 60 }),
  ),
  claim('nbf-just-future', 'nbf 5 s beyond the clock skew', (c) =>
    validClaims(c, { nbf: c.now + c.clockSkewSeconds + 5 }),
  ),
  claim('nbf-string', 'nbf as a string', (c) => validClaims(c, { nbf: String(c.now - 60) })),
];

const issuer: AttackCase[] = [
  claim('iss-other-tenant', 'iss of another tenant (tid changed to match)', (c) =>
    validClaims(c, { iss: c.identity.issuer.replace(c.identity.tenantId, OTHER_TENANT), tid: OTHER_TENANT }),
  ),
  claim('iss-other-tenant-only', 'iss of another tenant, tid ours', (c) =>
    validClaims(c, { iss: c.identity.issuer.replace(c.identity.tenantId, OTHER_TENANT) }),
  ),
  // Validators may accept both versions' issuers of their tenant (nest-auth does); no Entra version issues these mixes.
  claim('iss-v2-path-on-v1-host', 'iss https://sts.windows.net/<tenant>/v2.0 (v1 host, v2 path)', (c) =>
    validClaims(c, { iss: `https://sts.windows.net/${c.identity.tenantId}/v2.0` }),
  ),
  claim('iss-v1-path-on-v2-host', 'iss https://login.microsoftonline.com/<tenant>/ (v2 host, v1 path)', (c) =>
    validClaims(c, { iss: `https://login.microsoftonline.com/${c.identity.tenantId}/` }),
  ),
  claim('iss-other-version-other-tenant', "the other version's issuer form, another tenant", (c) =>
    validClaims(c, { iss: v1Issuer(c).replace(c.identity.tenantId, OTHER_TENANT) }),
  ),
  claim('iss-trailing-slash', 'iss with a trailing slash added or removed', (c) =>
    validClaims(c, { iss: c.identity.issuer.endsWith('/') ? c.identity.issuer.slice(0, -1) : `${c.identity.issuer}/` }),
  ),
  claim('iss-upper-case-host', 'iss with the host in upper case', (c) =>
    validClaims(c, {
      iss: c.identity.issuer.replace(new URL(c.identity.issuer).host, new URL(c.identity.issuer).host.toUpperCase()),
    }),
  ),
  claim('iss-upper-case-tenant', 'iss with the tenant id in upper case', (c) =>
    validClaims(c, { iss: c.identity.issuer.replace(c.identity.tenantId, c.identity.tenantId.toUpperCase()) }),
  ),
  claim('iss-common', 'iss with /common/ in place of the tenant', (c) =>
    validClaims(c, { iss: c.identity.issuer.replace(c.identity.tenantId, 'common') }),
  ),
  claim('iss-template', 'iss with the {tenantid} template', (c) =>
    validClaims(c, { iss: c.identity.issuer.replace(c.identity.tenantId, '{tenantid}') }),
  ),
  claim('iss-other-host', 'iss on another host', (c) =>
    validClaims(c, { iss: swapHost(c.identity.issuer, (u) => (u.hostname = 'evil.example')) }),
  ),
  claim('iss-missing', 'no iss', (c) => validClaims(c, { iss: undefined })),
  claim('iss-array', 'iss as an array holding ours', (c) => validClaims(c, { iss: [c.identity.issuer] })),
];

const audience: AttackCase[] = [
  claim('aud-other-api', 'aud of another API', (c) => validClaims(c, { aud: '5b2c1f8e-0d4a-4c3b-9e7f-1a2b3c4d5e6f' })),
  claim('aud-graph', 'aud of Microsoft Graph', (c) => validClaims(c, { aud: '00000003-0000-0000-c000-000000000000' })),
  claim('aud-missing', 'no aud', (c) => validClaims(c, { aud: undefined })),
  claim('aud-empty', 'aud ""', (c) => validClaims(c, { aud: '' })),
  claim('aud-array-without-us', 'aud an array of other APIs', (c) => validClaims(c, { aud: ['api://a', 'api://b'] })),
  claim('aud-case', 'aud in upper case', (c) => validClaims(c, { aud: c.identity.audience.toUpperCase() })),
  claim('aud-client', "aud is the client's own id (an ID-token shape)", (c) =>
    validClaims(c, { aud: c.identity.clientId }),
  ),
];

const roles: AttackCase[] = [
  claim('roles-missing', 'no roles', (c) => validClaims(c, { roles: undefined }), insufficientScope()),
  claim('roles-empty', 'roles []', (c) => validClaims(c, { roles: [] }), insufficientScope()),
  claim(
    'roles-trailing-space',
    'roles ["<role> "]',
    (c) => validClaims(c, { roles: [`${c.identity.role} `] }),
    insufficientScope(),
  ),
  claim(
    'roles-lower-case',
    'roles in lower case',
    (c) => validClaims(c, { roles: [c.identity.role.toLowerCase()] }),
    insufficientScope(),
  ),
  claim(
    'roles-prefix',
    'roles holding a prefix of the role',
    (c) => validClaims(c, { roles: [c.identity.role.slice(0, -1)] }),
    insufficientScope(),
  ),
  claim(
    'roles-longer',
    'roles holding the role plus a suffix',
    (c) => validClaims(c, { roles: [`${c.identity.role}Write`] }),
    insufficientScope(),
  ),
  claim(
    'roles-joined-string',
    'roles as one string "Other,<role>"',
    (c) => validClaims(c, { roles: `Other,${c.identity.role}` }),
    insufficientScope(),
  ),
  claim(
    'roles-space-string',
    'roles as one string "Other <role>"',
    (c) => validClaims(c, { roles: `Other ${c.identity.role}` }),
    insufficientScope(),
  ),
  claim(
    'roles-object',
    'roles as an object {"<role>": true}',
    (c) => validClaims(c, { roles: { [c.identity.role]: true } }),
    insufficientScope(),
  ),
  claim(
    'roles-nested-array',
    'roles as a nested array [["<role>"]]',
    (c) => validClaims(c, { roles: [[c.identity.role]] }),
    insufficientScope(),
  ),
  claim('roles-deep', 'roles nested 3000 levels deep', (c) =>
    JSON.stringify(validClaims(c)).replace(
      /"roles":\[[^\]]*\]/,
      `"roles":${nestedArrays(3000, JSON.stringify(c.identity.role))}`,
    ),
  ),
  claim(
    'scp-instead-of-roles',
    'scp holding the role, no roles (delegated shape on an app-only route)',
    (c) => validClaims(c, { roles: undefined, scp: c.identity.role }),
    insufficientScope(),
  ),
];

export const claimCases: readonly AttackCase[] = [...lifetime, ...issuer, ...audience, ...roles];
