/** Reads and validates the registrations file. */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseRegistrations, RegistrationsError } from './parse-registrations';
import type { Registrations } from './registrations.schema';

/**
 * Loads registrations from a JSON file, validates them, and resolves certificate `pemFile` paths relative to the
 * file's folder.
 * @throws RegistrationsError when the file is missing, is not JSON, or has invalid fields (each one named).
 */
export async function loadRegistrations(path: string): Promise<Registrations> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : String(error);
    throw new RegistrationsError(path, [{ path: '', message: `Cannot read the registrations file: ${reason}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistrationsError(path, [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }]);
  }
  const registrations = parseRegistrations(json, path);
  const baseDir = dirname(resolve(path));
  for (const client of registrations.clients) {
    for (const cert of client.certificates) {
      if (cert.pemFile && !isAbsolute(cert.pemFile)) cert.pemFile = resolve(baseDir, cert.pemFile);
    }
  }
  return registrations;
}
