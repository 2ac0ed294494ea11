import { parseArgs } from 'node:util';

/** What `npm run doctor -- …` asked for. */
export interface DoctorArgs {
  /** The token text, or `-` to read it from standard input. */
  readonly token: string;
  readonly target:
    | { readonly kind: 'api'; readonly apiId: string; readonly operationId?: string }
    | { readonly kind: 'policy'; readonly file: string }
    | { readonly kind: 'url'; readonly url: string; readonly method: string };
  readonly json: boolean;
  readonly offline: boolean;
  /** Where login.microsoftonline.com is served; default: decided from the token's issuer (see usage). */
  readonly authority?: string;
  /** The gateway configuration folder; default GATEWAY_CONFIG_DIR or config/gateway. */
  readonly configDir?: string;
}

/** A mistake on the command line: exit code 2, the message and the usage line. */
export class DoctorUsageError extends Error {
  override readonly name = 'DoctorUsageError';
}

export const usage = `Usage: npm run doctor -- <token | -> (--api <id> [--operation <id>] | --policy <file.xml> | --url <URL> [--method GET]) [--offline] [--json] [--authority <URL>]

Explains why a token is accepted or refused: decodes it, finds the issuer's signing key through OpenID discovery,
verifies the signature and checks every rule of the chosen policy, each with pass/fail and a hint.

  <token>            the access token (a leading "Bearer " is fine); - reads it from standard input
  --api <id>         the gateway API's validate-jwt / validate-azure-ad-token policies (config/gateway: global, API)
  --operation <id>   also that operation's policy (e.g. --api echo-api --operation create-resource)
  --policy <file>    an APIM policy file: every validate-jwt / validate-azure-ad-token in it
  --url <URL>        a gateway URL (its API and operation by path) or a protected-api URL (by its port:
                     the API's own Entra checks and the roles of that route)
  --method <verb>    the HTTP method for --url (default GET)
  --offline          do not fetch discovery documents: the signature is reported as not verifiable offline
  --authority <URL>  where https://login.microsoftonline.com is served (default: the local identity service when
                     the token's issuer is on it, else Entra itself)
  --config <dir>     the gateway configuration folder (default GATEWAY_CONFIG_DIR or config/gateway)
  --json             the report as JSON, for scripts

Exit code: 0 every check passed (skipped ones aside), 1 a check failed, 2 a usage or configuration error.
`;

/** Parses the arguments; `'help'` for --help. @throws DoctorUsageError naming the mistake. */
export function parseDoctorArgs(args: readonly string[]): DoctorArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        api: { type: 'string' },
        operation: { type: 'string' },
        policy: { type: 'string' },
        url: { type: 'string' },
        method: { type: 'string' },
        offline: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        authority: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new DoctorUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new DoctorUsageError(
      positionals.length === 0
        ? 'give the token to check (or - to read it from standard input).'
        : `give one token, got ${positionals.length} arguments.`,
    );
  }
  const chosen = [values.api, values.policy, values.url].filter((value) => value !== undefined);
  if (chosen.length !== 1) {
    throw new DoctorUsageError('choose exactly one of --api <id>, --policy <file.xml> or --url <URL>.');
  }
  if (values.operation !== undefined && values.api === undefined) {
    throw new DoctorUsageError('--operation goes with --api (with --url the path names the operation).');
  }
  if (values.method !== undefined && values.url === undefined) throw new DoctorUsageError('--method goes with --url.');
  if (values.authority !== undefined && !isHttpUrl(values.authority)) {
    throw new DoctorUsageError(
      `--authority must be an http(s) URL, e.g. https://localhost:5443; got "${values.authority}".`,
    );
  }
  const target: DoctorArgs['target'] =
    values.api !== undefined
      ? { kind: 'api', apiId: values.api, operationId: values.operation }
      : values.policy !== undefined
        ? { kind: 'policy', file: values.policy }
        : { kind: 'url', url: checkedUrl(String(values.url)), method: (values.method ?? 'GET').toUpperCase() };
  return {
    token: positionals[0],
    target,
    json: values.json === true,
    offline: values.offline === true,
    authority: values.authority?.replace(/\/+$/, ''),
    configDir: values.config,
  };
}

function checkedUrl(value: string): string {
  if (!isHttpUrl(value))
    throw new DoctorUsageError(
      `--url must be an http(s) URL, e.g. http://localhost:8080/echo/resource; got "${value}".`,
    );
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
