/** Syntax tree of a policy expression. Every node keeps its source span for error messages. */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A type as written: `Jwt`, `string`, `int?`, `string[]`, `List<string>` (the last one is refused later). */
export interface TypeSyntax extends Span {
  readonly name: string;
  readonly typeArgs: readonly TypeSyntax[];
  readonly nullable: boolean;
  readonly arrayRank: number;
}

export type LiteralType = 'string' | 'char' | 'int' | 'double' | 'bool' | 'null';

export type Expr =
  | ({ readonly kind: 'literal'; readonly type: LiteralType; readonly value: unknown } & Span)
  | ({ readonly kind: 'name'; readonly name: string } & Span)
  /** A predefined type used as a static target: `string.IsNullOrEmpty`. */
  | ({ readonly kind: 'typeName'; readonly name: string } & Span)
  | ({
      readonly kind: 'member';
      readonly target: Expr;
      readonly name: string;
      readonly typeArgs: readonly TypeSyntax[];
      /** `?.` */
      readonly conditional: boolean;
    } & Span)
  | ({ readonly kind: 'call'; readonly callee: Expr; readonly args: readonly Expr[] } & Span)
  | ({
      readonly kind: 'index';
      readonly target: Expr;
      readonly args: readonly Expr[];
      readonly conditional: boolean;
    } & Span)
  /** Root of a postfix chain holding a `?.`/`?[`: a null there makes the whole chain null. */
  | ({ readonly kind: 'chain'; readonly inner: Expr } & Span)
  | ({ readonly kind: 'unary'; readonly op: '!' | '-' | '+'; readonly operand: Expr } & Span)
  | ({ readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr } & Span)
  | ({ readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr } & Span)
  | ({ readonly kind: 'cast'; readonly type: TypeSyntax; readonly operand: Expr } & Span)
  | ({ readonly kind: 'as'; readonly type: TypeSyntax; readonly operand: Expr } & Span);

export type BinaryOp = '??' | '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export type Stmt =
  | ({ readonly kind: 'block'; readonly statements: readonly Stmt[] } & Span)
  | ({
      readonly kind: 'declare';
      /** `undefined` for `var`. */
      readonly type: TypeSyntax | undefined;
      readonly name: string;
      readonly init: Expr;
    } & Span)
  | ({ readonly kind: 'if'; readonly test: Expr; readonly then: Stmt; readonly otherwise: Stmt | undefined } & Span)
  | ({ readonly kind: 'return'; readonly value: Expr } & Span)
  | ({ readonly kind: 'empty' } & Span);

/** `@(expr)` or `@{ statements }`. */
export type Program =
  | { readonly kind: 'expression'; readonly body: Expr }
  | { readonly kind: 'block'; readonly body: readonly Stmt[] };
