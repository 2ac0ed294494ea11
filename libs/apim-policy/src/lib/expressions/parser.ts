import type {
  AssignOp,
  BinaryOp,
  CatchClause,
  Declarator,
  Expr,
  Initializer,
  InitializerEntry,
  InterpolationPart,
  LambdaParam,
  Program,
  Stmt,
  SwitchSection,
  TypeSyntax,
} from './ast';
import { ExpressionProblem, invalid, unsupported } from './expression-error';
import { type Token, tokenize } from './tokenizer';

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
const UNSUPPORTED_STATEMENTS = new Set('throw goto lock const unsafe fixed'.split(' '));
const STATEMENT_HINT =
  'a block may use declarations, assignments, method calls, ++/--, if/else, switch, for, foreach, while, do, ' +
  'break, continue, try/catch/finally, using and return';

/** Parses a whole `@(…)` or `@{…}` source into a syntax tree; throws {@link ExpressionProblem}. */
export function parseProgram(source: string): Program {
  const at = source.search(/\S/);
  const open = source[at + 1];
  if (at < 0 || source[at] !== '@' || (open !== '(' && open !== '{')) {
    throw invalid('a policy expression starts with @( for one expression or @{ for a block of statements', 0);
  }
  const parser = new Parser(source, tokenize(source, at + 1));
  return open === '(' ? parser.singleExpression() : parser.blockProgram();
}

class Parser {
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

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

  /** An interpolation hole: the whole token list is one expression. */
  holeExpression(): Expr {
    const e = this.expression();
    this.expectEnd('an interpolation hole holds one expression');
    return e;
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
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if':
          return this.ifStatement();
        case 'while':
          return this.whileStatement();
        case 'do':
          return this.doStatement();
        case 'for':
          return this.forStatement();
        case 'foreach':
          return this.foreachStatement();
        case 'switch':
          return this.switchStatement();
        case 'try':
          return this.tryStatement();
        case 'using':
          return this.usingStatement();
        case 'break':
        case 'continue':
          this.next();
          this.expect(';');
          return { kind: t.text, start: t.start, end: this.previous().end };
        case 'return': {
          this.next();
          if (this.at(';')) throw invalid('return needs a value: the result of the expression', t.start);
          const value = this.expression();
          this.expect(';');
          return { kind: 'return', value, start: t.start, end: this.previous().end };
        }
        case 'else':
          throw invalid('else without a matching if', t.start);
      }
      if (UNSUPPORTED_STATEMENTS.has(t.text)) {
        throw unsupported(`"${t.text}" statements are not supported; ${STATEMENT_HINT}`, t.start);
      }
    }
    if (t.text === 'yield' && this.peek(1).kind !== 'punct') {
      throw unsupported(`"yield" statements are not supported; ${STATEMENT_HINT}`, t.start);
    }
    const declaration = this.tryDeclaration();
    if (declaration) {
      this.expect(';');
      return { ...declaration, end: this.previous().end };
    }
    const statement = this.expressionStatement();
    this.expect(';');
    return { ...statement, end: this.previous().end };
  }

  /** An expression used as a statement: C# allows only assignments, calls, `++`/`--` and `new`. */
  private expressionStatement(): Extract<Stmt, { kind: 'expression' }> {
    const t = this.peek();
    const expr = this.expression();
    const inner = expr.kind === 'chain' ? expr.inner : expr;
    if (!['assign', 'increment', 'call', 'new'].includes(inner.kind)) {
      if (this.at(';')) {
        throw invalid(
          `only assignments, method calls, ++/-- and new can be statements; ${this.slice(expr)} computes a value ` +
            'that is never used',
          t.start,
        );
      }
      throw this.unexpected('";"');
    }
    return { kind: 'expression', expr, start: expr.start, end: expr.end };
  }

  private ifStatement(): Stmt {
    const start = this.next().start;
    const test = this.parenthesised();
    const then = this.statement();
    let otherwise: Stmt | undefined;
    if (this.peek().kind === 'keyword' && this.peek().text === 'else') {
      this.next();
      otherwise = this.statement();
    }
    return { kind: 'if', test, then, otherwise, start, end: this.previous().end };
  }

  private whileStatement(): Stmt {
    const start = this.next().start;
    const test = this.parenthesised();
    const body = this.statement();
    return { kind: 'while', test, body, start, end: this.previous().end };
  }

  private doStatement(): Stmt {
    const start = this.next().start;
    const body = this.statement();
    this.expectKeyword('while');
    const test = this.parenthesised();
    this.expect(';');
    return { kind: 'do', body, test, start, end: this.previous().end };
  }

  private forStatement(): Stmt {
    const start = this.next().start;
    this.expect('(');
    const init: Stmt[] = [];
    if (!this.at(';')) {
      const declaration = this.tryDeclaration();
      if (declaration) init.push(declaration);
      else init.push(...this.commaList(';').map((s) => s));
    }
    this.expect(';');
    const test = this.at(';') ? undefined : this.expression();
    this.expect(';');
    const update = this.at(')') ? [] : this.commaList(')').map((s) => s.expr);
    this.expect(')');
    const body = this.statement();
    return { kind: 'for', init, test, update, body, start, end: this.previous().end };
  }

  private commaList(close: string): Extract<Stmt, { kind: 'expression' }>[] {
    const list = [this.expressionStatement()];
    while (this.at(',')) {
      this.next();
      list.push(this.expressionStatement());
    }
    if (!this.at(close)) throw this.unexpected(`"${close}"`);
    return list;
  }

  private foreachStatement(): Stmt {
    const start = this.next().start;
    this.expect('(');
    let type: TypeSyntax | undefined;
    if (this.peek().text === 'var' && this.peek(1).kind === 'identifier') this.next();
    else type = this.type();
    const name = this.identifier('a variable name').text;
    this.expectKeyword('in');
    const source = this.expression();
    this.expect(')');
    const body = this.statement();
    return { kind: 'foreach', type, name, source, body, start, end: this.previous().end };
  }

  private switchStatement(): Stmt {
    const start = this.next().start;
    const subject = this.parenthesised();
    this.expect('{');
    const sections: SwitchSection[] = [];
    while (!this.at('}')) {
      const sectionStart = this.peek().start;
      const labels: (Expr | undefined)[] = [];
      while (this.atKeyword('case') || this.atKeyword('default')) {
        if (this.next().text === 'case') {
          labels.push(this.expression());
          if (this.atKeyword('when')) throw unsupported('case … when is not supported', this.peek().start);
        } else labels.push(undefined);
        this.expect(':');
      }
      if (labels.length === 0) throw this.unexpected('case or default');
      const body: Stmt[] = [];
      while (!this.at('}') && !this.atKeyword('case') && !this.atKeyword('default')) {
        if (this.peek().kind === 'eof') throw invalid('the switch is not closed with }', this.peek().start);
        body.push(this.statement());
      }
      sections.push({ labels, body, start: sectionStart, end: this.previous().end });
    }
    this.next();
    return { kind: 'switch', subject, sections, start, end: this.previous().end };
  }

  private tryStatement(): Stmt {
    const start = this.next().start;
    const body = this.braceBlock('try');
    const catches: CatchClause[] = [];
    while (this.atKeyword('catch')) {
      const at = this.next().start;
      let type: TypeSyntax | undefined;
      let name: string | undefined;
      if (this.at('(')) {
        this.next();
        type = this.type();
        if (this.peek().kind === 'identifier') name = this.next().text;
        this.expect(')');
      }
      if (this.atKeyword('when'))
        throw unsupported('exception filters (catch … when) are not supported', this.peek().start);
      catches.push({ type, name, body: this.braceBlock('catch'), start: at, end: this.previous().end });
    }
    let final: Stmt[] | undefined;
    if (this.atKeyword('finally')) {
      this.next();
      final = this.braceBlock('finally');
    }
    if (catches.length === 0 && !final) throw this.unexpected('catch or finally');
    return { kind: 'try', body, catches, final, start, end: this.previous().end };
  }

  /** `using (var x = …) statement` / `using (expression) statement`: nothing needs disposing here, so a block. */
  private usingStatement(): Stmt {
    const start = this.next().start;
    this.expect('(');
    const declaration = this.tryDeclaration();
    const resource: Stmt = declaration ?? this.resourceExpression();
    this.expect(')');
    const body = this.statement();
    return { kind: 'block', statements: [resource, body], start, end: this.previous().end };
  }

  private resourceExpression(): Stmt {
    const expr = this.expression();
    return { kind: 'expression', expr, start: expr.start, end: expr.end };
  }

  private braceBlock(what: string): Stmt[] {
    if (!this.at('{')) throw this.unexpected(`"{" to open the ${what} block`);
    this.next();
    return this.statementsUntilBrace();
  }

  private parenthesised(): Expr {
    this.expect('(');
    const e = this.expression();
    this.expect(')');
    return e;
  }

  /** `var x = …` / `T x = …, y;` without the `;`, or undefined when the tokens are not a declaration. */
  private tryDeclaration(): Extract<Stmt, { kind: 'declare' }> | undefined {
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
    const declarators: Declarator[] = [];
    do {
      if (declarators.length > 0) {
        const comma = this.next();
        if (!type) throw invalid('var declares one variable; write the type to declare several', comma.start);
      }
      const name = this.identifier('a variable name');
      let init: Expr | undefined;
      if (this.at('=')) {
        this.next();
        init = this.expression();
      } else if (!type) {
        throw invalid(`var ${name.text} needs a value: var ${name.text} = …;`, name.start);
      }
      declarators.push({ name: name.text, init, start: name.start, end: this.previous().end });
    } while (this.at(','));
    return { kind: 'declare', type, declarators, start, end: this.previous().end };
  }

  // ---- expressions ----

  private expression(): Expr {
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
  private assignmentOperator(): AssignOp | undefined {
    const t = this.peek();
    if (t.kind !== 'punct') return undefined;
    if (ASSIGNMENTS.has(t.text)) return t.text as AssignOp;
    if (t.text === '>' && this.peek(1).text === '>=' && this.peek(1).start === t.end) return '>>=';
    return undefined;
  }

  /** `x => …`, `(x, y) => …`, `(string x) => …`, `() => …`. */
  private tryLambda(): Expr | undefined {
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
  private maybeParamType(): TypeSyntax | undefined {
    if (this.peek().kind === 'identifier' && [',', ')'].includes(this.peek(1).text)) return undefined;
    return this.type();
  }

  private lambdaBody(params: LambdaParam[], start: number): Expr {
    this.expect('=>');
    if (this.at('{')) {
      this.next();
      const statements = this.statementsUntilBrace();
      return { kind: 'lambda', params, body: statements, start, end: this.previous().end };
    }
    const body = this.expression();
    return { kind: 'lambda', params, body, start, end: body.end };
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
  private isPattern(operand: Expr): Expr {
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

  private unary(): Expr {
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
  private castType(): TypeSyntax | undefined {
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

  private arguments(close: ')' | ']'): Expr[] {
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
  private argument(): Expr {
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

  private primary(): Expr {
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
        if (t.text === 'typeof') {
          throw unsupported('typeof is not supported; test a value with "is" (x is string) instead', t.start);
        }
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

  private interpolated(t: Token): Expr {
    const parts: InterpolationPart[] = (t.pieces ?? []).map((piece) => {
      if (piece.kind === 'text') return piece;
      const value = new Parser(this.source, tokenize(this.source, piece.start, piece.end)).holeExpression();
      const alignment = piece.alignment
        ? new Parser(this.source, tokenize(this.source, piece.alignment.start, piece.alignment.end)).holeExpression()
        : undefined;
      if (value.start === piece.end) throw invalid('an interpolation hole {…} needs an expression', piece.start);
      return { kind: 'hole', value, alignment, format: piece.format, start: piece.start, end: piece.end };
    });
    return { kind: 'interpolated', parts, start: t.start, end: t.end };
  }

  // ---- object creation ----

  /** `new T(…)`, `new T(…) { … }`, `new T { … }`, `new T[n]`, `new T[] { … }`, `new[] { … }`, `new { a = 1 }`. */
  private creation(): Expr {
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

  private arrayItems(): Expr[] {
    this.expect('{');
    const items: Expr[] = [];
    while (!this.at('}')) {
      items.push(this.expression());
      if (!this.at('}')) this.expect(',');
    }
    this.next();
    return items;
  }

  private anonymousObject(start: number): Expr {
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

  private initializer(): Initializer {
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
  private type(allowNullable = true): TypeSyntax {
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

  private atKeyword(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'keyword' || t.kind === 'identifier') && t.text === text;
  }

  private expect(text: string): Token {
    if (!this.at(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  private expectKeyword(text: string): Token {
    if (!this.atKeyword(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  private identifier(what: string): Token {
    if (this.peek().kind !== 'identifier') throw this.unexpected(what);
    return this.next();
  }

  private slice(node: { readonly start: number; readonly end: number }): string {
    return this.source.slice(node.start, node.end);
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
