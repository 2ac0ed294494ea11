/**
 * Scans captured log text for what must never be logged: known secrets (client secrets, subscription keys), private
 * keys (PEM blocks, private JWKs) and complete signed tokens (three base64url segments whose first decodes to a JWT
 * header). Findings are redacted, so a failing assertion does not print the secret it caught.
 */

/** A value that must not appear in logs, with a label saying what it is (never the value itself). */
export interface NamedSecret {
  /** e.g. `client secret of ago-apiclient-oauth-app` or `subscription key worker-primary-key`. */
  readonly label: string;
  readonly value: string;
}

/** What kind of leak a finding is. */
export type SecretFindingKind = 'known-secret' | 'private-key' | 'token';

/** One leak: where it is and what, with the secret itself replaced by `[REDACTED]`. */
export interface SecretFinding {
  readonly kind: SecretFindingKind;
  /** The secret's label, `PEM private key`, `private JWK` or `JWT (alg ...)`. */
  readonly what: string;
  /** 1-based line number in the scanned text. */
  readonly line: number;
  /** The line (at most 200 characters around the leak) with the leaked value redacted. */
  readonly excerpt: string;
}

/** Options of {@link scanLogsForSecrets}. */
export interface ScanLogsOptions {
  /** Known secret values to look for, verbatim and in their JSON-escaped and URL-encoded forms. */
  readonly secrets?: readonly NamedSecret[];
}

/** Shorter values would match ordinary text; a secret that short is a configuration problem of its own. */
const MIN_SECRET_LENGTH = 8;

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;
/** A JWK with a private member (`d`: RSA/EC/OKP private exponent or scalar), whatever the member order. */
const PRIVATE_JWK = /\{[^{}]*\\?"kty\\?"\s*:\s*\\?"(?:RSA|EC|OKP)\\?"[^{}]*\}/g;
const PRIVATE_JWK_MEMBER = /\\?"d\\?"\s*:\s*\\?"[A-Za-z0-9_-]{16,}\\?"/;
/** Three base64url segments; the first starts like a JSON object (`{"` encodes to `eyJ` or `eyAi`...). */
const COMPACT_JWS = /(?<![A-Za-z0-9_-])(ey[A-Za-z0-9_-]{8,})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?![A-Za-z0-9_-])/g;

/**
 * Scans `logs` (one string, or one entry per line) and returns every finding, in line order; an empty array means
 * the logs are clean.
 * @throws Error when a known secret is shorter than 8 characters (it would match ordinary text).
 */
export function scanLogsForSecrets(logs: string | readonly string[], options: ScanLogsOptions = {}): SecretFinding[] {
  const lines = (typeof logs === 'string' ? [logs] : logs).flatMap((entry) => entry.split('\n'));
  const needles = (options.secrets ?? []).flatMap(spellings);
  const findings: SecretFinding[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    for (const needle of needles) {
      const at = text.indexOf(needle.value);
      if (at !== -1) findings.push(finding('known-secret', needle.label, line, text, at, needle.value, needles));
    }
    for (const match of text.matchAll(PEM_PRIVATE_KEY)) {
      findings.push(finding('private-key', 'PEM private key', line, text, match.index, match[0], needles));
    }
    for (const match of text.matchAll(PRIVATE_JWK)) {
      if (PRIVATE_JWK_MEMBER.test(match[0])) {
        findings.push(finding('private-key', 'private JWK', line, text, match.index, match[0], needles));
      }
    }
    for (const match of text.matchAll(COMPACT_JWS)) {
      const header = jwtHeader(match[1]);
      if (header)
        findings.push(
          finding('token', `JWT (alg ${header.alg.slice(0, 20)})`, line, text, match.index, match[0], needles),
        );
    }
  });
  return findings;
}

/** One line per finding, for an assertion message. */
export function describeSecretFindings(findings: readonly SecretFinding[]): string {
  return findings.map((f) => `line ${f.line}: ${f.what} (${f.kind}): ${f.excerpt}`).join('\n');
}

/** The forms a secret takes in logs: verbatim, inside a JSON string, URL-encoded (a form body or a query). */
function spellings(secret: NamedSecret): NamedSecret[] {
  if (secret.value.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `scanLogsForSecrets: the secret "${secret.label}" is shorter than ${MIN_SECRET_LENGTH} characters; ` +
        'it would match ordinary log text. Give the whole value.',
    );
  }
  const forms = new Set([secret.value, JSON.stringify(secret.value).slice(1, -1), encodeURIComponent(secret.value)]);
  return [...forms].map((value) => ({ label: secret.label, value }));
}

/** The decoded header when `segment` is canonical-enough base64url of a JSON object with a string `alg`. */
function jwtHeader(segment: string): { alg: string } | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
    const alg = (header as Record<string, unknown>)['alg'];
    return typeof alg === 'string' ? { alg } : undefined;
  } catch {
    return undefined;
  }
}

function finding(
  kind: SecretFindingKind,
  what: string,
  line: number,
  text: string,
  at: number,
  leaked: string,
  needles: readonly NamedSecret[],
): SecretFinding {
  const start = Math.max(0, at - 80);
  // What follows a private key's first line is the key itself: never shown.
  const end = kind === 'private-key' ? at + leaked.length : Math.min(text.length, at + leaked.length + 80);
  const before = `${start > 0 ? '…' : ''}${text.slice(start, at)}`;
  const after = `${text.slice(at + leaked.length, end)}${end < text.length ? '…' : ''}`;
  return { kind, what, line, excerpt: redactAll(`${before}[REDACTED]${after}`, needles) };
}

/** Other secrets or tokens in the same excerpt must not be printed either. */
function redactAll(excerpt: string, needles: readonly NamedSecret[]): string {
  let text = excerpt.replace(COMPACT_JWS, (token, header: string) => (jwtHeader(header) ? '[REDACTED]' : token));
  for (const needle of needles) text = text.split(needle.value).join('[REDACTED]');
  return text.replace(PEM_PRIVATE_KEY, '[REDACTED]');
}
