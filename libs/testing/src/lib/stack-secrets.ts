/**
 * Every secret the local stack knows, for {@link scanLogsForSecrets}: the client secrets of
 * config/identity/registrations.json, the subscription keys of config/gateway/named-values.json (their defaults),
 * the secret-looking values of .env.example, and those of a running stack's environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultRegistrations, defaultRegistrationsPath } from './default-registrations';
import type { NamedSecret } from './scan-logs-for-secrets';

/** Environment variables whose values are secrets (client secrets, subscription keys, passwords). */
const SECRET_VARIABLE = /(SECRET|PASSWORD|_KEY$|PRIMARY_KEY|SECONDARY_KEY)/;
/** Variables named like secrets that hold paths or public settings, not secrets. */
const NOT_A_SECRET = /(_PATH|_FILE|_DIR|_URL|_SECONDS|_MS)$/;

/**
 * The stack's secrets, deduplicated by value.
 * @param env a running stack's environment (e.g. what tools/stack started the apps with); default none. Values
 *   shorter than 8 characters are left out: they would match ordinary log text.
 */
export function stackSecrets(env: NodeJS.ProcessEnv = {}): NamedSecret[] {
  const repoRoot = dirname(dirname(dirname(defaultRegistrationsPath)));
  const found: NamedSecret[] = [];
  for (const client of defaultRegistrations.input.clients) {
    for (const secret of client.secrets ?? []) {
      found.push({ label: `client secret of ${client.displayName}`, value: secret.value });
    }
  }
  found.push(...subscriptionKeys(join(repoRoot, 'config', 'gateway', 'named-values.json')));
  found.push(...envFileSecrets(join(repoRoot, '.env.example')));
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 8 && isSecretVariable(name))
      found.push({ label: `${name} of the stack's environment`, value });
  }
  const byValue = new Map<string, NamedSecret>();
  for (const secret of found) if (!byValue.has(secret.value)) byValue.set(secret.value, secret);
  return [...byValue.values()];
}

function isSecretVariable(name: string): boolean {
  return SECRET_VARIABLE.test(name) && !NOT_A_SECRET.test(name);
}

/** Named values whose names say they are keys (`*-primary-key`, `*-secondary-key`): their defaults. */
function subscriptionKeys(file: string): NamedSecret[] {
  const { namedValues } = JSON.parse(readFileSync(file, 'utf8')) as {
    namedValues: Record<string, string | { default?: string }>;
  };
  return Object.entries(namedValues).flatMap(([name, value]) => {
    const text = typeof value === 'string' ? value : value.default;
    return /-key$/.test(name) && text ? [{ label: `subscription key ${name}`, value: text }] : [];
  });
}

/** `NAME=value` lines (also commented-out ones) of an env file whose names say they hold secrets. */
function envFileSecrets(file: string): NamedSecret[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=(\S+)\s*$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null && isSecretVariable(match[1]))
    .filter(([, , value]) => !/^<.*>$/.test(value)) // placeholders such as <client app's secret>
    .map(([, name, value]) => ({ label: `${name} of .env.example`, value }));
}
