import { ExpressionProblem, invalid } from './expression-error';
import type { Token } from './tokenizer';

/** Token access shared by the expression and statement parsers: lookahead, expectations, speculation. */
export abstract class TokenCursor {
  protected pos = 0;

  constructor(
    protected readonly source: string,
    protected readonly tokens: readonly Token[],
  ) {}

  /** Runs `parse`; on a syntax problem rewinds and returns undefined. */
  protected speculate<T>(parse: () => T | undefined): T | undefined {
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

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  protected previous(): Token {
    return this.tokens[this.pos - 1];
  }

  protected next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected at(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  protected atKeyword(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'keyword' || t.kind === 'identifier') && t.text === text;
  }

  protected expect(text: string): Token {
    if (!this.at(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  protected expectKeyword(text: string): Token {
    if (!this.atKeyword(text)) throw this.unexpected(`"${text}"`);
    return this.next();
  }

  protected identifier(what: string): Token {
    if (this.peek().kind !== 'identifier') throw this.unexpected(what);
    return this.next();
  }

  protected slice(node: { readonly start: number; readonly end: number }): string {
    return this.source.slice(node.start, node.end);
  }

  protected expectEnd(hint: string): void {
    const t = this.peek();
    if (t.kind !== 'eof') throw invalid(`unexpected ${describe(t)} after the end of the expression; ${hint}`, t.start);
  }

  protected unexpected(expected: string): ExpressionProblem {
    const t = this.peek();
    return invalid(`expected ${expected} but found ${describe(t)}`, t.start);
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the expression' : `"${t.text}"`;
}
