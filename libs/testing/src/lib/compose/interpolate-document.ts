import { type DocumentPath, ComposeFileError, formatPath } from './document-path';
import { InterpolationError, interpolate, type VariableLookup } from './interpolate';

/**
 * Interpolates every string value of a parsed compose document (keys are left as written, as compose does).
 * @throws ComposeFileError naming `file` and the path of the value, e.g. `services.api.environment.URL`.
 */
export function interpolateDocument(document: unknown, lookup: VariableLookup, file: string): unknown {
  return walk(document, [], lookup, file);
}

function walk(value: unknown, path: DocumentPath, lookup: VariableLookup, file: string): unknown {
  if (typeof value === 'string') {
    try {
      return interpolate(value, lookup);
    } catch (error) {
      if (!(error instanceof InterpolationError)) throw error;
      throw new ComposeFileError(`${file}: ${formatPath(path)}: ${error.message}`);
    }
  }
  if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index], lookup, file));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key], lookup, file)]),
    );
  }
  return value;
}
