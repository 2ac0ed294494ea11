import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { GatewayConfigError } from '@stack/apim-policy';

/**
 * Reads and validates one JSON file of config/gateway/. Every problem is listed with its JSON path
 * (`apis[0].serviceUrl`), so one look at the message fixes the file.
 */
export function readJsonFile<Schema extends z.ZodType>(
  path: string,
  displayPath: string,
  schema: Schema,
): z.output<Schema> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new GatewayConfigError(
      'CONFIG_FILE_MISSING',
      'the file is missing; restore it from the repository or create it.',
      {
        file: displayPath,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GatewayConfigError('CONFIG_FILE_INVALID', `not valid JSON: ${(error as Error).message}`, {
      file: displayPath,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
    throw new GatewayConfigError('CONFIG_FILE_INVALID', `invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      file: displayPath,
    });
  }
  return parsed.data;
}

function jsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
