import { COLLECTIONS_MODULE } from './collections';
import { JSON_MODULE } from './json-module';
import type { LibraryModule } from './library-module';
import { systemBytes } from './system-bytes';
import { systemCipher } from './system-cipher';
import { systemConvert } from './system-convert';
import { systemCrypto } from './system-crypto';
import { systemEncoding } from './system-encoding';
import { systemGuid } from './system-guid';
import { systemIo } from './system-io';
import { systemMath } from './system-math';
import { systemNumbers } from './system-numbers';
import { systemRandom } from './system-random';
import { systemRegex } from './system-regex';
import { systemStringBuilder } from './system-stringbuilder';
import { systemStrings } from './system-strings';
import { systemTime } from './system-time';
import { systemTimeZone } from './system-timezone';
import { systemUri } from './system-uri';
import { systemWeb } from './system-web';
import { XML_MODULE } from './xml-module';

export type { LibraryConversion, LibraryModule, LibraryOperator } from './library-module';

/**
 * Every library slice, in lookup order. Each file owns its types; the checker (member-table.ts,
 * type-syntax.ts, operators.ts, conversions.ts) merges them.
 */
export const LIBRARY_MODULES: readonly LibraryModule[] = [
  JSON_MODULE,
  XML_MODULE,
  systemNumbers,
  systemMath,
  systemBytes,
  systemEncoding,
  systemConvert,
  systemCrypto,
  systemTime,
  systemGuid,
  systemUri,
  systemWeb,
  systemRegex,
  systemStrings,
  systemStringBuilder,
  systemRandom,
  systemTimeZone,
  systemCipher,
  systemIo,
  COLLECTIONS_MODULE,
];
