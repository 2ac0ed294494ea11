import { z } from 'zod';

/** Start-up settings of the gateway, from the environment (listed in .env.example). */
export interface GatewayEnv {
  readonly port: number;
  readonly host: string;
  /** Folder with apis.json, products.json, subscriptions.json, named-values.json and policies/. */
  readonly configDir: string;
  /**
   * Where `https://login.microsoftonline.com` is served (the local identity service); unset to use
   * the real Entra ID. Policies keep their Azure URLs either way.
   */
  readonly entraAuthorityHost?: string;
  /**
   * `local`: the identity service issues tokens on its own URL, so validate-azure-ad-token expects
   * issuers there; `microsoft`: it runs with IDENTITY_ISSUER_MODE=microsoft (or it is the real Entra ID).
   */
  readonly entraIssuerMode: 'local' | 'microsoft';
  readonly backendConnectTimeoutMs: number;
  readonly backendTimeoutMs: number;
  /** Verified tokens remembered per validate-jwt policy (0: off); the policy is still decided per request. */
  readonly tokenCacheMaxEntries: number;
  /** The developer portal's OAuth 2.0 settings. */
  readonly portal: { readonly tokenUrl?: string; readonly clientId?: string; readonly scope?: string };
  readonly logLevel: string;
  /** Redis as APIM's external cache for cache-lookup/-store and cache-*-value; unset: the in-memory cache only. */
  readonly cacheRedisUrl?: string;
  /** Entries the in-memory policy cache keeps (least recently used go first). */
  readonly cacheMaxEntries: number;
  /** Also append trace / emit-metric / log-to-eventhub entries to this JSON-lines file (they are always logged). */
  readonly telemetryFile?: string;
  /** Redis shared by replicas for quota / quota-by-key counters; unset: counters in this process. */
  readonly quotaRedisUrl?: string;
  /**
   * The gateway's own app registration, standing in for APIM's managed identity (authentication-managed-identity):
   * client credentials against `<Entra host>/<tenantId>`. Defaults: the local registration ago-gateway-identity-app.
   */
  readonly managedIdentity: { readonly tenantId: string; readonly clientId: string; readonly clientSecret: string };
}

/** config/identity/registrations.json: the local tenant and the gateway's app-only registration (DEV ONLY secret). */
const LOCAL_TENANT_ID = '3c1d8f2a-6b4e-4f7a-9d2c-5e8b1a7f4c60';
const LOCAL_GATEWAY_IDENTITY = {
  clientId: '8d1f3a5c-7e9b-4c2d-a4f6-1b3d5e7f9a2c',
  clientSecret: 'dev-only~ago-gateway-identity~local-secret-not-for-production',
};

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole port number' })
    .min(0, { error: 'must be 0-65535 (0 picks a free port)' })
    .max(65535, { error: 'must be 0-65535 (0 picks a free port)' })
    .default(fallback);
const milliseconds = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(1).max(600_000).default(fallback);
const url = (what: string) => z.url({ error: `must be ${what}` });

const schema = z.object({
  GATEWAY_PORT: port(8080),
  GATEWAY_HOST: z.string().trim().min(1).default('127.0.0.1'),
  GATEWAY_CONFIG_DIR: z.string().trim().min(1).default('config/gateway'),
  GATEWAY_ENTRA_AUTHORITY_HOST: url(
    'the URL serving login.microsoftonline.com locally, e.g. https://localhost:5443',
  ).optional(),
  GATEWAY_ENTRA_ISSUER_MODE: z.enum(['local', 'microsoft'], { error: 'must be local or microsoft' }).optional(),
  GATEWAY_BACKEND_CONNECT_TIMEOUT_MS: milliseconds(5_000),
  GATEWAY_BACKEND_TIMEOUT_MS: milliseconds(30_000),
  GATEWAY_TOKEN_CACHE_MAX_ENTRIES: z.coerce
    .number({ error: 'must be a whole number from 0 to 1000000' })
    .int({ error: 'must be a whole number from 0 to 1000000' })
    .min(0)
    .max(1_000_000)
    .default(10_000),
  GATEWAY_PORTAL_TOKEN_URL: url('the token endpoint the portal authorizes against').optional(),
  GATEWAY_PORTAL_CLIENT_ID: z.string().trim().min(1).optional(),
  GATEWAY_PORTAL_SCOPE: z.string().trim().min(1).optional(),
  GATEWAY_MANAGED_IDENTITY_TENANT_ID: z.string().trim().min(1).default(LOCAL_TENANT_ID),
  GATEWAY_MANAGED_IDENTITY_CLIENT_ID: z.string().trim().min(1).default(LOCAL_GATEWAY_IDENTITY.clientId),
  GATEWAY_MANAGED_IDENTITY_SECRET: z.string().min(1).default(LOCAL_GATEWAY_IDENTITY.clientSecret),
  GATEWAY_QUOTA_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
    .optional(),
  GATEWAY_CACHE_REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  GATEWAY_CACHE_MAX_ENTRIES: z.coerce
    .number({ error: 'must be a whole number from 1 to 10000000' })
    .int({ error: 'must be a whole number from 1 to 10000000' })
    .min(1)
    .max(10_000_000)
    .default(10_000),
  GATEWAY_TELEMETRY_FILE: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads the gateway's environment; every problem in one error that names the variable. */
export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value])),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid gateway configuration (see .env.example):\n${problems.join('\n')}`);
  }
  const vars = parsed.data;
  return {
    port: vars.GATEWAY_PORT,
    host: vars.GATEWAY_HOST,
    configDir: vars.GATEWAY_CONFIG_DIR,
    entraAuthorityHost: vars.GATEWAY_ENTRA_AUTHORITY_HOST?.replace(/\/+$/, ''),
    entraIssuerMode: vars.GATEWAY_ENTRA_ISSUER_MODE ?? (vars.GATEWAY_ENTRA_AUTHORITY_HOST ? 'local' : 'microsoft'),
    backendConnectTimeoutMs: vars.GATEWAY_BACKEND_CONNECT_TIMEOUT_MS,
    backendTimeoutMs: vars.GATEWAY_BACKEND_TIMEOUT_MS,
    tokenCacheMaxEntries: vars.GATEWAY_TOKEN_CACHE_MAX_ENTRIES,
    portal: {
      tokenUrl: vars.GATEWAY_PORTAL_TOKEN_URL,
      clientId: vars.GATEWAY_PORTAL_CLIENT_ID,
      scope: vars.GATEWAY_PORTAL_SCOPE,
    },
    logLevel: vars.LOG_LEVEL,
    cacheRedisUrl: vars.GATEWAY_CACHE_REDIS_URL,
    cacheMaxEntries: vars.GATEWAY_CACHE_MAX_ENTRIES,
    telemetryFile: vars.GATEWAY_TELEMETRY_FILE,
    quotaRedisUrl: vars.GATEWAY_QUOTA_REDIS_URL,
    managedIdentity: {
      tenantId: vars.GATEWAY_MANAGED_IDENTITY_TENANT_ID,
      clientId: vars.GATEWAY_MANAGED_IDENTITY_CLIENT_ID,
      clientSecret: vars.GATEWAY_MANAGED_IDENTITY_SECRET,
    },
  };
}
