/**
 * The token doctor's half of docs/troubleshooting.md: each row is a real diagnosis. A token with one thing wrong is
 * given to `diagnoseToken` (libs/claim-policy), and the row shows the check that failed, the answer the service
 * would send and the doctor's own hint, so the table follows the doctor when its wording changes.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  createPolicy,
  diagnoseToken,
  entraPreset,
  type ClaimPolicy,
  type DoctorKeySource,
  type KeyLookup,
} from '@stack/claim-policy';
import {
  API_APP_ID,
  API_APP_ID_URI,
  CLIENT_ID,
  NOW_MS,
  NOW_S,
  OTHER_API_APP_ID,
  OTHER_CLIENT_ID,
  OTHER_TENANT,
  TENANT,
  V1_ISSUER,
  V2_ISSUER,
  v1AppToken,
  v2AppToken,
  v2UserToken,
} from '@stack/claim-policy/entra-tokens';

export interface DoctorRow {
  readonly symptom: string;
  /** The failed (or skipped) check and its reason code. */
  readonly check: string;
  readonly answer: string;
  readonly hint: string;
}

interface Scenario {
  readonly symptom: string;
  /** The check that must fail (or be skipped with a hint) in this scenario; generation stops when it does not. */
  readonly check: string;
  readonly token: () => string;
  readonly policy?: ClaimPolicy;
  readonly offline?: boolean;
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DISCOVERY = `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`;

function signed(claims: object, header: Record<string, unknown> = {}, key: KeyObject = privateKey): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ typ: 'JWT', alg: 'RS256', kid: 'key-1', ...header })}.${part(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Discovery as Entra answers it for the tenant: one key, `key-1`. */
const keys: DoctorKeySource = {
  async lookup(url: string, kid: string): Promise<KeyLookup> {
    if (url !== DISCOVERY) return { kind: 'unavailable', detail: `${url} answered HTTP 404` };
    return kid === 'key-1'
      ? { kind: 'found', key: publicKey, issuer: V2_ISSUER }
      : { kind: 'not-found', issuer: V2_ISSUER, detail: 'the JWKS has key-1' };
  },
};

/** An API as protected-api configures it: the Entra preset, the known client, a required role. */
const preset = (requiredRoles = ['Echo.Read']) =>
  entraPreset({ tenantId: TENANT, appId: API_APP_ID, allowedClientIds: [CLIENT_ID], requiredRoles });

/** A hand-written validate-jwt that lists one form only (the mistakes the preset avoids). */
const narrow = (overrides: Partial<ClaimPolicy>) => createPolicy({ ...preset(), ...overrides });

const SCENARIOS: Scenario[] = [
  { symptom: 'Not a token at all (copied badly, or a token id)', check: 'format', token: () => 'not-a-token' },
  {
    symptom: 'A token signed with HS256 (or `alg: none`)',
    check: 'algorithm',
    token: () => signed(v2AppToken(), { alg: 'HS256' }),
  },
  {
    symptom: 'The token names a key the issuer does not publish',
    check: 'signing key',
    token: () => signed(v2AppToken(), { kid: 'key-2' }),
  },
  {
    symptom: 'The token was altered, or signed by another key under the same `kid`',
    check: 'signature',
    token: () => signed(v2AppToken(), {}, other.privateKey),
  },
  {
    symptom: 'No network to the issuer (`npm run doctor` offline)',
    check: 'signature',
    token: () => signed(v2AppToken()),
    offline: true,
  },
  {
    symptom: "The client asked another tenant's authority",
    check: 'tenant',
    token: () =>
      signed(v2AppToken({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })),
  },
  {
    symptom: 'A v1 token (`sts.windows.net`) where only the v2 issuer is configured',
    check: 'issuer',
    token: () => signed(v1AppToken()),
    policy: narrow({ issuers: [V2_ISSUER] }),
  },
  {
    symptom: 'Token issued by the local identity service, API pointed at Entra (or the reverse)',
    check: 'issuer',
    token: () => signed(v2AppToken({ iss: `https://localhost:5443/${TENANT}/v2.0` })),
  },
  {
    symptom: 'A token for another API (scope of another App ID URI)',
    check: 'audience',
    token: () => signed(v2AppToken({ aud: OTHER_API_APP_ID })),
  },
  {
    symptom: 'A v1 token (`aud` = App ID URI) where only the appId GUID is configured',
    check: 'audience',
    token: () => signed(v1AppToken()),
    policy: narrow({ audiences: [API_APP_ID], issuers: [V1_ISSUER, V2_ISSUER] }),
  },
  {
    symptom: 'A v2 token (`aud` = appId GUID) where only the App ID URI is configured',
    check: 'audience',
    token: () => signed(v2AppToken()),
    policy: narrow({ audiences: [API_APP_ID_URI] }),
  },
  {
    symptom: 'A Microsoft Graph token sent to your API',
    check: 'audience',
    token: () => signed(v2AppToken({ aud: '00000003-0000-0000-c000-000000000000' })),
  },
  { symptom: 'The token has expired', check: 'lifetime', token: () => signed(v2AppToken({ exp: NOW_S - 600 })) },
  {
    symptom: "The token is not valid yet (this machine's clock is behind)",
    check: 'lifetime',
    token: () => signed(v2AppToken({ nbf: NOW_S + 600, iat: NOW_S + 600 })),
  },
  {
    symptom: 'A client the API does not allow',
    check: 'client',
    token: () => signed(v2AppToken({ azp: OTHER_CLIENT_ID })),
  },
  {
    symptom: 'The client has no app role on the API',
    check: 'claim roles',
    token: () => signed(v2AppToken({ roles: undefined })),
  },
  {
    symptom: 'The client has some roles, not the one the route needs',
    check: 'claim roles',
    token: () => signed(v2AppToken({ roles: ['Echo.Read'] })),
    policy: preset(['Echo.Write']),
  },
  {
    symptom: 'A user (delegated) token where an app token was expected',
    check: 'claim roles',
    token: () => signed(v2UserToken()),
  },
];

/** Placeholders for the test tenant's GUIDs, so the doc reads as a recipe. */
const NAMES: Array<[string, string]> = [
  [OTHER_API_APP_ID, '<other API appId>'],
  [API_APP_ID, '<API appId>'],
  [OTHER_CLIENT_ID, '<other client>'],
  [CLIENT_ID, '<client appId>'],
  [OTHER_TENANT, '<other tenant>'],
  [TENANT, '<tenant>'],
];

function named(text: string): string {
  return NAMES.reduce((out, [guid, name]) => out.split(guid).join(name), text);
}

export async function doctorRows(): Promise<DoctorRow[]> {
  const rows: DoctorRow[] = [];
  for (const scenario of SCENARIOS) {
    const report = await diagnoseToken(scenario.token(), {
      targets: [{ label: 'api', policy: scenario.policy ?? preset(), answer: 'bearer' }],
      keys: scenario.offline ? undefined : keys,
      now: NOW_MS,
    });
    const checks = [...report.checks, ...(report.targets[0]?.checks ?? [])];
    const found = checks.find((c) => c.check === scenario.check && (c.status === 'fail' || c.hint !== undefined));
    if (!found?.hint) {
      throw new Error(
        `troubleshooting scenario "${scenario.symptom}": the doctor no longer reports ${scenario.check} with a hint`,
      );
    }
    const answer = report.targets[0]?.answer;
    rows.push({
      symptom: scenario.symptom,
      check: `${found.check}${found.code ? ` (\`${found.code}\`)` : ` (${found.status})`}`,
      answer:
        answer && 'wwwAuthenticate' in answer
          ? `${answer.status}${answer.error ? ` \`${answer.error}\`` : ''}`
          : found.status === 'skip'
            ? 'none: the other checks still run'
            : '–',
      hint: named(found.hint),
    });
  }
  return rows;
}

/** Every check name the doctor reports (doctor-types.ts), each of which the table must show. */
export const DOCTOR_CHECKS = [
  'format',
  'algorithm',
  'signing key',
  'signature',
  'issuer',
  'tenant',
  'audience',
  'lifetime',
  'client',
  'claim roles',
] as const;
