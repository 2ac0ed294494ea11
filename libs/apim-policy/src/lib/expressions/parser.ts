import type { BinaryOp, Expr, Program, Stmt, TypeSyntax } from './ast';
import { ExpressionProblem, invalid, unsupported } from './expression-error';
import { type Token, tokenize } from './tokenizer';

/** Binding power of binary operators (C# precedence, higher binds tighter); `??` and `?:` are handled above these. */
const BINARY: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, is: 7, as: 7, '<<': 8,
  '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
}; // prettier-ignore

const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '??=']);
const PREDEFINED_TYPES = new Set(
  'string int bool double object char long decimal float byte short uint ulong sbyte ushort'.split(' '),
);
const UNSUPPORTED_PRIMARY = new Set('typeof default sizeof checked unchecked this base stackalloc delegate'.split(' '));
const UNSUPPORTED_STATEMENTS = new Set(
  'for foreach while do switch try throw break continue goto using lock const unsafe fixed'.split(' '),
);
const STATEMENT_HINT = 'a block may use declarations (var x = …; or string x = …;), if/else and return';

/** Parses a whole `@(…)` or `@{…}` source into a syntax tree; throws {@link ExpressionProblem}. */
export function parseProgram(source: string): Program {
  const at = source.search(/\S/);
  const open = source[at + 1];
  if (at < 0 || source[at] !== '@' || (open !== '(' && open !== '{')) {
    throw invalid('a policy expression starts with @( for one expression or @{ for a block of statements', 0);
  }
  const parser = new Parser(tokenize(source, at + 1));
  return open === '(' ? parser.singleExpression() : parser.blockProgram();
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  singleExpression(): Program {
    this.expect('(');
    const body = this.expression();
    this.expect(')');
    this.expectEnd('@(…) holds a single expression; use @{ …; return …; } for statements');
    return { kind: 'expression', body };
  }

  blockProgram(): Program {
    this.expect('{');
    const body = this.statementsUntilBrace();
    this.expectEnd('the block ended with its closing }');
    return { kind: 'block', body };
  }

  // ---- statements ----

  private statementsUntilBrace(): Stmt[] {
    const statements: Stmt[] = [];
    while (!this.at('}')) {
      if (this.peek().kind === 'eof') throw invalid('the block is not closed with }', this.peek().start);
      statements.push(this.statement());
    }
    this.next();
    return statements;
  }

  private statement(): Stmt {
    const t = this.peek();
    if (this.at('{')) {
      this.next();
      const statements = this.statementsUntilBrace();
      return { kind: 'block', statements, start: t.start, end: this.previous().end };
    }
    if (this.at(';')) {
      this.next();
      return { kind: 'empty', start: t.start, end: t.end };
    }
    if (t.kind === 'keyword' && t.text === 'if') return this.ifStatement();
    if (t.kind === 'keyword' && t.text === 'return') {
      this.next();
      if (this.at(';')) throw invalid('return needs a value: the result of the expression', t.start);
      const value = this.expression();
      this.expect(';');
      return { kind: 'return', value, start: t.start, end: this.previous().end };
    }
    if (t.kind === 'keyword' && t.text === 'else') throw invalid('else without a matching if', t.start);
    if (
      (t.kind === 'keyword' && UNSUPPORTED_STATEMENTS.has(t.text)) ||
      (t.text === 'yield' && this.peek(1).kind !== 'punct')
    ) {
      throw unsupported(`"${t.text}" statements are not supported; ${STATEMENT_HINT}`, t.start);
    }
    const declaration = this.tryDeclaration();
    if (declaration) return declaration;
    this.expression();
    if (this.at(';')) {
      throw unsupported(`a statement that only computes a value has no effect here; ${STATEMENT_HINT}`, t.start);
    }
    throw this.unexpected('";"');
  }

  private ifStatement(): Stmt {
    const start = this.next().start;
    this.expect('(');
    const test = this.expression();
    this.expect(')');
    const then = this.statement();
    let otherwise: Stmt | undefined;
    if (this.peek().kind === 'keyword' && this.peek().text === 'else') {
      this.next();
      otherwise = this.statement();
    }
    return { kind: 'if', test, then, otherwise, start, end: this.previous().end };
  }

  private tryDeclaration(): Stmt | undefined {
    const start = this.peek().start;
    let type: TypeSyntax | undefined;
    if (this.peek().text === 'var' && this.peek().kind === 'identifier' && this.peek(1).kind === 'identifier') {
      this.next();
    } else {
      const saved = this.pos;
      const candidate = this.speculate(() => this.type());
      if (!candidate || this.peek().kind !== 'identifier' || !['=', ';', ','].includes(this.peek(1).text)) {
        this.pos = saved;
        return undefined;
      }
      type = candidate;
    }
    const name = this.next();
    if (this.at(';')) throw unsupported(`declare ${name.text} with a value (… ${name.text} = …;)`, name.start);
    if (this.at(',')) throw unsupported('declare one variable per statement', this.peek().start);
    this.expect('=');
    const init = this.expression();
    if (this.at(',')) throw unsupported('declare one variable per statement', this.peek().start);
    this.expect(';');
    return { kind: 'declare', type, name: name.text, init, start, end: this.previous().end };
  }

  // ---- expressions ----

  private expression(): Expr {
    const e = this.conditional();
    const t = this.peek();
    if (t.kind === 'punct' && ASSIGNMENTS.has(t.text)) {
      throw unsupported(
        `assignment (${t.text}) is not supported; declare a new variable instead (var y = …;) inside @{ … }`,
        t.start,
      );
    }
    if (this.at('=>')) throw unsupported('lambdas (=>) are not supported', t.start);
    return e;
  }

  private conditional(): Expr {
    const test = this.coalesce();
    if (!this.at('?')) return test;
    this.next();
    const then = this.expression();
    this.expect(':');
    const otherwise = this.expression();
    return { kind: 'conditional', test, then, otherwise, start: test.start, end: otherwise.end };
  }

  private coalesce(): Expr {
    const left = this.binary(1);
    if (!this.at('??')) return left;
    this.next();
    const right = this.coalesce();
    return { kind: 'binary', op: '??', left, right, start: left.start, end: right.end };
  }

  private binary(minPower: number): Expr {
    let left = this.unary();
    while (true) {
      const t = this.peek();
      const power = t.kind === 'punct' || t.kind === 'keyword' ? BINARY[t.text] : undefined;
      if (power === undefined || power < minPower) return left;
      if (t.text === '|' || t.text === '&' || t.text === '^') {
        throw unsupported(`operator ${t.text} is not supported; use && or || to combine conditions`, t.start);
      }
      if (t.text === '<<' || (t.text === '>' && this.peek(1).text === '>' && this.peek(1).start === t.end)) {
        throw unsupported('shift operators (<< >>) are not supported', t.start);
      }
      if (t.text === 'is') throw unsupported('"is" is not supported; compare with == null or use a cast', t.start);
      this.next();
      if (t.text === 'as') {
        const type = this.type();
        left = { kind: 'as', type, operand: left, start: left.start, end: type.end };
        continue;
      }
      const right = this.binary(power + 1);
      left = { kind: 'binary', op: t.text as BinaryOp, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct') {
      if (t.text === '!' || t.text === '-' || t.text === '+') {
        this.next();
        const operand = this.unary();
        return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
      }
      if (t.text === '~') throw unsupported('operator ~ is not supported', t.start);
      if (t.text === '++' || t.text === '--') throw unsupported(`operator ${t.text} is not supported`, t.start);
      if (t.text === '(') {
        const type = this.castType();
        if (type) {
          const operand = this.unary();
          return { kind: 'cast', type, operand, start: t.start, end: operand.end };
        }
      }
    }
    return this.postfix(this.primary());
  }

  /** At `(`: the cast's type if this is a cast (C# disambiguation rules), consuming `(T)`; else nothing. */
  private castType(): TypeSyntax | undefined {
    const saved = this.pos;
    this.next();
    const type = this.speculate(() => this.type());
    if (type && this.at(')')) {
      this.next();
      const after = this.peek();
      const predefined = PREDEFINED_TYPES.has(type.name) || type.nullable || type.arrayRank > 0;
      const startsOperand =
        ['identifier', 'string', 'char', 'int', 'double'].includes(after.kind) ||
        (after.kind === 'keyword' && !['as', 'is'].includes(after.text)) ||
        ['(', '!', '~'].includes(after.text);
      // `(int)-x` is a cast because `(int)` cannot be a value; `(x)-y` is a subtraction.
      if (predefined || startsOperand) return type;
    }
    this.pos = saved;
    return undefined;
  }

  private postfix(primary: Expr): Expr {
    let e = primary;
    let conditionalChain = false;
    while (true) {
      const t = this.peek();
      if (t.text === '.' || t.text === '?.') {
        this.next();
        const name = this.identifier('a member name');
        const typeArgs = this.typeArgumentsBeforeCall();
        const conditional = t.text === '?.';
        conditionalChain ||= conditional;
        e = {
          kind: 'member',
          target: e,
          name: name.text,
          typeArgs,
          conditional,
          start: e.start,
          end: this.previous().end,
        };
      } else if (t.text === '[' || t.text === '?[') {
        this.next();
        const args = this.arguments(']');
        const conditional = t.text === '?[';
        conditionalChain ||= conditional;
        e = { kind: 'index', target: e, args, conditional, start: e.start, end: this.previous().end };
      } else if (t.text === '(') {
        this.next();
        const args = this.arguments(')');
        e = { kind: 'call', callee: e, args, start: e.start, end: this.previous().end };
      } else if (t.text === '++' || t.text === '--') {
        throw unsupported(`operator ${t.text} is not supported`, t.start);
      } else {
        break;
      }
    }
    return conditionalChain ? { kind: 'chain', inner: e, start: e.start, end: e.end } : e;
  }

  private arguments(close: ')' | ']'): Expr[] {
    const args: Expr[] = [];
    if (this.at(close)) {
      this.next();
      return args;
    }
    while (true) {
      const t = this.peek();
      if (t.kind === 'keyword' && ['out', 'ref', 'in'].includes(t.text)) {
        throw unsupported(
          `${t.text} arguments are not supported (for TryParseJwt use AsJwt() and compare with null)`,
          t.start,
        );
      }
      if (t.kind === 'identifier' && this.peek(1).text === ':')
        throw unsupported('named arguments are not supported', t.start);
      args.push(this.expression());
      if (this.at(close)) {
        this.next();
        return args;
      }
      this.expect(',');
    }
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
      case 'char':
      case 'int':
      case 'double':
        this.next();
        return { kind: 'literal', type: t.kind, value: t.value, start: t.start, end: t.end };
      case 'identifier':
        this.next();
        if (this.at('=>')) throw unsupported('lambdas (=>) are not supported', t.start);
        return { kind: 'name', name: t.text, start: t.start, end: t.end };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false' || t.text === 'null') {
          this.next();
          const type = t.text === 'null' ? 'null' : 'bool';
          return {
            kind: 'literal',
            type,
            value: t.text === 'null' ? null : t.text === 'true',
            start: t.start,
            end: t.end,
          };
        }
        if (PREDEFINED_TYPES.has(t.text)) {
          this.next();
          return { kind: 'typeName', name: t.text, start: t.start, end: t.end };
        }
        if (t.text === 'new') throw unsupported('creating objects with new is not supported', t.start);
        if (UNSUPPORTED_PRIMARY.has(t.text)) throw unsupported(`"${t.text}" is not supported`, t.start);
        break;
      case 'punct':
        if (t.text === '(') {
          this.next();
          const inner = this.expression();
          this.expect(')');
          return inner;
        }
        break;
    }
    throw this.unexpected('a value');
  }

  // ---- types ----

  /** A type: name (dotted), optional `<…>` arguments, `?`, `[]`. */
  private type(): TypeSyntax {
    const first = this.peek();
    if (!(first.kind === 'identifier' || (first.kind === 'keyword' && PREDEFINED_TYPES.has(first.text)))) {
      throw this.unexpected('a type');
    }
    this.next();
    let name = first.text;
    while (this.at('.') && this.peek(1).kind === 'identifier') {
      this.next();
      name += `.${this.next().text}`;
    }
    let typeArgs: TypeSyntax[] = [];
    if (this.at('<')) {
      this.next();
      typeArgs = [this.type()];
      while (this.at(',')) {
        this.next();
        typeArgs.push(this.type());
      }
      this.expect('>');
    }
    let nullable = false;
    if (this.at('?')) {
      this.next();
      nullable = true;
    }
    let arrayRank = 0;
    while (this.at('[') && this.peek(1).text === ']') {
      this.pos += 2;
      arrayRank++;
    }
    return { name, typeArgs, nullable, arrayRank, start: first.start, end: this.previous().end };
  }

  /** `<T>` after a member name, only when a call follows (`a.B<int>(…)`); otherwise `<` is less-than. */
  private typeArgumentsBeforeCall(): TypeSyntax[] {
    if (!this.at('<')) return [];
    const saved = this.pos;
    const args = this.speculate(() => {
      this.next();
      const list = [this.type()];
      while (this.at(',')) {
        this.next();
        list.push(this.type());
      }
      this.expect('>');
      return this.at('(') ? list : undefined;
    });
    if (args) return args;
    this.pos = saved;
    return [];
  }

  // ---- tokens ----

  /** Runs `parse`; on a syntax problem rewinds and returns undefined. */
  private speculate<T>(parse: () => T | undefined): T | undefined {
    const saved = this.pos;
    try {
      const result = parse();
      if (result === undefined) this.pos = saved;
      return result;
    } catch (error) {
      if (!(error instanceof ExpressionProblem)) throw error;
      this.pos = saved;
      return undefined;
    }
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private previous(): Token {
    return this.tokens[this.pos - 1];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private at(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  private expect(text: string): Token {
    if (!this.at(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  private identifier(what: string): Token {
    if (this.peek().kind !== 'identifier') throw this.unexpected(what);
    return this.next();
  }

  private expectEnd(hint: string): void {
    const t = this.peek();
    if (t.kind !== 'eof') throw invalid(`unexpected ${describe(t)} after the end of the expression; ${hint}`, t.start);
  }

  private unexpected(expected: string): ExpressionProblem {
    const t = this.peek();
    return invalid(`expected ${expected} but found ${describe(t)}`, t.start);
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the expression' : `"${t.text}"`;
}
