/**
 * Fields that carry a credential if someone logs headers, a form or a config object. The apps never log them on
 * purpose (the rule: never log a token, a secret or a key); redaction is the safety net. Header names are
 * lower case as Node gives them.
 */
const CREDENTIAL_FIELDS = [
  'authorization',
  'cookie',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'client_assertion',
  'secret',
  'privateKey',
];

const CREDENTIAL_HEADERS = ['authorization', 'cookie', '"set-cookie"', '"ocp-apim-subscription-key"'];

const headerPaths = (prefix: string) =>
  CREDENTIAL_HEADERS.map((name) => `${prefix}${name.startsWith('"') ? `[${name}]` : `.${name}`}`);

/** pino `redact.paths` every app logger applies. */
export const REDACTED_PATHS: readonly string[] = [
  ...CREDENTIAL_FIELDS,
  ...CREDENTIAL_FIELDS.map((field) => `*.${field}`),
  ...headerPaths('headers'),
  ...headerPaths('*.headers'),
  ...headerPaths('req.headers'),
  ...headerPaths('res.headers'),
];

/** What a redacted value is replaced with. */
export const REDACTION_CENSOR = '[redacted]';
