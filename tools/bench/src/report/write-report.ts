/** Writes latest.json (figures, every round, machine facts) and latest.md next to each other. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown, type Report } from './markdown';

export async function writeReport(report: Report, outDir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'latest.json');
  const markdown = join(outDir, 'latest.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, renderMarkdown(report));
  return { json, markdown };
}
