import {
  answerText,
  escapeControlCharacters,
  type DoctorCheck,
  type DoctorReport,
  type TokenSummary,
} from '@stack/claim-policy';

const STATUS = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** The report as text for a terminal: the token's facts, then each target's checks with hints, then the result. */
export function renderReport(report: DoctorReport): string {
  const lines: string[] = [];
  if (report.token) lines.push(...tokenLines(report.token), '');
  lines.push(...report.checks.flatMap((check) => checkLines(check, '')));
  const width = Math.max(0, ...report.targets.flatMap((target) => target.checks.map((check) => check.check.length)));
  for (const target of report.targets) {
    lines.push('', `${target.label}`);
    lines.push(...target.checks.flatMap((check) => checkLines(check, '  ', width)));
    if (target.answer) lines.push(`  -> ${answerText(target.answer)}`);
  }
  const all = [...report.checks, ...report.targets.flatMap((target) => target.checks)];
  const failed = all.filter((check) => check.status === 'fail').length;
  const skipped = all.filter((check) => check.status === 'skip').length;
  lines.push(
    '',
    `Result: ${report.result === 'pass' ? 'PASS' : 'FAIL'} (${all.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped; judged at ${new Date(report.now).toISOString()})`,
  );
  return `${lines.map((line) => escapeControlCharacters(line)).join('\n')}\n`;
}

function tokenLines(token: TokenSummary): string[] {
  const shown = (value: unknown) =>
    value === undefined
      ? undefined
      : Array.isArray(value)
        ? value.map(String).join(', ')
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  const rows: [string, string | undefined][] = [
    [
      'header',
      [
        `alg ${shown(token.alg) ?? '(none)'}`,
        token.kid !== undefined ? `kid ${shown(token.kid)}` : undefined,
        token.typ !== undefined ? `typ ${shown(token.typ)}` : undefined,
      ]
        .filter(Boolean)
        .join(', '),
    ],
    [
      'version',
      token.version
        ? `${token.version} (${token.version === '2.0' ? 'v2' : 'v1'} token)`
        : 'unknown (no ver, issuer of no Entra form)',
    ],
    ['iss', shown(token.iss)],
    ['aud', shown(token.aud)],
    ['tid', shown(token.tid)],
    ['client', token.client ? `${token.client.value} (${token.client.claim})` : undefined],
    ['roles', shown(token.roles)],
    ['scp', shown(token.scp)],
    ['issued', token.iat],
    ['expires', token.exp],
  ];
  return [
    'Token (decoded, not the token itself)',
    ...rows.filter(([, value]) => value !== undefined).map(([name, value]) => `  ${name.padEnd(8)} ${value}`),
  ];
}

function checkLines(check: DoctorCheck, indent: string, width = check.check.length): string[] {
  const lines = [`${indent}${STATUS[check.status]}  ${check.check.padEnd(width)}  ${check.detail}`];
  if (check.hint) lines.push(`${indent}      ${' '.repeat(width)}  hint: ${check.hint}`);
  return lines;
}
