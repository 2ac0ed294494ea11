/**
 * `npm run doctor -- <token> (--api <id> | --policy <file.xml> | --url <URL>) [--offline] [--json]`: why a token is
 * accepted or refused, check by check (claim-policy's diagnoseToken). `npm run doctor -- --help` lists the options.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from '../stack/data-dir';
import { localStackEnv } from '../stack/local-env';
import { trustDevCa } from './discovery-keys';
import { runDoctor } from './run-doctor';

function devCaPath(): string {
  try {
    return join(dataDirOf(localStackEnv(process.env)), 'certs', 'ca.pem');
  } catch {
    return join(dataDirOf(process.env), 'certs', 'ca.pem');
  }
}

trustDevCa(devCaPath());
runDoctor(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  stdin: async () => readFileSync(0, 'utf8'),
}).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 2;
  },
);
