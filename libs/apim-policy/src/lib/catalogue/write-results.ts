/**
 * Writes RESULTS.md next to this file:
 * `node --require ./tools/register-ts.cjs libs/apim-policy/src/lib/catalogue/write-results.ts [label]`
 * (`label`, e.g. the commit measured, is added to the date line).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDocumentCompiler } from './document-compiler';
import { evaluateCatalogue } from './evaluate-catalogue';
import { formatResults } from './format-results';
import { measureCatalogue } from './measure-catalogue';
import { sampleContext } from './sample-context';

const measurement = measureCatalogue({ compileDocument: createDocumentCompiler() });
const evaluations = evaluateCatalogue(measurement, sampleContext);
const when = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${process.argv[2] ? ` (${process.argv[2]})` : ''}`;
const text = formatResults(measurement, evaluations, when);
writeFileSync(join(__dirname, 'RESULTS.md'), text);
process.stdout.write(text);
