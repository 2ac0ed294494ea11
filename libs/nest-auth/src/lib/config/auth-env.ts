import { z } from 'zod';
import { JWKS_KEY_STORE_DEFAULTS } from '../keys/jwks-key-store';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  DEFAULT_TOKEN_CACHE_MAX_ENTRIES,
  type AuthModuleOptions,
} from './auth-options';

/**
 * Reads the `AUTH_*` environment variables (shared, or per service with a prefix), validated with zod.
 * All problems are reported at once, each naming the variable and what to set it to, so a wrong
 * `.env` is fixed in one go instead of one restart per mistake.
 */
export class AuthConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid auth configuration (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AuthConfigError';
  }
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const guidVar = (what: string) =>
  z
    .string({ error: `required: set it to ${what}` })
    .trim()
    .regex(guid, {
      error: `must be a GUID (${what}), like 00000000-0000-0000-0000-000000000000`,
    });

/** https, or http on loopback only (local test doubles). */
const urlVar = (what: string) =>
  z
    .string({ error: `required: set it to ${what}` })
    .trim()
    .refine((value) => isAllowedUrl(value), {
      error: `must be an https:// URL (${what}); http:// is only accepted for localhost`,
    });

const listVar = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

const secondsVar = (defaultSeconds: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return defaultSeconds;
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
        context.addIssue({
          code: 'custom',
          message: `must be a whole number of seconds from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return seconds;
    });

const countVar = (defaultCount: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return defaultCount;
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0 || count > max) {
        context.addIssue({ code: 'custom', message: `must be a whole number from 0 to ${max}` });
        return z.NEVER;
      }
      return count;
    });

const authEnvSchema = z.object({
  AUTH_TENANT_ID: guidVar('the directory (tenant) id of your Entra tenant or of the local identity service'),
  AUTH_AUTHORITY_HOST: urlVar(
    'https://login.microsoftonline.com for Entra, https://localhost:5443 for the local identity service',
  ),
  AUTH_API_APP_ID: guidVar("the application (client) id of this API's app registration"),
  AUTH_APP_ID_URIS: listVar,
  AUTH_V1_ISSUER_HOST: urlVar('the host of v1 token issuers, e.g. https://sts.windows.net').optional(),
  AUTH_JWKS_URI: urlVar('the tenant-specific JWKS URL').optional(),
  AUTH_ALLOWED_CLIENT_IDS: listVar.refine((ids) => ids.every((id) => guid.test(id)), {
    error: 'must be a comma-separated list of client application ids (GUIDs)',
  }),
  AUTH_CLOCK_SKEW_SECONDS: secondsVar(0, 0, 600),
  AUTH_TOKEN_CACHE_MAX_ENTRIES: countVar(DEFAULT_TOKEN_CACHE_MAX_ENTRIES, 1_000_000),
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: secondsVar(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, 60, 7 * 86_400),
  AUTH_KEY_COOLDOWN_SECONDS: secondsVar(JWKS_KEY_STORE_DEFAULTS.cooldownMs / 1000, 0, 86_400),
  AUTH_KEY_REFRESH_SECONDS: secondsVar(JWKS_KEY_STORE_DEFAULTS.refreshIntervalMs / 1000, 10, 86_400),
  AUTH_KEY_TIMEOUT_SECONDS: secondsVar(5, 1, 60),
});

/** Names and meanings of the variables, for `.env.example` and error messages. */
export const AUTH_ENV_VARIABLES = Object.keys(authEnvSchema.shape);

/** Variables that say which API a service is: never shared, each protected service sets its own. */
export const PER_SERVICE_AUTH_VARIABLES = ['AUTH_API_APP_ID', 'AUTH_APP_ID_URIS', 'AUTH_ALLOWED_CLIENT_IDS'] as const;

export interface LoadAuthEnvOptions {
  /**
   * The service's prefix, e.g. `REPORTS_API_`: its API is `REPORTS_API_AUTH_API_APP_ID` and
   * `REPORTS_API_AUTH_APP_ID_URIS` (both required: a shared value would let a token for another API in) and
   * `REPORTS_API_AUTH_ALLOWED_CLIENT_IDS`; every other knob (tenant, authority, skew, cache, keys) is
   * `REPORTS_API_AUTH_*` when set and the shared `AUTH_*` otherwise. Without a prefix: the shared `AUTH_*` only.
   */
  readonly prefix?: string;
}

/**
 * Builds {@link AuthModuleOptions} from the environment.
 * @throws AuthConfigError listing every missing or invalid variable (by the name the service reads).
 */
export function loadAuthEnv(env: NodeJS.ProcessEnv = process.env, options: LoadAuthEnvOptions = {}): AuthModuleOptions {
  const prefix = options.prefix ?? '';
  const perService = new Set<string>(PER_SERVICE_AUTH_VARIABLES);
  /** The variable a setting is read from: the service's own, or the shared one it falls back to. */
  const source = (name: string) =>
    prefix === '' || perService.has(name) || env[`${prefix}${name}`] !== undefined ? `${prefix}${name}` : name;
  const values = Object.fromEntries(AUTH_ENV_VARIABLES.map((name) => [name, env[source(name)]]));
  const problems: string[] = [];
  if (prefix !== '' && (values['AUTH_APP_ID_URIS'] ?? '').trim() === '') {
    problems.push(
      `${prefix}AUTH_APP_ID_URIS required: set it to this API's App ID URI(s), e.g. api://<its app id> (never shared)`,
    );
  }
  const parsed = authEnvSchema.safeParse(values);
  if (!parsed.success) {
    problems.unshift(...parsed.error.issues.map((issue) => `${source(String(issue.path[0]))} ${issue.message}`));
  }
  if (!parsed.success || problems.length > 0) throw new AuthConfigError(problems);
  const vars = parsed.data;
  return {
    tenantId: vars.AUTH_TENANT_ID,
    authorityHost: vars.AUTH_AUTHORITY_HOST,
    apiAppId: vars.AUTH_API_APP_ID,
    appIdUris: vars.AUTH_APP_ID_URIS,
    v1IssuerHost: vars.AUTH_V1_ISSUER_HOST,
    jwksUri: vars.AUTH_JWKS_URI,
    allowedClientIds: vars.AUTH_ALLOWED_CLIENT_IDS,
    clockSkewSeconds: vars.AUTH_CLOCK_SKEW_SECONDS,
    maxTokenLifetimeSeconds: vars.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    tokenCacheMaxEntries: vars.AUTH_TOKEN_CACHE_MAX_ENTRIES,
    keys: {
      cooldownMs: vars.AUTH_KEY_COOLDOWN_SECONDS * 1000,
      refreshIntervalMs: vars.AUTH_KEY_REFRESH_SECONDS * 1000,
      timeoutMs: vars.AUTH_KEY_TIMEOUT_SECONDS * 1000,
    },
  };
}

function isAllowedUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  } catch {
    return false;
  }
}
