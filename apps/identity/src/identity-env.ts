import { resolve } from 'node:path';
import type { StartIdentityServerOptions } from '@stack/identity-server';
import { z } from 'zod';

/** The identity app's environment, mapped onto `startIdentityServer` options. Relative paths resolve from the cwd. */
const schema = z.object({
  IDENTITY_PORT: z.coerce.number().int().min(0).max(65535, { message: 'must be a port number (0-65535)' }).default(5443),
  IDENTITY_HOST: z.string().trim().min(1).default('127.0.0.1'),
  IDENTITY_DATA_DIR: z.string().trim().min(1).default('.data'),
  IDENTITY_REGISTRATIONS: z.string().trim().min(1).default('config/identity/registrations.json'),
  IDENTITY_ISSUER_MODE: z.enum(['local', 'microsoft'], { message: 'must be "local" or "microsoft"' }).default('local'),
  IDENTITY_PUBLIC_URL: z
    .url({ message: 'must be the https URL clients use, e.g. https://identity:5443' })
    .refine((value) => value.startsWith('https://'), { message: 'must be an https URL (msal-node refuses http)' })
    .optional(),
  IDENTITY_KEY_ROTATION_HOURS: z.coerce.number().positive({ message: 'must be a positive number of hours' }).optional(),
  IDENTITY_KEY_PUBLISH_DELAY_SECONDS: z.coerce.number().int().min(0).optional(),
  IDENTITY_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(60, { message: 'must be at least 60 seconds' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads the identity app's environment; the error lists every variable to fix. */
export function loadIdentityEnv(env: NodeJS.ProcessEnv = process.env): StartIdentityServerOptions {
  const unsetEmpty = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(unsetEmpty);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid identity configuration (see .env.example):\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.IDENTITY_PORT,
    host: e.IDENTITY_HOST,
    dataDir: resolve(e.IDENTITY_DATA_DIR),
    registrationsPath: resolve(e.IDENTITY_REGISTRATIONS),
    issuerMode: e.IDENTITY_ISSUER_MODE,
    publicUrl: e.IDENTITY_PUBLIC_URL,
    keyRotationIntervalSeconds: e.IDENTITY_KEY_ROTATION_HOURS ? Math.round(e.IDENTITY_KEY_ROTATION_HOURS * 3600) : undefined,
    keyPublishDelaySeconds: e.IDENTITY_KEY_PUBLISH_DELAY_SECONDS,
    tokenLifetimeSeconds: e.IDENTITY_TOKEN_LIFETIME_SECONDS,
    logger: e.LOG_LEVEL,
  };
}
