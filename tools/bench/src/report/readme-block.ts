/**
 * Keeps the README's Benchmarks section showing the latest run: the text between two HTML comments is replaced by the
 * run's summary (written by write-report.ts).
 */

export const README_BLOCK_START = '<!-- bench:latest:start (written by npm run bench) -->';
export const README_BLOCK_END = '<!-- bench:latest:end -->';

/** `text` with the block between the markers replaced by `summary`; throws when the markers are missing. */
export function replaceReadmeBlock(text: string, summary: string, file = 'README.md'): string {
  const start = text.indexOf(README_BLOCK_START);
  const end = text.indexOf(README_BLOCK_END);
  if (start === -1 || end < start) {
    throw new Error(
      `${file} has no "${README_BLOCK_START}" ... "${README_BLOCK_END}" block in its Benchmarks section; ` +
        'add the two lines where the latest table belongs, or run with --skip-readme.',
    );
  }
  return `${text.slice(0, start + README_BLOCK_START.length)}\n\n${summary.trim()}\n\n${text.slice(end)}`;
}
