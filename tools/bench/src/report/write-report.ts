/**
 * Writes latest.json (figures, every round, machine facts) and latest.md next to each other, and the README's latest
 * block, formatted by the repository's Prettier settings so `npm run format:check` stays green after a run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { renderMarkdown, type Report } from './markdown';
import { replaceReadmeBlock } from './readme-block';

export async function writeReport(report: Report, outDir: string): Promise<{ json: string; markdown: string }> {
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'latest.json');
  const markdown = join(outDir, 'latest.md');
  await writeFile(json, await formatted(json, JSON.stringify(report), 'json'));
  await writeFile(markdown, await formatted(markdown, renderMarkdown(report), 'markdown'));
  return { json, markdown };
}

export async function updateReadmeBlock(file: string, summary: string): Promise<void> {
  const updated = replaceReadmeBlock(await readFile(file, 'utf8'), summary, file);
  await writeFile(file, await formatted(file, updated, 'markdown'));
}

async function formatted(file: string, text: string, parser: 'json' | 'markdown'): Promise<string> {
  return format(text, { ...(await resolveConfig(file)), parser });
}
