import { join } from 'node:path';
import { diagnoseToken, parseCompactJws, type DoctorTarget, type ImportOptions } from '@stack/claim-policy';
import { ENTRA_AUTHORITY_ORIGIN } from '@stack/gateway-adapters';
import { repoRoot } from '../stack/services';
import { localStackEnv } from '../stack/local-env';
import { DoctorUsageError, parseDoctorArgs, usage, type DoctorArgs } from './doctor-args';
import { discoveryKeys, type ClosableKeySource } from './discovery-keys';
import { renderReport } from './render-report';
import { gatewayApiTargets, gatewayRoute, readDoctorGatewayConfig } from './targets/gateway-targets';
import { policyFileTargets } from './targets/policy-xml-targets';
import { protectedApiTarget } from './targets/protected-api-target';

/** What the doctor reads and writes; tests pass their own. */
export interface DoctorIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Reads the token for `-`. */
  readonly stdin?: () => Promise<string>;
  /** Builds the key source (default: OpenID discovery over HTTP); `authority` serves login.microsoftonline.com. */
  readonly keys?: (authority: string | undefined) => ClosableKeySource;
  /** The time lifetimes are judged at (default now). */
  readonly now?: number;
}

/** Where the signing keys came from, in the JSON report and above the human one. */
type KeysFrom =
  | { readonly mode: 'offline' }
  | { readonly mode: 'local'; readonly authority: string }
  | { readonly mode: 'entra'; readonly authority: string };

/** `npm run doctor -- …`: the exit code (0 all passed, 1 a check failed, 2 usage or configuration error). */
export async function runDoctor(argv: readonly string[], io: DoctorIo): Promise<number> {
  let args: DoctorArgs | 'help';
  try {
    args = parseDoctorArgs(argv);
  } catch (error) {
    if (!(error instanceof DoctorUsageError)) throw error;
    io.err(`doctor: ${error.message}\n${usage.split('\n')[0]}\n(npm run doctor -- --help lists the options)\n`);
    return 2;
  }
  if (args === 'help') {
    io.out(usage);
    return 0;
  }
  const token = args.token === '-' ? ((await io.stdin?.()) ?? '') : args.token;
  const env = stackEnv(io.env);
  const authority = entraAuthority(args, env, token);
  let targets: DoctorTarget[];
  try {
    targets = resolveTargets(args, env, authority);
  } catch (error) {
    io.err(`doctor: ${(error as Error).message}\n`);
    return 2;
  }
  const keysFrom: KeysFrom = args.offline
    ? { mode: 'offline' }
    : authority
      ? { mode: 'local', authority }
      : { mode: 'entra', authority: ENTRA_AUTHORITY_ORIGIN };
  const keys = args.offline ? undefined : (io.keys ?? discoveryKeys)(authority);
  try {
    const report = await diagnoseToken(token, { targets, keys, now: io.now });
    if (args.json) {
      io.out(`${JSON.stringify({ ...report, keys: keysFrom }, null, 2)}\n`);
    } else {
      io.out(`${keysLine(keysFrom)}\n\n${renderReport(report)}`);
    }
    return report.result === 'pass' ? 0 : 1;
  } finally {
    keys?.close();
  }
}

function keysLine(keys: KeysFrom): string {
  if (keys.mode === 'offline') return 'Signing keys: offline (--offline), discovery not attempted.';
  if (keys.mode === 'local')
    return `Signing keys: ${ENTRA_AUTHORITY_ORIGIN} is served by ${keys.authority} (the local identity service).`;
  return `Signing keys: from Entra ID (${ENTRA_AUTHORITY_ORIGIN}).`;
}

/** The local stack's settings (npm start's), with the caller's environment winning; the bare environment if unreadable. */
function stackEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  try {
    return localStackEnv(env);
  } catch {
    return env;
  }
}

/**
 * Where https://login.microsoftonline.com is served: `--authority`, else the local identity service when the token's
 * issuer is on it (npm start's GATEWAY_ENTRA_AUTHORITY_HOST), else Entra itself (undefined).
 */
function entraAuthority(args: DoctorArgs, env: NodeJS.ProcessEnv, token: string): string | undefined {
  const chosen = args.authority ?? localAuthorityFor(env, token);
  if (chosen === undefined || originOf(chosen) === ENTRA_AUTHORITY_ORIGIN) return undefined;
  return chosen;
}

function localAuthorityFor(env: NodeJS.ProcessEnv, token: string): string | undefined {
  const local = env['GATEWAY_ENTRA_AUTHORITY_HOST'];
  if (!local) return undefined;
  const parsed = parseCompactJws(token.trim().replace(/^bearer\s+/i, ''));
  const iss = parsed.ok ? parsed.claims['iss'] : undefined;
  return typeof iss === 'string' && originOf(iss) === originOf(local) ? local.replace(/\/+$/, '') : undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function resolveTargets(args: DoctorArgs, env: NodeJS.ProcessEnv, authority: string | undefined): DoctorTarget[] {
  const entra: ImportOptions['entra'] =
    authority && (env['GATEWAY_ENTRA_ISSUER_MODE'] ?? 'local') === 'local'
      ? { authorityHost: authority, v1IssuerHost: authority }
      : undefined;
  const configDir = args.configDir ?? env['GATEWAY_CONFIG_DIR'] ?? join(repoRoot, 'config', 'gateway');
  const { target } = args;
  let targets: DoctorTarget[];
  let where: string;
  if (target.kind === 'policy') {
    const namedValues = tryGatewayConfig(configDir, env)?.definition.namedValues ?? {};
    targets = policyFileTargets(target.file, '', { namedValues, entra, fragmentsDir: join(configDir, 'fragments') });
    where = target.file;
  } else if (target.kind === 'api') {
    targets = gatewayApiTargets(readDoctorGatewayConfig(configDir, env), target.apiId, target.operationId, entra);
    where = `the gateway's ${target.apiId}${target.operationId ? ` ${target.operationId}` : ''} policies`;
  } else {
    const url = new URL(target.url);
    if (isLocal(url) && portOf(url) === Number(env['PROTECTED_API_PORT'] ?? 3000)) {
      return [protectedApiTarget(env, target.method, url.pathname)];
    }
    if (isLocal(url) && portOf(url) === Number(env['ECHO_API_PORT'] ?? 3001)) {
      throw new DoctorUsageError(
        'echo-api checks no token itself; give its gateway URL (e.g. http://localhost:8080/echo/resource).',
      );
    }
    const config = readDoctorGatewayConfig(configDir, env);
    const route = gatewayRoute(config, url.pathname, target.method);
    if (!route) {
      throw new DoctorUsageError(
        `${url.pathname} is no gateway API path (${config.definition.apis.map((api) => `/${api.path}`).join(', ')}) and port ${portOf(url)} is not protected-api's.`,
      );
    }
    targets = gatewayApiTargets(config, route.apiId, route.operationId, entra);
    where = `the gateway's ${route.apiId}${route.operationId ? ` ${route.operationId}` : ''} policies`;
  }
  if (targets.length === 0) {
    throw new DoctorUsageError(`${where} hold no validate-jwt or validate-azure-ad-token: no token is checked there.`);
  }
  return targets;
}

function tryGatewayConfig(configDir: string, env: NodeJS.ProcessEnv) {
  try {
    return readDoctorGatewayConfig(configDir, env);
  } catch {
    return undefined;
  }
}

function isLocal(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
