/**
 * `npm run security -- --target <url> [options]`: the command line turned into {@link SuiteOptions}. Local defaults
 * (tenant, audience, client, gateway keys) come from the repository's config files when they are found; every one
 * can be given instead, so the suite runs against any service.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TargetKind, TrustedKey } from '../model';
import type { SuiteOptions } from '../run/run-suite';
import { readGatewayKeys } from './gateway-keys';
import { readIdentitySigningKey } from './identity-data';
import { readLocalRegistrations, type LocalRegistrationDefaults } from './local-registrations';
import { findUp } from './repo-files';

export const USAGE = `Usage: npm run security -- --target <url> [options]

  --target <url>              base URL of the service to attack (required)
  --kind bearer|apim          bearer: RFC 6750 resource server (default); apim: the APIM-compatible gateway
  --path <path>               route that needs a token and --role (default /resource; apim: /protected/resource)
  --subscription-key <key>    apim: key sent with every case (default: the local gateway's Unlimited key)
  --suspended-key <key>       apim: a suspended subscription's key (else that case is skipped)
  --other-product-key <key>   apim: a key whose scope does not hold the API (else that case is skipped)
  --apim-message <text>       apim: the policy's failed-validation-error-message, if it sets one
  --identity-data <dir>       the local identity service's data folder (.data): its current signing key
  --signing-key <pem> --kid <kid>   a private key the target trusts, and its kid
  --jwks-uri <url>            the target's JWKS, for the HMAC-with-public-key cases when no key is given
  --tenant <id> --audience <aud> --client-id <id> --issuer <iss> --role <role>
                              token identity (defaults: config/identity/registrations.json, role Echo.Read,
                              issuer <identity-url>/<tenant>/v2.0 with a key, Entra's otherwise)
  --identity-url <url>        the local identity service (default https://localhost:5443)
  --clock-skew <seconds>      the target's clock skew (default 0)
  --timeout-ms <ms>           per request (default 10000)
  --max-seconds <s>           whole run (default 300)
  --json                      print the report as JSON
Exit codes: 0 all cases passed; 1 a mismatch, a 2xx, a 5xx or a canary hit; 2 bad options or an unreachable target.`;

export class UsageError extends Error {}

export interface CliOptions {
  readonly suite: SuiteOptions;
  readonly json: boolean;
}

export async function parseCliOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliOptions> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        target: { type: 'string' },
        kind: { type: 'string' },
        path: { type: 'string' },
        'subscription-key': { type: 'string' },
        'subscription-key-header': { type: 'string' },
        'suspended-key': { type: 'string' },
        'other-product-key': { type: 'string' },
        'apim-message': { type: 'string' },
        'identity-data': { type: 'string' },
        'signing-key': { type: 'string' },
        kid: { type: 'string' },
        'jwks-uri': { type: 'string' },
        tenant: { type: 'string' },
        audience: { type: 'string' },
        'client-id': { type: 'string' },
        issuer: { type: 'string' },
        role: { type: 'string' },
        'identity-url': { type: 'string' },
        'clock-skew': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'max-seconds': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (name: string) => values[name] as string | undefined;
  if (values['help']) throw new UsageError('');
  const target = text('target');
  if (!target) throw new UsageError('--target is required, e.g. --target http://localhost:3000');
  let targetUrl: URL;
  try {
    targetUrl = new URL(target);
  } catch {
    throw new UsageError(`--target ${target} is not a URL; give e.g. http://localhost:3000`);
  }
  const kind = (text('kind') ?? 'bearer') as TargetKind;
  if (kind !== 'bearer' && kind !== 'apim') throw new UsageError(`--kind must be bearer or apim, not ${kind}`);
  const path = text('path') ?? (kind === 'apim' ? '/protected/resource' : '/resource');

  const trustedKey = await trustedKeyOf(text('identity-data'), text('signing-key'), text('kid'));
  const local = localRegistrations();
  const tenantId = text('tenant') ?? local?.tenantId;
  const audience = text('audience') ?? local?.audience;
  const clientId = text('client-id') ?? local?.clientId;
  if (!tenantId || !audience || !clientId) {
    throw new UsageError(
      '--tenant, --audience and --client-id are needed (no config/identity/registrations.json found)',
    );
  }
  const identityUrl = (text('identity-url') ?? 'https://localhost:5443').replace(/\/$/, '');
  const issuer =
    text('issuer') ??
    (trustedKey ? `${identityUrl}/${tenantId}/v2.0` : `https://login.microsoftonline.com/${tenantId}/v2.0`);

  const keys = kind === 'apim' && isLoopback(targetUrl) ? localGatewayKeys(path, env) : {};
  const subscriptionKey = text('subscription-key') ?? keys.valid;
  return {
    json: values['json'] === true,
    suite: {
      target: targetUrl.origin,
      kind,
      path,
      identity: { tenantId, audience, clientId, issuer, role: text('role') ?? 'Echo.Read' },
      trustedKey,
      targetPublicKey: !trustedKey && text('jwks-uri') ? await jwksKey(text('jwks-uri') as string) : undefined,
      clockSkewSeconds: numberOption(text('clock-skew'), 'clock-skew', 0),
      subscriptionKey,
      subscriptionKeyHeader: text('subscription-key-header'),
      suspendedKey: text('suspended-key') ?? keys.suspended,
      otherProductKey: text('other-product-key') ?? keys.otherProduct,
      judge: { apimFailureMessage: text('apim-message') },
      timeoutMs: numberOption(text('timeout-ms'), 'timeout-ms', 10_000),
      deadlineMs: numberOption(text('max-seconds'), 'max-seconds', 300) * 1000,
    },
  };
}

async function trustedKeyOf(dataDir?: string, pemFile?: string, kid?: string): Promise<TrustedKey | undefined> {
  if (dataDir && pemFile) throw new UsageError('give --identity-data or --signing-key, not both');
  if (dataDir) return readIdentitySigningKey(dataDir);
  if (!pemFile) return undefined;
  if (!kid) throw new UsageError('--signing-key needs --kid (the kid the target finds the key by)');
  try {
    return { kid, privateKey: createPrivateKey(readFileSync(pemFile, 'utf8')) };
  } catch (error) {
    throw new UsageError(`--signing-key ${pemFile}: ${(error as Error).message}; give a PEM private key file`);
  }
}

function localRegistrations(): LocalRegistrationDefaults | undefined {
  const path = findUp(join('config', 'identity', 'registrations.json'));
  return path ? readLocalRegistrations(path) : undefined;
}

function localGatewayKeys(path: string, env: NodeJS.ProcessEnv) {
  const dir = env['GATEWAY_CONFIG_DIR'] ?? findUp(join('config', 'gateway'));
  return dir ? readGatewayKeys(dir, path, env) : {};
}

async function jwksKey(uri: string): Promise<{ key: KeyObject; kid: string }> {
  const response = await fetch(uri, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new UsageError(`--jwks-uri ${uri} answered ${response.status}`);
  const { keys } = (await response.json()) as { keys?: Array<Record<string, unknown>> };
  const rsa = keys?.find((key) => key['kty'] === 'RSA' && typeof key['kid'] === 'string');
  if (!rsa) throw new UsageError(`--jwks-uri ${uri} holds no RSA key with a kid`);
  const { n, e, kty } = rsa as { n: string; e: string; kty: string };
  return { key: createPublicKey({ key: { kty, n, e }, format: 'jwk' }), kid: rsa['kid'] as string };
}

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new UsageError(`--${name} must be a non-negative number`);
  return number;
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
