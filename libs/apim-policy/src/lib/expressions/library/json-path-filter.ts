import { fault } from '../members';
import { formatIsoDate } from './json-format';
import { JValue, type JToken } from './json-token';

/**
 * JSONPath filter expressions `[?(…)]` as Newtonsoft evaluates them: `@.price < 10`,
 * `@.type == 'book' && @.tags[0] != 'old'`, `@.isbn` (exists), `$.limit` (from the root),
 * parentheses, `&&` and `||`. Operands are paths from `@` (the item) or `$` (the root), or
 * literals: `'text'`, `"text"`, numbers, `true`, `false`, `null`. A comparison holds when any
 * token the left path selects matches; a path that selects nothing matches nothing (even `!=`).
 * `==` compares values (an integer equals the same float; text only equals text); `<`, `>`, `<=`,
 * `>=` compare numbers with numbers and text with text (ordinal). Regex `=~` is refused.
 */

export type FilterTest = (root: JToken, item: JToken) => boolean;
type Select = (from: JToken, path: string) => JToken[];

type Operand =
  | { readonly kind: 'path'; readonly from: '@' | '$'; readonly path: string }
  | { readonly kind: 'value'; readonly value: JValue };

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

export function parseFilter(text: string, select: Select): FilterTest {
  const parser = new FilterParser(text, select);
  const test = parser.or();
  parser.skipSpace();
  if (!parser.atEnd()) throw parser.bad('an operator, && or ||');
  return test;
}

class FilterParser {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly select: Select,
  ) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  bad(expected: string): Error {
    return fault(`Unexpected character while parsing path query: expected ${expected} at ${this.at} in '${this.text}'`);
  }

  or(): FilterTest {
    let left = this.and();
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('||', this.at)) return left;
      this.at += 2;
      const [a, b] = [left, this.and()];
      left = (root, item) => a(root, item) || b(root, item);
    }
  }

  private and(): FilterTest {
    let left = this.comparison();
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('&&', this.at)) return left;
      this.at += 2;
      const [a, b] = [left, this.comparison()];
      left = (root, item) => a(root, item) && b(root, item);
    }
  }

  private comparison(): FilterTest {
    this.skipSpace();
    if (this.text[this.at] === '(') {
      this.at++;
      const inner = this.or();
      this.skipSpace();
      if (this.text[this.at] !== ')') throw this.bad(')');
      this.at++;
      return inner;
    }
    const left = this.operand();
    this.skipSpace();
    if (this.text.startsWith('=~', this.at)) throw fault('JSON path regular expressions (=~) are not supported');
    const op = OPERATORS.find((candidate) => this.text.startsWith(candidate, this.at));
    if (!op) {
      if (left.kind !== 'path') throw this.bad('a comparison');
      return (root, item) => this.resolve(left, root, item).length > 0;
    }
    this.at += op.length;
    const right = this.operand();
    return (root, item) => {
      const rights = this.resolve(right, root, item);
      return this.resolve(left, root, item).some((l) => rights.some((r) => matches(l, op, r)));
    };
  }

  private resolve(operand: Operand, root: JToken, item: JToken): JToken[] {
    if (operand.kind === 'value') return [operand.value];
    return this.select(operand.from === '@' ? item : root, operand.path);
  }

  private operand(): Operand {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '@' || c === '$') {
      const start = ++this.at;
      this.skipPath();
      return { kind: 'path', from: c, path: `$${this.text.slice(start, this.at)}` };
    }
    if (c === "'" || c === '"') {
      const end = this.text.indexOf(c, this.at + 1);
      if (end < 0) throw this.bad(`a closing ${c}`);
      const value = JValue.string(this.text.slice(this.at + 1, end));
      this.at = end + 1;
      return { kind: 'value', value };
    }
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at))?.[0];
    if (!literal) throw this.bad('a path (@ or $) or a value');
    this.at += literal.length;
    return { kind: 'value', value: literalValue(literal) };
  }

  /** A path's steps: `.name`, `..name`, `[…]` (quotes and nesting respected), `.*`. */
  private skipPath(): void {
    for (;;) {
      const c = this.text[this.at];
      if (c === '.') {
        this.at++;
        while (this.at < this.text.length && /[^\s.[\]()=!<>&|]/.test(this.text[this.at])) this.at++;
      } else if (c === '[') {
        let depth = 0;
        let quote: string | undefined;
        for (; this.at < this.text.length; this.at++) {
          const d = this.text[this.at];
          if (quote) {
            if (d === quote) quote = undefined;
          } else if (d === "'" || d === '"') quote = d;
          else if (d === '[') depth++;
          else if (d === ']' && --depth === 0) break;
        }
        if (depth !== 0) throw this.bad(']');
        this.at++;
      } else {
        return;
      }
    }
  }
}

function literalValue(text: string): JValue {
  if (text === 'true' || text === 'false') return JValue.boolean(text === 'true');
  if (text === 'null') return JValue.null();
  return /[.eE]/.test(text) ? JValue.float(Number(text)) : JValue.integer(Number(text));
}

/** Newtonsoft's MatchTokens: primitives compare; a container only satisfies `!=`. */
function matches(left: JToken, op: Operator, right: JToken): boolean {
  if (!(left instanceof JValue) || !(right instanceof JValue)) return op === '!=' || op === '!==';
  switch (op) {
    case '==':
      return looseEquals(left, right);
    case '!=':
      return !looseEquals(left, right);
    case '===':
      return left.type === right.type && looseEquals(left, right);
    case '!==':
      return !(left.type === right.type && looseEquals(left, right));
    default: {
      const order = compare(left, right);
      if (order === undefined) return false;
      return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
    }
  }
}

const isNumber = (v: JValue) => v.type === 'Integer' || v.type === 'Float';

function looseEquals(a: JValue, b: JValue): boolean {
  if (isNumber(a) && isNumber(b)) return Number(a.value) === Number(b.value);
  if (a.type === 'Date' && b.type === 'Date') return (a.value as Date).getTime() === (b.value as Date).getTime();
  // Newtonsoft compares a date with text through the date's ISO text.
  if (a.type === 'Date' && b.type === 'String') return formatIsoDate(a.value as Date, a.zone) === b.value;
  if (a.type === 'String' && b.type === 'Date') return looseEquals(b, a);
  return a.type === b.type && a.value === b.value;
}

function compare(a: JValue, b: JValue): number | undefined {
  if (isNumber(a) && isNumber(b)) return Math.sign(Number(a.value) - Number(b.value));
  if (a.type === 'String' && b.type === 'String') {
    const [x, y] = [a.value as string, b.value as string];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.type === 'Date' && b.type === 'Date')
    return Math.sign((a.value as Date).getTime() - (b.value as Date).getTime());
  return undefined;
}
