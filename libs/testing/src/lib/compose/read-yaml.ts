import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ComposeFileError } from './document-path';
import type { LineOf } from './schema';

/** A compose file as plain data (anchors, aliases and `<<` merge keys resolved), and a way back to its lines. */
export interface ParsedComposeFile {
  readonly document: unknown;
  readonly lineOf: LineOf;
}

/**
 * Parses `file` as YAML 1.2 with `<<` merge keys, as compose does; duplicate keys are refused.
 * @throws ComposeFileError naming the file, line and column of a YAML error
 */
export function readComposeYaml(file: string): ParsedComposeFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ComposeFileError(`${file} cannot be read: ${(error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { merge: true, lineCounter, prettyErrors: true });
  if (parsed.errors.length > 0) {
    throw new ComposeFileError(`${file} is not valid YAML:\n${parsed.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  let document: unknown;
  try {
    document = parsed.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new ComposeFileError(`${file}: ${(error as Error).message}`);
  }
  return {
    document,
    lineOf: (path) => {
      const node = parsed.getIn(path, true);
      return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
    },
  };
}
