import { z } from 'zod';

/**
 * The worker's configuration, from environment variables only, so the same build talks to the local identity
 * service or to a real Entra tenant. `npm start` sets these for the local stack (tools/stack/local-env.ts).
 */
export interface WorkerConfig {
  /** e.g. https://localhost:5443/<tenant id> or https://login.microsoftonline.com/<tenant id> */
  readonly authority: string;
  /** Hosts msal-node may trust without asking Entra's instance discovery (needed for the local identity service). */
  readonly knownAuthorities: readonly string[];
  readonly clientId: string;
  readonly credential:
    | { readonly kind: 'secret'; readonly clientSecret: string }
    | { readonly kind: 'certificate'; readonly certificatePath: string; readonly privateKeyPath: string };
  /** `<App ID URI or appId>/.default` */
  readonly scope: string;
  readonly apiBaseUrl: string;
  /** Path called by the loop, e.g. /resource */
  readonly apiPath: string;
  readonly subscriptionKey?: string;
  readonly intervalMs: number;
  /** Stop after this many calls (0 = run until stopped). */
  readonly maxCalls: number;
  readonly healthPort: number;
  readonly host: string;
  readonly redisUrl?: string;
  readonly logLevel: string;
}

const microsoftHosts = new Set(['login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net']);

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const schema = z
  .object({
    WORKER_AUTHORITY: z
      .url({
        message: 'set it to https://<identity host>/<tenant id>, e.g. https://login.microsoftonline.com/<tenant id>',
      })
      .refine((value) => value.startsWith('https://'), { message: 'must be an https URL (msal-node refuses http)' }),
    WORKER_KNOWN_AUTHORITIES: z.string().optional(),
    WORKER_CLIENT_ID: z.string().min(1, { message: "set it to the client app's Application (client) ID" }),
    WORKER_CLIENT_SECRET: z.string().min(1).optional(),
    WORKER_CERTIFICATE_PATH: z.string().min(1).optional(),
    WORKER_PRIVATE_KEY_PATH: z.string().min(1).optional(),
    WORKER_SCOPE: z.string().regex(/\/\.default$/, {
      message: 'client credentials need "<App ID URI or appId>/.default", e.g. api://<api app id>/.default',
    }),
    // Through the gateway by default, as in the original write-up: Bearer token plus subscription key.
    WORKER_API_BASE_URL: z
      .url({ message: 'set it to the gateway (or API) base URL, e.g. http://localhost:8080' })
      .default('http://localhost:8080'),
    WORKER_API_PATH: z.string().startsWith('/').default('/protected/resource'),
    WORKER_SUBSCRIPTION_KEY: z.string().min(1).optional(),
    WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(5000),
    WORKER_MAX_CALLS: z.coerce.number().int().min(0).default(0),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    WORKER_HOST: z.string().default('127.0.0.1'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { message: 'must look like redis://host:6379' })
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((env) => Boolean(env.WORKER_CLIENT_SECRET) !== Boolean(env.WORKER_CERTIFICATE_PATH), {
    message: 'set exactly one credential: WORKER_CLIENT_SECRET, or WORKER_CERTIFICATE_PATH (+ WORKER_PRIVATE_KEY_PATH)',
    path: ['WORKER_CLIENT_SECRET'],
  });

/** Thrown when the environment is incomplete; the message lists every variable to fix. */
export class WorkerConfigError extends Error {
  override readonly name = 'WorkerConfigError';
}

/** Reads and validates the worker's environment. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new WorkerConfigError(`The worker's configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const authorityHost = new URL(e.WORKER_AUTHORITY).host;
  const known = list(e.WORKER_KNOWN_AUTHORITIES);
  return {
    authority: e.WORKER_AUTHORITY.replace(/\/+$/, ''),
    knownAuthorities: known.length > 0 || microsoftHosts.has(authorityHost) ? known : [authorityHost],
    clientId: e.WORKER_CLIENT_ID,
    credential: e.WORKER_CLIENT_SECRET
      ? { kind: 'secret', clientSecret: e.WORKER_CLIENT_SECRET }
      : {
          kind: 'certificate',
          certificatePath: e.WORKER_CERTIFICATE_PATH as string,
          privateKeyPath: e.WORKER_PRIVATE_KEY_PATH ?? (e.WORKER_CERTIFICATE_PATH as string),
        },
    scope: e.WORKER_SCOPE,
    apiBaseUrl: e.WORKER_API_BASE_URL.replace(/\/+$/, ''),
    apiPath: e.WORKER_API_PATH,
    subscriptionKey: e.WORKER_SUBSCRIPTION_KEY,
    intervalMs: e.WORKER_INTERVAL_MS,
    maxCalls: e.WORKER_MAX_CALLS,
    healthPort: e.WORKER_HEALTH_PORT,
    host: e.WORKER_HOST,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
  };
}
