/** The environment switches docs/azure.md tells a user to set, read from the block between its azure-env markers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../stack/services';

export const AZURE_DOC = join(repoRoot, 'docs', 'azure.md');

/** `[name, value]` pairs in the order of the doc (comments and blank lines left out). */
export function docEnvLines(file = AZURE_DOC): Array<[string, string]> {
  const text = readFileSync(file, 'utf8');
  const block = /<!-- azure-env:start[^>]*-->\s*```dotenv\n([\s\S]*?)```\s*<!-- azure-env:end -->/.exec(text);
  if (!block)
    throw new Error(`${file}: no \`\`\`dotenv block between <!-- azure-env:start --> and <!-- azure-env:end -->`);
  return block[1]
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 1) throw new Error(`${file}: "${line}" in the azure-env block is not NAME=value`);
      return [line.slice(0, at), line.slice(at + 1)];
    });
}
