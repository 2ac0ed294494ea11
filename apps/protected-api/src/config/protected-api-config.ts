import { AuthConfigError, loadAuthEnv, type AuthModuleOptions } from '@stack/nest-auth';
import { z } from 'zod';

/** Start-up configuration of protected-api: where it listens and who issues its tokens. */
export interface ProtectedApiConfig {
  readonly port: number;
  readonly host: string;
  readonly auth: AuthModuleOptions;
}

const schema = z.object({
  PROTECTED_API_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole port number' })
    .min(0, { error: 'must be 0-65535 (0 picks a free port)' })
    .max(65535, { error: 'must be 0-65535 (0 picks a free port)' })
    .default(3000),
  PROTECTED_API_HOST: z
    .string()
    .trim()
    .min(1, { error: 'must be a host name or address, e.g. 127.0.0.1' })
    .default('127.0.0.1'),
});

/**
 * Reads `PROTECTED_API_PORT` (default 3000), `PROTECTED_API_HOST` (default 127.0.0.1) and the `AUTH_*`
 * variables. Every problem is reported in one error, so one look at the message fixes the `.env`.
 */
export function loadProtectedApiConfig(env: NodeJS.ProcessEnv = process.env): ProtectedApiConfig {
  const problems: string[] = [];
  const listen = schema.safeParse(emptyAsUnset(env));
  if (!listen.success) problems.push(...listen.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  let auth: AuthModuleOptions | undefined;
  try {
    auth = loadAuthEnv(env);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!listen.success || !auth || problems.length > 0) {
    throw new Error(
      `Invalid protected-api configuration (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    port: listen.data.PROTECTED_API_PORT,
    host: listen.data.PROTECTED_API_HOST,
    auth,
  };
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
}
