/**
 * The last line of `npm test`: which suites were skipped for a missing tool, from the records
 * `skipUnlessAvailable` (libs/testing/src/lib/skips.ts) appends to STACK_TEST_SKIPS_DIR, one JSON object a line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What libs/testing's SkipRecord holds. */
export interface SkipRecord {
  readonly what: string;
  readonly tool: string;
  readonly install: string;
}

/** Every record in the `.jsonl` files of `dir`; lines that are not a record (a torn write) are left out. */
export function readSkipRecords(dir: string): SkipRecord[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
    .flatMap((line) => {
      const record = parseRecord(line);
      return record ? [record] : [];
    });
}

/** `Nothing skipped.` or `Skipped: <what> (<tool> missing: <install>); ...`, each suite once, sorted. */
export function formatSkipSummary(records: readonly SkipRecord[]): string {
  const unique = new Map<string, SkipRecord>();
  for (const record of records) unique.set(JSON.stringify([record.what, record.tool]), record);
  if (unique.size === 0) return 'Nothing skipped.';
  const parts = [...unique.values()]
    .sort((a, b) => a.what.localeCompare(b.what, 'en') || a.tool.localeCompare(b.tool, 'en'))
    .map((record) => `${record.what} (${record.tool} missing: ${record.install})`);
  return `Skipped: ${parts.join('; ')}`;
}

function parseRecord(line: string): SkipRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<Record<keyof SkipRecord, unknown>>;
    const { what, tool, install } = value;
    if (typeof what === 'string' && typeof tool === 'string' && typeof install === 'string') {
      return { what, tool, install };
    }
  } catch {
    // Not JSON: left out, as documented.
  }
  return undefined;
}
