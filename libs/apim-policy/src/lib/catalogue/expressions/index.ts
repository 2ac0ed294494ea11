import type { CatalogueExpression } from '../catalogue-entry';
import { BODY_EXPRESSIONS } from './bodies';
import { COMMENT_EXPRESSIONS } from './comments';
import { CONTEXT_EXPRESSIONS } from './context-members';
import { CRYPTO_EXPRESSIONS } from './crypto';
import { DATE_EXPRESSIONS } from './dates';
import { ENCODING_EXPRESSIONS } from './encoding';
import { INTERPOLATION_EXPRESSIONS } from './interpolation';
import { JSON_EXPRESSIONS } from './json';
import { LINQ_EXPRESSIONS } from './linq';
import { NEW_OBJECT_EXPRESSIONS } from './new-objects';
import { NUMBER_AND_GUID_EXPRESSIONS } from './numbers-and-guids';
import { REFUSED_EXPRESSIONS } from './refused';
import { REGEX_EXPRESSIONS } from './regex';
import { SECOND_WAVE_EXPRESSIONS } from './second-wave';
import { SEND_REQUEST_EXPRESSIONS } from './send-request-results';
import { STATEMENT_EXPRESSIONS } from './statements';
import { THIRD_WAVE_EXPRESSIONS } from './third-wave';
import { URI_EXPRESSIONS } from './uris';
import { XML_EXPRESSIONS } from './xml';

/** Every catalogue expression, grouped by the feature its file is about. */
export const CATALOGUE_EXPRESSIONS: readonly CatalogueExpression[] = [
  ...NEW_OBJECT_EXPRESSIONS,
  ...BODY_EXPRESSIONS,
  ...JSON_EXPRESSIONS,
  ...SEND_REQUEST_EXPRESSIONS,
  ...ENCODING_EXPRESSIONS,
  ...STATEMENT_EXPRESSIONS,
  ...INTERPOLATION_EXPRESSIONS,
  ...CRYPTO_EXPRESSIONS,
  ...DATE_EXPRESSIONS,
  ...NUMBER_AND_GUID_EXPRESSIONS,
  ...URI_EXPRESSIONS,
  ...LINQ_EXPRESSIONS,
  ...REGEX_EXPRESSIONS,
  ...XML_EXPRESSIONS,
  ...CONTEXT_EXPRESSIONS,
  ...COMMENT_EXPRESSIONS,
  ...REFUSED_EXPRESSIONS,
  ...SECOND_WAVE_EXPRESSIONS,
  ...THIRD_WAVE_EXPRESSIONS,
];
