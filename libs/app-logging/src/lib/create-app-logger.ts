import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { chooseLogFormat, type LogFormat } from './log-settings';
import { loggableText } from './loggable-text';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';

/**
 * A field pretty output leaves out: for lines whose message already says it all to a person (the identity banner),
 * with the same facts structured for JSON readers.
 */
export const JSON_ONLY_FIELD = 'details';

export interface AppLoggerOptions {
  /** The app's name, on every line as `service`. */
  readonly service: string;
  /** pino level (fatal … trace, silent); the app validates its LOG_LEVEL. */
  readonly level: string;
  /** Default: `LOG_FORMAT` from `env`, else pretty when `isTTY`, else JSON. */
  readonly format?: LogFormat;
  /** Where lines go; default stdout (fd 1), written synchronously. */
  readonly destination?: DestinationStream | NodeJS.WritableStream;
  /** Whether the destination is a terminal (colours, default format); default `process.stdout.isTTY`. */
  readonly isTTY?: boolean;
  /** Default process.env (for LOG_FORMAT). */
  readonly env?: NodeJS.ProcessEnv;
  /** Redaction paths beyond {@link REDACTED_PATHS} (e.g. the gateway's subscription keys). */
  readonly redact?: readonly string[];
}

/**
 * The one logger every app uses: pino with `service` on every line, ISO times, the level as a label, credential
 * fields redacted and error messages escaped and bounded. Pretty (pino-pretty, coloured only on a terminal) or
 * JSON lines; both write synchronously, so the lines before a `process.exit` are not lost.
 * @throws LogSettingsError for a bad LOG_FORMAT.
 */
export function createAppLogger(options: AppLoggerOptions): Logger {
  const isTTY = options.isTTY ?? Boolean(process.stdout.isTTY);
  const format = options.format ?? chooseLogFormat((options.env ?? process.env)['LOG_FORMAT'], isTTY);
  const settings: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: REDACTION_CENSOR },
    serializers: { err: serializeError },
  };
  return pino(settings, format === 'pretty' ? prettyStream(options.destination, isTTY) : jsonStream(options));
}

function jsonStream(options: AppLoggerOptions): DestinationStream | NodeJS.WritableStream {
  return options.destination ?? pino.destination({ dest: 1, sync: true });
}

function prettyStream(destination: AppLoggerOptions['destination'], colorize: boolean) {
  return pretty({
    colorize,
    sync: true,
    destination: destination ?? 1,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: `pid,hostname,service,${JSON_ONLY_FIELD}`,
    messageFormat: '[{service}] {msg}',
    // An error's stack is multi-line by nature; every other field stays on one line per key.
    errorLikeObjectKeys: ['err', 'error'],
  });
}

/** pino's error serializer, with message and stack escaped and bounded: they may quote request data. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: loggableText(serialized.message, 1000),
    stack: loggableText(serialized.stack, 4000),
  };
}
