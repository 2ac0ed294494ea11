import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_DOCUMENTS } from './documents';
import type { CatalogueDocument } from './catalogue-entry';

export interface LoadedDocument extends CatalogueDocument {
  /** `catalogue/documents/<file>`: the name refusals carry. */
  readonly path: string;
  /** The XML, or undefined when the file could not be read (reported as a refusal, never thrown). */
  readonly xml?: string;
  readonly readError?: string;
}

/** The catalogue's XML documents, read from documents/ next to this file. */
export function loadCatalogueDocuments(): LoadedDocument[] {
  return CATALOGUE_DOCUMENTS.map((document) => {
    const path = `catalogue/documents/${document.file}`;
    try {
      return { ...document, path, xml: readFileSync(join(__dirname, 'documents', document.file), 'utf8') };
    } catch (error) {
      return { ...document, path, readError: error instanceof Error ? error.message : String(error) };
    }
  });
}
