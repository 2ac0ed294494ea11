/** A location in the parsed compose document: keys and array indexes from the root. */
export type DocumentPath = readonly (string | number)[];

/** `services.echo-api.ports[0]`, `services.api.environment["A.B"]`; `(root)` for the document itself. */
export function formatPath(path: DocumentPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text || '(root)';
}

/** An error in a compose file (or its env file), naming the file and, where known, the path and line. */
export class ComposeFileError extends Error {
  override readonly name = 'ComposeFileError';
}
