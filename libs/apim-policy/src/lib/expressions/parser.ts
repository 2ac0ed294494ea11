import type { CatchClause, Declarator, Expr, Program, Stmt, SwitchLabel, SwitchSection, TypeSyntax } from './ast';
import { ExpressionParser } from './expression-parser';
import { invalid, unsupported } from './expression-error';
import { tokenize } from './tokenizer';

const UNSUPPORTED_STATEMENTS = new Set('goto lock unsafe fixed'.split(' '));
const STATEMENT_HINT =
  'a block may use declarations, assignments, method calls, ++/--, if/else, switch, for, foreach, while, do, ' +
  'break, continue, try/catch/finally, throw, using and return';

/** Parses a whole `@(…)` or `@{…}` source into a syntax tree; throws ExpressionProblem (expression-error.ts). */
export function parseProgram(source: string): Program {
  const at = source.search(/\S/);
  const open = source[at + 1];
  if (at < 0 || source[at] !== '@' || (open !== '(' && open !== '{')) {
    throw invalid('a policy expression starts with @( for one expression or @{ for a block of statements', 0);
  }
  const parser = new Parser(source, tokenize(source, at + 1));
  return open === '(' ? parser.singleExpression() : parser.blockProgram();
}

class Parser extends ExpressionParser {
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

  protected holeExpressionAt(start: number, end: number): Expr {
    return new Parser(this.source, tokenize(this.source, start, end)).holeExpression();
  }

  /** An interpolation hole: the whole token list is one expression. */
  holeExpression(): Expr {
    const e = this.expression();
    this.expectEnd('an interpolation hole holds one expression');
    return e;
  }

  // ---- statements ----

  protected statementsUntilBrace(): Stmt[] {
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
        case 'throw': {
          this.next();
          const value = this.at(';') ? undefined : this.expression();
          this.expect(';');
          return { kind: 'throw', value, start: t.start, end: this.previous().end };
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
    const constant = t.kind === 'keyword' && t.text === 'const';
    if (constant) this.next();
    const declaration = this.tryDeclaration();
    if (declaration) {
      this.expect(';');
      return { ...declaration, constant, end: this.previous().end };
    }
    if (t.kind === 'keyword' && t.text === 'const') throw this.unexpected('a declaration after const');
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
      const labels: SwitchLabel[] = [];
      while (this.atKeyword('case') || this.atKeyword('default')) {
        if (this.next().text === 'case') labels.push(this.caseLabel());
        else labels.push({ kind: 'default' });
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

  /** After `case`: a type pattern `T name` or a constant, then an optional `when` guard. */
  private caseLabel(): SwitchLabel {
    const pattern = this.speculate(() => {
      const type = this.type(false);
      const next = this.peek();
      return next.kind === 'identifier' && next.text !== 'when' ? { type, name: this.next().text } : undefined;
    });
    const value = pattern ? undefined : this.expression();
    let when: Expr | undefined;
    if (this.atKeyword('when')) {
      this.next();
      when = this.expression();
    }
    return pattern ? { kind: 'type', ...pattern, when } : { kind: 'value', value: value as Expr, when };
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
}
