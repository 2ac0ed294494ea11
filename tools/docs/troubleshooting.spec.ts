/**
 * docs/troubleshooting.md follows its sources: the generated tables equal what the token doctor and the AADSTS
 * catalogue give now, and every catalogue code and every doctor check has a row.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../stack/services';
import { aadstsRows, catalogueCodes } from './aadsts-rows';
import { DOCTOR_CHECKS } from './doctor-rows';

// Not imported from troubleshooting.ts: it loads prettier, which Jest's CommonJS runtime cannot.
const doc = readFileSync(join(repoRoot, 'docs', 'troubleshooting.md'), 'utf8');

it('is what tools/docs/troubleshooting.ts generates today (run it with --write after changing a hint or an error)', () => {
  // In a child process: prettier 3 formats through a dynamic import, which Jest's CommonJS runtime refuses.
  const check = spawnSync(
    process.execPath,
    ['--require', './tools/register-ts.cjs', 'tools/docs/troubleshooting.ts', '--check'],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});

it('has a row for every AADSTS code of the identity service catalogue, with a fix', () => {
  const codes = catalogueCodes();
  expect(codes.length).toBeGreaterThanOrEqual(20);
  for (const code of codes) expect(doc).toMatch(new RegExp(`^\\| \`AADSTS${code}\` \\d{3} `, 'm'));
  expect(aadstsRows().every((row) => row.fix.length > 0 && row.meaning.length > 0)).toBe(true);
});

it('has a row for every check the token doctor reports', () => {
  for (const check of DOCTOR_CHECKS) expect(doc).toMatch(new RegExp(`^\\| [^|]+ \\| ${check} \\(`, 'm'));
});
