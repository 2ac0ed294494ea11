/**
 * The identity service's environment, validated at start-up. Every variable is optional; a bad value stops the
 * service with a message naming the variable and what to set.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  MAX_KEY_PUBLISH_DELAY_SECONDS,
  MIN_KEY_PUBLISH_DELAY_SECONDS,
  normaliseCorsOrigins,
  PUBLISH_DELAY_REASON,
  type IssuerMode,
  type LoggerOption,
} from '@stack/identity-server';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be ${what}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be ${what}`);

const envSchema = z.object({
  IDENTITY_PORT: wholeNumber(0, 65535, 'a port number from 0 to 65535 (0 = any free port)').default(5443),
  IDENTITY_HOST: z.string().trim().min(1, 'must name an interface, e.g. 127.0.0.1').default('127.0.0.1'),
  IDENTITY_DATA_DIR: z.string().trim().min(1).default('.data'),
  IDENTITY_REGISTRATIONS: z.string().trim().min(1).default('config/identity/registrations.json'),
  IDENTITY_ISSUER_MODE: z.enum(['local', 'microsoft'], { message: "must be 'local' or 'microsoft'" }).default('local'),
  IDENTITY_PUBLIC_URL: z
    .url({ protocol: /^https$/, message: 'must be an https URL, e.g. https://identity:5443' })
    .optional(),
  IDENTITY_KEY_ROTATION_HOURS: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive number of hours, e.g. 24 or 0.5')
    .transform(Number)
    .refine((hours) => hours > 0, 'must be a positive number of hours, e.g. 24 or 0.5')
    .optional(),
  IDENTITY_KEY_PUBLISH_DELAY_SECONDS: wholeNumber(
    0,
    MAX_KEY_PUBLISH_DELAY_SECONDS,
    `a whole number of seconds from ${MIN_KEY_PUBLISH_DELAY_SECONDS} to ${MAX_KEY_PUBLISH_DELAY_SECONDS}`,
  )
    .refine(
      (seconds) => seconds >= MIN_KEY_PUBLISH_DELAY_SECONDS,
      `must be at least ${MIN_KEY_PUBLISH_DELAY_SECONDS} seconds: ${PUBLISH_DELAY_REASON} (to make a compromised key stop signing at once, use POST /admin/keys/rotate?emergency=true)`,
    )
    .default(300),
  IDENTITY_TOKEN_LIFETIME_SECONDS: wholeNumber(1, 24 * 3600, 'a whole number of seconds from 1 to 86400').default(3599),
  IDENTITY_CORS_ORIGINS: z
    .string()
    .default('http://localhost:8080,http://127.0.0.1:8080')
    .transform((value, context) => {
      try {
        return [...normaliseCorsOrigins(value.split(','))];
      } catch (error) {
        context.addIssue({ code: 'custom', message: `${(error as Error).message.replace(/^corsOrigins: /, '')}` });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** Validated configuration of apps/identity. */
export interface IdentityConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path. */
  readonly dataDir: string;
  /** Absolute path. */
  readonly registrationsPath: string;
  readonly issuerMode: IssuerMode;
  readonly publicUrl?: string;
  readonly keyRotationIntervalSeconds?: number;
  readonly keyPublishDelaySeconds: number;
  readonly tokenLifetimeSeconds: number;
  readonly logLevel: Extract<LoggerOption, string>;
  /** Browser origins allowed to call the token endpoints (`IDENTITY_CORS_ORIGINS`, comma-separated; default the gateway's portal, `http://localhost:8080` and `http://127.0.0.1:8080`). */
  readonly corsOrigins: readonly string[];
}

/** Thrown for an invalid environment; the message lists each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables; relative paths resolve against `cwd` (the repo root when
 * started by `npm start`). Empty variables count as unset.
 * @throws ConfigError naming every invalid variable.
 */
export function loadIdentityConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): IdentityConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  - ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid identity service environment (see .env.example):\n${lines.join('\n')}`);
  }
  const value = result.data;
  return {
    port: value.IDENTITY_PORT,
    host: value.IDENTITY_HOST,
    dataDir: resolve(cwd, value.IDENTITY_DATA_DIR),
    registrationsPath: resolve(cwd, value.IDENTITY_REGISTRATIONS),
    issuerMode: value.IDENTITY_ISSUER_MODE,
    publicUrl: value.IDENTITY_PUBLIC_URL,
    keyRotationIntervalSeconds:
      value.IDENTITY_KEY_ROTATION_HOURS === undefined
        ? undefined
        : Math.round(value.IDENTITY_KEY_ROTATION_HOURS * 3600),
    keyPublishDelaySeconds: value.IDENTITY_KEY_PUBLISH_DELAY_SECONDS,
    tokenLifetimeSeconds: value.IDENTITY_TOKEN_LIFETIME_SECONDS,
    logLevel: value.LOG_LEVEL,
    corsOrigins: value.IDENTITY_CORS_ORIGINS,
  };
}
