/**
 * A stand-in for the Azure CLI: records every call's arguments (one JSON array per line) and answers the `--query`
 * of the printed script with made-up ids, so the script can run to the end with nothing sent anywhere.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeAz {
  /** A folder holding `az`: put it first on the PATH. */
  readonly binDir: string;
  /** Every call so far, as argument arrays. */
  calls(): string[][];
}

export function fakeAz(): FakeAz {
  const binDir = mkdtempSync(join(tmpdir(), 'fake-az-'));
  const log = join(binDir, 'calls.jsonl');
  writeFileSync(log, '');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const count = fs.readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').length - 1;
const query = args[args.indexOf('--query') + 1];
const answers = {
  tenantId: 'fake-tenant',
  appId: 'fake-app-' + count,
  id: args[0] === 'apim' ? '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim' : 'fake-object-' + count,
  password: 'fake-secret-' + count,
  fileWithCertAndPrivateKey: '/tmp/fake-cert-' + count + '.pem',
  primaryKey: 'fake-subscription-key',
};
if (args.includes('--query') && query in answers) process.stdout.write(answers[query] + '\\n');
`;
  writeFileSync(join(binDir, 'az'), script);
  chmodSync(join(binDir, 'az'), 0o755);
  return {
    binDir,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]),
  };
}
