import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSkipSummary, readSkipRecords } from './skip-summary';

const chromium = { what: 'portal browser tests', tool: 'chromium', install: 'sudo apt-get install -y chromium' };
const certutil = { what: 'browser trust tests', tool: 'certutil', install: 'sudo apt-get install -y libnss3-tools' };

describe('formatSkipSummary', () => {
  it('says nothing was skipped', () => {
    expect(formatSkipSummary([])).toBe('Nothing skipped.');
  });

  it('names each skipped suite once, with the missing tool and its install command', () => {
    expect(formatSkipSummary([chromium, certutil, chromium])).toBe(
      'Skipped: browser trust tests (certutil missing: sudo apt-get install -y libnss3-tools); ' +
        'portal browser tests (chromium missing: sudo apt-get install -y chromium)',
    );
  });
});

describe('readSkipRecords', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'skip-summary-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the JSON lines every test process wrote, leaving out anything that is not a record', () => {
    writeFileSync(join(dir, 'skips-1.jsonl'), `${JSON.stringify(chromium)}\n${JSON.stringify(chromium)}\n`);
    writeFileSync(join(dir, 'skips-2.jsonl'), `${JSON.stringify(certutil)}\n{"what":\n{"what":1}\n\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not a record file');
    expect(readSkipRecords(dir)).toEqual([chromium, chromium, certutil]);
  });

  it('reads an empty folder as nothing skipped', () => {
    expect(formatSkipSummary(readSkipRecords(dir))).toBe('Nothing skipped.');
  });
});
