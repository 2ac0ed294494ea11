/**
 * The command line of `npm run call`: `[options] <METHOD> <path or URL> [body]`, options anywhere. Parsing only; what
 * the names mean (which registration, which subscription) is resolved by call-target.ts.
 */

export interface CallOptions {
  readonly method: string;
  /** A path (appended to the base URL) or an absolute http(s) URL. */
  readonly target: string;
  readonly body?: string;
  /** App registration display name or appId; default the worker's client. */
  readonly client?: string;
  /** API registration display name, appId or App ID URI; the scope becomes `<App ID URI>/.default`. */
  readonly api?: string;
  /** A dev user's UPN: the token is theirs, signed in through the developer portal's client (auth code + PKCE). */
  readonly user?: string;
  /** The scope as given; wins over `api`. */
  readonly scope?: string;
  /** Base URL a path is appended to; default the gateway. */
  readonly url?: string;
  /** Gateway subscription id whose primary key is sent. */
  readonly subscription?: string;
  /** A subscription key as given. */
  readonly key?: string;
  /** Send no `Ocp-Apim-Subscription-Key`. */
  readonly noKey: boolean;
  /** Send no `Authorization` header (see the gateway's or the API's 401). */
  readonly noToken: boolean;
}

/** A command line that cannot be run; the message says what to change. */
export class CallUsageError extends Error {
  override readonly name = 'CallUsageError';
}

export const usage = `Usage: npm run call -- [options] <METHOD> <path | URL> [body]

One call with a client-credentials token, or a signed-in dev user's token (--user), and a subscription key,
printed. Start the stack first (npm start).
<path> is appended to --url (default: the gateway, http://localhost:8080); a full http(s) URL is called as is.

Options:
  --client <name | appId>   app registration that gets the token (config/identity/registrations.json);
                            default ago-apiclient-oauth-app, the worker's client. Its secret is used, or the
                            certificate the identity service generated in .data/clients/.
  --user <upn>              sign this dev user in (config/identity/registrations.json users, e.g.
                            adele@stack.local) through the developer portal's client ago-devportal-spa-app:
                            authorization code with PKCE against the local identity service; a delegated token
                            (scp, plus roles only if the user was assigned one)
  --api <name | appId>      API registration the token is for: scope <App ID URI>/.default;
                            default ago-apiproxy-oauth-app
  --scope <scope>           the scope as is, e.g. api://<appId>/.default (instead of --api)
  --url <base URL>          where <path> goes, e.g. http://localhost:3000 for protected-api directly
  --subscription <id>       gateway subscription whose primary key is sent (config/gateway/subscriptions.json);
                            default worker
  --key <key>               this subscription key instead
  --no-key                  no Ocp-Apim-Subscription-Key header
  --no-token                no Authorization header
  -h, --help                this text

Examples:
  npm run call -- GET /protected/resource
  npm run call -- --client ago-norole-oauth-app GET /protected/resource
  npm run call -- --client ago-certclient-oauth-app --url http://localhost:3000 --no-key GET /resource
  npm run call -- --api ago-legacyapi-oauth-app GET /protected/resource
  npm run call -- --user adele@stack.local GET /echo/resource
  npm run call -- --user adele@stack.local GET /echo-app-only/resource
  npm run call -- --subscription starter-trial GET /echo/status
  npm run call -- POST /echo/resource "{\\"hello\\":\\"world\\"}"
`;

const valueFlags = ['--client', '--user', '--api', '--scope', '--url', '--subscription', '--key'] as const;
type ValueFlag = (typeof valueFlags)[number];
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Parses the arguments after `npm run call --`; returns 'help' for -h/--help. Throws {@link CallUsageError}. */
export function parseCallArgs(args: readonly string[]): CallOptions | 'help' {
  const values = new Map<ValueFlag, string>();
  const positional: string[] = [];
  let noKey = false;
  let noToken = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--no-key') noKey = true;
    else if (arg === '--no-token') noToken = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = splitInline(arg);
      if (!isValueFlag(name)) throw new CallUsageError(`Unknown option ${name}. See npm run call -- --help.`);
      const value = inline ?? args[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
        throw new CallUsageError(`${name} needs a value, e.g. ${name} ${example(name)}.`);
      }
      if (values.has(name)) throw new CallUsageError(`${name} is given twice.`);
      values.set(name, value);
    } else positional.push(arg);
  }
  const [method, target, body, ...extra] = positional;
  if (!method || !target) {
    throw new CallUsageError('Give a method and a path, e.g. npm run call -- GET /protected/resource');
  }
  if (extra.length > 0) {
    throw new CallUsageError(`Unexpected arguments after the body: ${extra.join(' ')} (quote a body with spaces).`);
  }
  if (!methods.includes(method.toUpperCase())) {
    throw new CallUsageError(`"${method}" is not an HTTP method (one of ${methods.join(', ')}).`);
  }
  if (!target.startsWith('/') && !/^https?:\/\//i.test(target)) {
    throw new CallUsageError(`"${target}" must be a path starting with / or an http(s) URL.`);
  }
  if (values.has('--scope') && values.has('--api')) {
    throw new CallUsageError('Give --api or --scope, not both (--api <name> means --scope <its App ID URI>/.default).');
  }
  if (noKey && (values.has('--key') || values.has('--subscription'))) {
    throw new CallUsageError('--no-key cannot be combined with --key or --subscription.');
  }
  if (values.has('--key') && values.has('--subscription')) {
    throw new CallUsageError('Give --key or --subscription, not both.');
  }
  if (noToken && (values.has('--client') || values.has('--api') || values.has('--scope'))) {
    throw new CallUsageError('--no-token sends no token: drop --client, --api and --scope.');
  }
  if (values.has('--user') && values.has('--client')) {
    throw new CallUsageError(
      "Give --user or --client, not both: --user signs in through the developer portal's client " +
        '(ago-devportal-spa-app); --client gets a client-credentials token.',
    );
  }
  if (noToken && values.has('--user')) throw new CallUsageError('--no-token sends no token: drop --user.');
  const url = values.get('--url');
  if (url !== undefined && !/^https?:\/\/[^/]/i.test(url)) {
    throw new CallUsageError(`--url must be an http(s) base URL such as http://localhost:3000, got "${url}".`);
  }
  return {
    method: method.toUpperCase(),
    target,
    body,
    client: values.get('--client'),
    user: values.get('--user'),
    api: values.get('--api'),
    scope: values.get('--scope'),
    url,
    subscription: values.get('--subscription'),
    key: values.get('--key'),
    noKey,
    noToken,
  };
}

function splitInline(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

function isValueFlag(name: string): name is ValueFlag {
  return (valueFlags as readonly string[]).includes(name);
}

function example(flag: ValueFlag): string {
  const examples: Record<ValueFlag, string> = {
    '--client': 'ago-norole-oauth-app',
    '--user': 'adele@stack.local',
    '--api': 'ago-legacyapi-oauth-app',
    '--scope': 'api://<appId>/.default',
    '--url': 'http://localhost:3000',
    '--subscription': 'starter-trial',
    '--key': 'dev-only-starter-primary-key',
  };
  return examples[flag];
}
