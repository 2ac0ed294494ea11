/** The report as text: `case | expected | got | verdict`, the notes, and one summary line. */
import type { CaseResult, SuiteReport } from './run-suite';

export function formatTable(report: SuiteReport): string {
  const rows = report.results.map(row);
  const header = ['case', 'expected', 'got', 'verdict'];
  const widths = header.map((title, column) =>
    Math.min(column === 0 ? 48 : 70, Math.max(title.length, ...rows.map((cells) => cells[column].length))),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 3 ? cell : cell.padEnd(widths[column]))).join(' | ');
  return [
    `security suite: ${report.kind} target ${report.target}${report.path}`,
    ...(report.control ? [`control (a valid token): ${report.control.got}`] : []),
    '',
    line(header),
    widths.map((width, column) => '-'.repeat(column === 3 ? 7 : width)).join('-|-'),
    ...rows.map(line),
    '',
    ...report.notes.map((note) => `note: ${note}`),
    ...(report.canaryRequests.length > 0 ? [`canary requests: ${report.canaryRequests.join(', ')}`] : []),
    formatSummary(report),
  ].join('\n');
}

export function formatSummary(report: SuiteReport): string {
  const s = report.summary;
  return (
    `summary (${report.kind}): cases ${s.cases}, passed ${s.passed}, failed ${s.failed}, skipped ${s.skipped}, ` +
    `2xx accepted ${s.accepted}, 5xx ${s.serverErrors}, canary hits ${s.canaryHits}`
  );
}

function row(result: CaseResult): [string, string, string, string] {
  const verdict =
    result.verdict === 'pass' ? 'pass' : result.verdict === 'skipped' ? 'skipped' : `FAIL (${result.verdict})`;
  return [result.id, result.expected, oneLine(result.got), verdict];
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}
