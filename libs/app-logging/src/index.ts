export { createAppLogger, JSON_ONLY_FIELD, type AppLoggerOptions } from './lib/create-app-logger';
export {
  chooseLogFormat,
  readLogLevel,
  LOG_FORMATS,
  LOG_LEVELS,
  LogSettingsError,
  type AppLogLevel,
  type LogFormat,
} from './lib/log-settings';
export { loggableText } from './lib/loggable-text';
export { REDACTED_PATHS, REDACTION_CENSOR } from './lib/redaction';
export { REQUEST_ID_HEADER, requestIdFrom, saneRequestId } from './lib/request-id';
export { AppLoggerModule, type AppLoggerModuleOptions } from './lib/nest/app-logger.module';
export { AppNestLogger } from './lib/nest/app-nest-logger';
export { useAppLogger } from './lib/nest/use-app-logger';
export { requestContext, type RequestContext } from './lib/nest/request-context';
export { FASTIFY_REQUEST_ID_OPTIONS } from './lib/nest/fastify-request-ids';
