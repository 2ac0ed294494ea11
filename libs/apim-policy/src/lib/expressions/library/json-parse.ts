import { fault } from '../members';
import { JArray, JObject, JProperty, type JToken, JValue } from './json-token';

/**
 * JSON text → JToken, as `JToken.Parse` / `JObject.Parse` / `JArray.Parse` read it:
 * - integers become `Integer` tokens, numbers with `.` or an exponent `Float` tokens;
 * - strings in ISO 8601 form (`2024-01-02T03:04:05Z`) become `Date` tokens (Newtonsoft's default
 *   DateParseHandling.DateTime; digits below the millisecond are dropped);
 * - a repeated property name keeps its first position and the last value;
 * - what Newtonsoft's reader also accepts is accepted: comments, `'single'` quotes, unquoted
 *   property names, trailing commas, `NaN`, `Infinity`, `undefined`.
 * Bounded: at most {@link MAX_JSON_DEPTH} nested containers (Newtonsoft's default MaxDepth) and
 * {@link MAX_JSON_CHARS} characters. Errors read like Newtonsoft's JsonReaderException
 * (`… Path 'a.b', line 1, position 7.`).
 */

export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_CHARS = 4 * 1024 * 1024;

export type ParseTarget = 'JToken' | 'JObject' | 'JArray';

export function parseJson(text: string, target: ParseTarget = 'JToken'): JToken {
  if (text.length > MAX_JSON_CHARS) {
    throw fault(`JSON text of ${text.length} characters is over the ${MAX_JSON_CHARS} this gateway parses`);
  }
  const reader = new JsonReader(text);
  reader.skipSpace();
  if (reader.atEnd()) throw fault(`Error reading ${target} from JsonReader. Path '', line 0, position 0.`);
  const first = text[reader.offset];
  if (target === 'JObject' && first !== '{') {
    throw reader.error(
      `Error reading JObject from JsonReader. Current JsonReader item is not an object: ${kindOf(first)}`,
      reader.offset + 1,
    );
  }
  if (target === 'JArray' && first !== '[') {
    throw reader.error(
      `Error reading JArray from JsonReader. Current JsonReader item is not an array: ${kindOf(first)}`,
      reader.offset + 1,
    );
  }
  const token = reader.value(0);
  reader.skipSpace();
  if (!reader.atEnd()) {
    throw reader.error(
      `Additional text encountered after finished reading JSON content: ${text[reader.offset]}`,
      reader.offset + 1,
    );
  }
  return token;
}

function kindOf(c: string): string {
  if (c === '[') return 'StartArray';
  if (c === '{') return 'StartObject';
  if (c === '"') return 'String';
  if (c === 't' || c === 'f') return 'Boolean';
  if (c === 'n') return 'Null';
  return /[-0-9]/.test(c) ? 'Integer' : 'Undefined';
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonReader {
  offset = 0;
  private readonly path: (string | number)[] = [];

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  /** Whitespace and line or block comments, which Newtonsoft's reader skips. */
  skipSpace(): void {
    const text = this.text;
    for (;;) {
      while (this.offset < text.length && /[ \t\r\n]/.test(text[this.offset])) this.offset++;
      if (text[this.offset] !== '/') return;
      if (text[this.offset + 1] === '/') {
        const end = text.indexOf('\n', this.offset);
        this.offset = end < 0 ? text.length : end + 1;
      } else if (text[this.offset + 1] === '*') {
        const end = text.indexOf('*/', this.offset + 2);
        if (end < 0) {
          this.offset = text.length;
          throw this.error('Unexpected end while parsing comment');
        }
        this.offset = end + 2;
      } else {
        return;
      }
    }
  }

  value(depth: number): JToken {
    this.skipSpace();
    if (this.atEnd()) throw this.error(`Unexpected end when reading JSON`);
    const c = this.text[this.offset];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"' || c === "'") return stringOrDate(this.string());
    if (this.text.startsWith('-Infinity', this.offset)) {
      this.offset += '-Infinity'.length;
      return JValue.float(-Infinity);
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, make] of WORDS) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return make();
      }
    }
    throw this.error(`Unexpected character encountered while parsing value: ${c}`, this.offset + 1);
  }

  private enter(depth: number): void {
    if (depth > MAX_JSON_DEPTH) throw this.error(`The reader's MaxDepth of ${MAX_JSON_DEPTH} has been exceeded`);
    this.offset++;
  }

  private object(depth: number): JObject {
    this.enter(depth);
    const result = new JObject();
    this.skipSpace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) throw this.error('Unexpected end of content while loading JObject');
      if (this.text[this.offset] === '}') {
        // A trailing comma, which Newtonsoft's reader accepts.
        this.offset++;
        return result;
      }
      const name = this.propertyName();
      this.skipSpace();
      if (this.text[this.offset] !== ':') {
        throw this.error(
          `Invalid character after parsing property name. Expected ':' but got: ${this.text[this.offset] ?? 'end of text'}`,
          this.offset + 1,
        );
      }
      this.offset++;
      this.path.push(name);
      const value = this.value(depth);
      if (result.property(name)) result.set(name, value);
      else result.add(new JProperty(name, value));
      this.skipSpace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        this.path.pop();
        continue;
      }
      if (next === '}') {
        this.offset++;
        this.path.pop();
        return result;
      }
      if (next === undefined) throw this.error('Unexpected end of content while loading JObject');
      throw this.error(`After parsing a value an unexpected character was encountered: ${next}`, this.offset + 1);
    }
  }

  private array(depth: number): JArray {
    this.enter(depth);
    const result = new JArray();
    this.skipSpace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return result;
    }
    for (let index = 0; ; index++) {
      this.skipSpace();
      if (this.text[this.offset] === ']' && index > 0) {
        this.offset++;
        return result;
      }
      this.path.push(index);
      result.add(this.value(depth));
      this.skipSpace();
      const next = this.text[this.offset];
      this.path.pop();
      if (next === ',') {
        this.offset++;
        continue;
      }
      if (next === ']') {
        this.offset++;
        return result;
      }
      if (next === undefined) throw this.error('Unexpected end of content while loading JArray');
      throw this.error(`After parsing a value an unexpected character was encountered: ${next}`, this.offset + 1);
    }
  }

  /** A quoted name, or an unquoted one (`{name: 1}`), as Newtonsoft's reader accepts. */
  private propertyName(): string {
    const c = this.text[this.offset];
    if (c === '"' || c === "'") return this.string();
    const name = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.offset, this.offset + 1000))?.[0];
    if (!name) throw this.error(`Invalid property identifier character: ${c}`, this.offset + 1);
    this.offset += name.length;
    return name;
  }

  /** A string in `"…"` or `'…'`; each character is looked at once (no rescans on escapes). */
  private string(): string {
    const quote = this.text[this.offset];
    const special = quote === '"' ? /["\\]/g : /['\\]/g;
    this.offset++;
    let out = '';
    for (;;) {
      special.lastIndex = this.offset;
      const found = special.exec(this.text);
      if (!found) {
        this.offset = this.text.length;
        throw this.error(`Unterminated string. Expected delimiter: ${quote}`);
      }
      out += this.text.slice(this.offset, found.index);
      this.offset = found.index + 1;
      if (found[0] === quote) return out;
      const code = this.text[this.offset];
      if (code === 'u') {
        const hex = this.text.slice(this.offset + 1, this.offset + 5);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw this.error(`Invalid Unicode escape sequence: \\u${hex}`);
        out += String.fromCharCode(parseInt(hex, 16));
        this.offset += 5;
      } else if (code === "'") {
        out += "'";
        this.offset++;
      } else if (code !== undefined && ESCAPES[code] !== undefined) {
        out += ESCAPES[code];
        this.offset++;
      } else {
        throw this.error(`Bad JSON escape sequence: \\${code ?? ''}`, this.offset + 1);
      }
    }
  }

  private number(): JValue {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.offset, this.offset + 400));
    const after = match ? this.text[this.offset + match[0].length] : undefined;
    if (!match || (after !== undefined && /[\w.]/.test(after))) {
      const end = this.text.slice(this.offset).search(/[\s,\]}]|$/);
      throw this.error(`Input string '${this.text.slice(this.offset, this.offset + end)}' is not a valid number`);
    }
    const text = match[0];
    this.offset += text.length;
    if (match[2] !== undefined || match[3] !== undefined) return JValue.float(Number(text));
    const n = Number(text);
    return Number.isSafeInteger(n) ? JValue.integer(n) : JValue.integer(BigInt(text));
  }

  /** Newtonsoft's message tail: `Path 'a.b[0]', line 1, position 7.` (position is 1-based on the line). */
  error(message: string, at = this.offset): Error {
    const before = this.text.slice(0, Math.min(at, this.text.length));
    const line = before.split('\n').length;
    const position = at - (before.lastIndexOf('\n') + 1);
    return fault(`${message}. Path '${this.pathText()}', line ${line}, position ${position}.`);
  }

  private pathText(): string {
    return this.path
      .map((part, i) =>
        typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `${i > 0 ? '.' : ''}${part}`
            : `['${part}']`,
      )
      .join('');
  }
}

const WORDS: readonly (readonly [string, () => JValue])[] = [
  ['true', () => JValue.boolean(true)],
  ['false', () => JValue.boolean(false)],
  ['null', () => JValue.null()],
  ['undefined', () => new JValue('Undefined', null)],
  ['NaN', () => JValue.float(NaN)],
  ['Infinity', () => JValue.float(Infinity)],
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;

/** A string in Newtonsoft's ISO 8601 date form becomes a Date token; anything else stays a String. */
function stringOrDate(text: string): JValue {
  const date = text.length <= 40 ? parseIsoDate(text) : undefined;
  return date ?? JValue.string(text);
}

export function parseIsoDate(text: string): JValue | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(time);
  if (check.getUTCDate() !== day || check.getUTCFullYear() !== year) return undefined;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    time -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return new JValue('Date', new Date(time), zone === 'Z' ? 'utc' : zone ? 'offset' : 'unspecified');
}
