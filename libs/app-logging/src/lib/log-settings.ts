/** The levels pino knows; `silent` turns logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type AppLogLevel = (typeof LOG_LEVELS)[number];

/** `pretty`: one coloured (on a terminal) human line per event; `json`: one JSON object per line. */
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** A bad LOG_LEVEL or LOG_FORMAT; the message names the variable and the values it takes. */
export class LogSettingsError extends Error {
  override readonly name = 'LogSettingsError';
}

/**
 * The output format: `LOG_FORMAT` when set (empty counts as unset), else pretty for a terminal and JSON for a file
 * or a pipe, where another program (or `grep`) reads the lines.
 */
export function chooseLogFormat(requested: string | undefined, stdoutIsTTY: boolean): LogFormat {
  const value = requested?.trim().toLowerCase();
  if (!value) return stdoutIsTTY ? 'pretty' : 'json';
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  throw new LogSettingsError(`LOG_FORMAT=${JSON.stringify(requested)}: must be ${LOG_FORMATS.join(' or ')} (or unset)`);
}

/** `LOG_LEVEL` (default `info`), for apps without their own environment schema. */
export function readLogLevel(env: NodeJS.ProcessEnv = process.env, variable = 'LOG_LEVEL'): AppLogLevel {
  const value = env[variable]?.trim().toLowerCase();
  if (!value) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as AppLogLevel;
  throw new LogSettingsError(
    `${variable}=${JSON.stringify(env[variable])}: must be one of ${LOG_LEVELS.join(', ')} (see .env.example)`,
  );
}
