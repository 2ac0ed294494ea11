import type {
  AssignOp,
  BinaryOp,
  Expr,
  Initializer,
  InitializerEntry,
  InterpolationPart,
  LambdaParam,
  Stmt,
  TypeSyntax,
} from './ast';
import { invalid, unsupported } from './expression-error';
import type { Token } from './tokenizer';
import { TokenCursor } from './token-cursor';

/** Binding power of binary operators (C# precedence, higher binds tighter); `??` and `?:` are handled above these. */
const BINARY: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, is: 7, as: 7, '<<': 8,
  '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
}; // prettier-ignore

const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '??=']);
const PREDEFINED_TYPES = new Set(
  'string int bool double object char long decimal float byte short uint ulong sbyte ushort'.split(' '),
);
const UNSUPPORTED_PRIMARY = new Set('typeof default sizeof checked unchecked this base stackalloc delegate'.split(' '));
/**
 * Expressions, object creation and types (recursive descent, precedence climbing for binary
 * operators). Statements live in parser.ts, which this class calls back for lambda block bodies.
 */
export abstract class ExpressionParser extends TokenCursor {
  /** `{ … }` after its opening brace, up to and including the closing one (a lambda's block body). */
  protected abstract statementsUntilBrace(): Stmt[];

  /** A parser over one interpolation hole (`start`…`end` of the source). */
  protected abstract holeExpressionAt(start: number, end: number): Expr;

  // ---- expressions ----

  protected expression(): Expr {
    const lambda = this.tryLambda();
    if (lambda) return lambda;
    const e = this.conditional();
    const op = this.assignmentOperator();
    if (!op) return e;
    if (!['name', 'member', 'index'].includes(e.kind)) {
      throw invalid(`the left side of ${op} must be a variable, a property or an indexer`, e.start);
    }
    this.pos += op === '>>=' ? 2 : 1;
    const value = this.expression();
    return { kind: 'assign', op, target: e, value, start: e.start, end: value.end };
  }

  /** The assignment operator at the cursor (`>>=` is the tokens `>` `>=` side by side), not consumed. */
  protected assignmentOperator(): AssignOp | undefined {
    const t = this.peek();
    if (t.kind !== 'punct') return undefined;
    if (ASSIGNMENTS.has(t.text)) return t.text as AssignOp;
    if (t.text === '>' && this.peek(1).text === '>=' && this.peek(1).start === t.end) return '>>=';
    return undefined;
  }

  /** `x => …`, `(x, y) => …`, `(string x) => …`, `() => …`. */
  protected tryLambda(): Expr | undefined {
    const t = this.peek();
    if (t.kind === 'identifier' && this.peek(1).text === '=>') {
      this.next();
      return this.lambdaBody([{ name: t.text, type: undefined, start: t.start, end: t.end }], t.start);
    }
    if (!this.at('(')) return undefined;
    const params = this.speculate(() => {
      this.next();
      const list: LambdaParam[] = [];
      while (!this.at(')')) {
        if (list.length > 0) this.expect(',');
        const first = this.peek();
        const type = this.maybeParamType();
        const name = this.identifier('a parameter name');
        list.push({ name: name.text, type, start: first.start, end: name.end });
      }
      this.next();
      return this.at('=>') ? list : undefined;
    });
    return params ? this.lambdaBody(params, t.start) : undefined;
  }

  /** The type of an explicitly typed lambda parameter (`(string x) => …`), when one is written. */
  protected maybeParamType(): TypeSyntax | undefined {
    if (this.peek().kind === 'identifier' && [',', ')'].includes(this.peek(1).text)) return undefined;
    return this.type();
  }

  protected lambdaBody(params: LambdaParam[], start: number): Expr {
    this.expect('=>');
    if (this.at('{')) {
      this.next();
      const statements = this.statementsUntilBrace();
      return { kind: 'lambda', params, body: statements, start, end: this.previous().end };
    }
    const body = this.expression();
    return { kind: 'lambda', params, body, start, end: body.end };
  }

  protected conditional(): Expr {
    const test = this.coalesce();
    if (!this.at('?')) return test;
    this.next();
    const then = this.expression();
    this.expect(':');
    const otherwise = this.expression();
    return { kind: 'conditional', test, then, otherwise, start: test.start, end: otherwise.end };
  }

  protected coalesce(): Expr {
    const left = this.binary(1);
    if (!this.at('??')) return left;
    this.next();
    const right = this.coalesce();
    return { kind: 'binary', op: '??', left, right, start: left.start, end: right.end };
  }

  protected binary(minPower: number): Expr {
    let left = this.unary();
    while (true) {
      const t = this.peek();
      let text = t.text;
      // `>>` is two `>` side by side (the tokenizer keeps them apart for `List<List<int>>`); `>>=` assigns.
      const shift = text === '>' && this.peek(1).text === '>' && this.peek(1).start === t.end;
      if (shift) text = '>>';
      const power = t.kind === 'punct' || t.kind === 'keyword' ? BINARY[text] : undefined;
      if (power === undefined || power < minPower) return left;
      if (text === '>' && this.assignmentOperator() === '>>=') return left;
      this.pos += shift ? 2 : 1;
      if (text === 'as') {
        const type = this.type();
        left = { kind: 'as', type, operand: left, start: left.start, end: type.end };
        continue;
      }
      if (text === 'is') {
        left = this.isPattern(left);
        continue;
      }
      const right = this.binary(power + 1);
      left = { kind: 'binary', op: text as BinaryOp, left, right, start: left.start, end: right.end };
    }
  }

  /** After `is`: `null`, `T` or `T name`. */
  protected isPattern(operand: Expr): Expr {
    const t = this.peek();
    if (t.kind === 'keyword' && t.text === 'null') {
      this.next();
      return { kind: 'is', operand, type: undefined, name: undefined, start: operand.start, end: t.end };
    }
    if (t.kind === 'identifier' && t.text === 'not' && this.peek(1).kind !== 'punct')
      throw unsupported('"is not" patterns are not supported; use !(x is T)', t.start);
    const type = this.type(false);
    let name: string | undefined;
    if (this.peek().kind === 'identifier' && !['when', 'and', 'or'].includes(this.peek().text)) name = this.next().text;
    return { kind: 'is', operand, type, name, start: operand.start, end: this.previous().end };
  }

  protected unary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct') {
      if (t.text === '!' || t.text === '-' || t.text === '+' || t.text === '~') {
        this.next();
        const operand = this.unary();
        return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
      }
      if (t.text === '++' || t.text === '--') {
        this.next();
        const target = this.unary();
        return { kind: 'increment', op: t.text, prefix: true, target, start: t.start, end: target.end };
      }
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
  protected castType(): TypeSyntax | undefined {
    const saved = this.pos;
    this.next();
    const type = this.speculate(() => this.type());
    if (type && this.at(')')) {
      this.next();
      const after = this.peek();
      const predefined = PREDEFINED_TYPES.has(type.name) || type.nullable || type.arrayRank > 0;
      const startsOperand =
        ['identifier', 'string', 'interpolated', 'char', 'int', 'long', 'double'].includes(after.kind) ||
        (after.kind === 'keyword' && !['as', 'is'].includes(after.text)) ||
        ['(', '!', '~'].includes(after.text);
      // `(int)-x` is a cast because `(int)` cannot be a value; `(x)-y` is a subtraction.
      if (predefined || startsOperand) return type;
    }
    this.pos = saved;
    return undefined;
  }

  protected postfix(primary: Expr): Expr {
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
      } else if ((t.text === '++' || t.text === '--') && t.kind === 'punct') {
        this.next();
        if (conditionalChain) throw invalid(`${t.text} cannot apply to a ?. chain`, t.start);
        e = { kind: 'increment', op: t.text, prefix: false, target: e, start: e.start, end: t.end };
      } else {
        break;
      }
    }
    return conditionalChain ? { kind: 'chain', inner: e, start: e.start, end: e.end } : e;
  }

  protected arguments(close: ')' | ']'): Expr[] {
    const args: Expr[] = [];
    if (this.at(close)) {
      this.next();
      return args;
    }
    while (true) {
      args.push(this.argument());
      if (this.at(close)) {
        this.next();
        return args;
      }
      this.expect(',');
    }
  }

  /** A call argument: an expression, `name: expression`, or `out var x` / `out T x` / `out x`. */
  protected argument(): Expr {
    const t = this.peek();
    if (t.kind === 'keyword' && (t.text === 'ref' || t.text === 'in')) {
      throw unsupported(`${t.text} arguments are not supported; only out arguments (out var x)`, t.start);
    }
    if (t.kind === 'keyword' && t.text === 'out') {
      this.next();
      if (this.peek().kind === 'identifier' && (this.peek(1).text === ',' || this.peek(1).text === ')')) {
        const name = this.next();
        return { kind: 'out', declares: false, type: undefined, name: name.text, start: t.start, end: name.end };
      }
      let type: TypeSyntax | undefined;
      if (this.peek().text === 'var' && this.peek(1).kind === 'identifier') this.next();
      else type = this.type();
      const name = this.identifier('a variable name');
      return { kind: 'out', declares: true, type, name: name.text, start: t.start, end: name.end };
    }
    if (t.kind === 'identifier' && this.peek(1).text === ':') {
      this.pos += 2;
      const value = this.expression();
      return { kind: 'named', name: t.text, value, start: t.start, end: value.end };
    }
    return this.expression();
  }

  protected primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
      case 'char':
      case 'int':
      case 'long':
      case 'double':
        this.next();
        return { kind: 'literal', type: t.kind, value: t.value, start: t.start, end: t.end };
      case 'interpolated':
        this.next();
        return this.interpolated(t);
      case 'identifier':
        this.next();
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
        if (t.text === 'new') return this.creation();
        if (t.text === 'default' && this.peek(1).text === '(') {
          this.pos += 2;
          const type = this.type();
          this.expect(')');
          return { kind: 'default', type, start: t.start, end: this.previous().end };
        }
        if (t.text === 'typeof') {
          throw unsupported('typeof is not supported; test a value with "is" (x is string) instead', t.start);
        }
        if (UNSUPPORTED_PRIMARY.has(t.text)) throw unsupported(`"${t.text}" is not supported`, t.start);
        break;
      case 'punct':
        if (t.text === '(') {
          this.next();
          const inner = this.expression();
          if (this.at(',')) {
            throw unsupported('tuples ((a, b)) are not supported; use an anonymous object: new { a, b }', t.start);
          }
          this.expect(')');
          return inner;
        }
        break;
    }
    throw this.unexpected('a value');
  }

  protected interpolated(t: Token): Expr {
    const parts: InterpolationPart[] = (t.pieces ?? []).map((piece) => {
      if (piece.kind === 'text') return piece;
      const value = this.holeExpressionAt(piece.start, piece.end);
      const alignment = piece.alignment ? this.holeExpressionAt(piece.alignment.start, piece.alignment.end) : undefined;
      if (value.start === piece.end) throw invalid('an interpolation hole {…} needs an expression', piece.start);
      return { kind: 'hole', value, alignment, format: piece.format, start: piece.start, end: piece.end };
    });
    return { kind: 'interpolated', parts, start: t.start, end: t.end };
  }

  // ---- object creation ----

  /** `new T(…)`, `new T(…) { … }`, `new T { … }`, `new T[n]`, `new T[] { … }`, `new[] { … }`, `new { a = 1 }`. */
  protected creation(): Expr {
    const start = this.next().start;
    if (this.at('{')) return this.anonymousObject(start);
    if (this.at('[')) {
      this.next();
      this.expect(']');
      const items = this.arrayItems();
      return { kind: 'newArray', element: undefined, size: undefined, items, start, end: this.previous().end };
    }
    const type = this.type();
    if (type.arrayRank > 0) {
      if (!this.at('{')) throw this.unexpected('"{" with the array\'s items');
      const element = { ...type, arrayRank: type.arrayRank - 1 };
      const items = this.arrayItems();
      return { kind: 'newArray', element, size: undefined, items, start, end: this.previous().end };
    }
    if (this.at('[')) {
      this.next();
      const size = this.expression();
      this.expect(']');
      if (this.at('[')) throw unsupported('multi-dimensional and jagged arrays are not supported', this.peek().start);
      const items = this.at('{') ? this.arrayItems() : undefined;
      return { kind: 'newArray', element: type, size, items, start, end: this.previous().end };
    }
    let args: Expr[] | undefined;
    if (this.at('(')) {
      this.next();
      args = this.arguments(')');
    }
    const init = this.at('{') ? this.initializer() : undefined;
    if (!args && !init) throw this.unexpected('"(" or "{" after new ' + this.slice(type));
    return { kind: 'new', type, args, init, start, end: this.previous().end };
  }

  protected arrayItems(): Expr[] {
    this.expect('{');
    const items: Expr[] = [];
    while (!this.at('}')) {
      items.push(this.expression());
      if (!this.at('}')) this.expect(',');
    }
    this.next();
    return items;
  }

  protected anonymousObject(start: number): Expr {
    this.expect('{');
    const entries: { name: string; value: Expr }[] = [];
    while (!this.at('}')) {
      if (this.peek().kind === 'identifier' && this.peek(1).text === '=') {
        const name = this.next().text;
        this.next();
        entries.push({ name, value: this.expression() });
      } else {
        const value = this.expression();
        const inner = value.kind === 'chain' ? value.inner : value;
        const name = inner.kind === 'name' || inner.kind === 'member' ? inner.name : undefined;
        if (!name) throw invalid('a member of an anonymous object needs a name: new { name = … }', value.start);
        entries.push({ name, value });
      }
      if (!this.at('}')) this.expect(',');
    }
    this.next();
    return { kind: 'anonymous', entries, start, end: this.previous().end };
  }

  protected initializer(): Initializer {
    this.expect('{');
    const objectStyle =
      (this.peek().kind === 'identifier' && this.peek(1).text === '=') || (this.at('[') && !this.at('}'));
    if (objectStyle) {
      const entries: InitializerEntry[] = [];
      while (!this.at('}')) {
        const t = this.peek();
        if (this.at('[')) {
          this.next();
          const args = this.arguments(']');
          this.expect('=');
          const value = this.expression();
          entries.push({ kind: 'index', args, value, start: t.start, end: value.end });
        } else {
          const name = this.identifier('a property name').text;
          this.expect('=');
          const value = this.expression();
          entries.push({ kind: 'member', name, value, start: t.start, end: value.end });
        }
        if (!this.at('}')) this.expect(',');
      }
      this.next();
      return { kind: 'object', entries };
    }
    const items: Expr[][] = [];
    while (!this.at('}')) {
      if (this.at('{')) {
        this.next();
        const args: Expr[] = [];
        while (!this.at('}')) {
          args.push(this.expression());
          if (!this.at('}')) this.expect(',');
        }
        this.next();
        items.push(args);
      } else {
        items.push([this.expression()]);
      }
      if (!this.at('}')) this.expect(',');
    }
    this.next();
    return { kind: 'collection', items };
  }

  // ---- types ----

  /** A type: name (dotted), optional `<…>` arguments, `?` (unless `allowNullable` is false: after `is`), `[]`. */
  protected type(allowNullable = true): TypeSyntax {
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
    if (allowNullable && this.at('?')) {
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
  protected typeArgumentsBeforeCall(): TypeSyntax[] {
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
}
