import { z } from 'zod';

/** Start-up configuration of the Echo API mock. */
export interface EchoApiConfig {
  readonly port: number;
  readonly host: string;
  /** Upper bound of the `x-echo-delay-ms` test control, so a test cannot park a connection forever. */
  readonly maxDelayMs: number;
}

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int({ error: 'must be a whole port number' })
  .min(0, { error: 'must be 0-65535 (0 picks a free port)' })
  .max(65535, { error: 'must be 0-65535 (0 picks a free port)' });

const schema = z.object({
  ECHO_API_PORT: port.default(3001),
  ECHO_API_HOST: z
    .string()
    .trim()
    .min(1, { error: 'must be a host name or address, e.g. 127.0.0.1' })
    .default('127.0.0.1'),
  ECHO_API_MAX_DELAY_MS: z.coerce
    .number()
    .int({ error: 'must be a whole number of milliseconds' })
    .min(0, { error: 'must be 0 or more milliseconds' })
    .max(600_000, { error: 'must be at most 600000 ms' })
    .default(30_000),
});

/** Reads `ECHO_API_PORT` (default 3001), `ECHO_API_HOST` (127.0.0.1), `ECHO_API_MAX_DELAY_MS` (30000). */
export function loadEchoEnv(env: NodeJS.ProcessEnv = process.env): EchoApiConfig {
  const parsed = schema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Invalid echo-api configuration (see .env.example):\n${problems.join('\n')}`);
  }
  return {
    port: parsed.data.ECHO_API_PORT,
    host: parsed.data.ECHO_API_HOST,
    maxDelayMs: parsed.data.ECHO_API_MAX_DELAY_MS,
  };
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
}
