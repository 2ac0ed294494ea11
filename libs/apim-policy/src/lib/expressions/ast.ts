/** Syntax tree of a policy expression. Every node keeps its source span for error messages. */

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A type as written: `Jwt`, `string`, `int?`, `string[]`, `List<string>`, `Dictionary<string, int>`. */
export interface TypeSyntax extends Span {
  readonly name: string;
  readonly typeArgs: readonly TypeSyntax[];
  readonly nullable: boolean;
  readonly arrayRank: number;
}

export type LiteralType = 'string' | 'char' | 'int' | 'long' | 'double' | 'bool' | 'null';

/** One piece of `$"…"`: text, or a hole `{value,alignment:format}`. */
export type InterpolationPart =
  | { readonly kind: 'text'; readonly text: string }
  | ({
      readonly kind: 'hole';
      readonly value: Expr;
      readonly alignment: Expr | undefined;
      readonly format: string | undefined;
    } & Span);

/** `Name = value` in an object initialiser or anonymous object, `[key] = value` in an index initialiser. */
export type InitializerEntry =
  | ({ readonly kind: 'member'; readonly name: string; readonly value: Expr } & Span)
  | ({ readonly kind: 'index'; readonly args: readonly Expr[]; readonly value: Expr } & Span);

/** `{ Prop = v, ["k"] = v }` (object) or `{ "a", { "k", 1 } }` (collection: each item is the arguments of `Add`). */
export type Initializer =
  | { readonly kind: 'object'; readonly entries: readonly InitializerEntry[] }
  | { readonly kind: 'collection'; readonly items: readonly (readonly Expr[])[] };

export interface LambdaParam extends Span {
  readonly name: string;
  readonly type: TypeSyntax | undefined;
}

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '??=';

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
  | ({ readonly kind: 'unary'; readonly op: '!' | '-' | '+' | '~'; readonly operand: Expr } & Span)
  | ({ readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr } & Span)
  | ({ readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr } & Span)
  | ({ readonly kind: 'cast'; readonly type: TypeSyntax; readonly operand: Expr } & Span)
  | ({ readonly kind: 'as'; readonly type: TypeSyntax; readonly operand: Expr } & Span)
  /** `default(T)`: null, 0, false … */
  | ({ readonly kind: 'default'; readonly type: TypeSyntax } & Span)
  /** `x is T`, `x is T name`, `x is null` (type undefined). */
  | ({
      readonly kind: 'is';
      readonly operand: Expr;
      readonly type: TypeSyntax | undefined;
      readonly name: string | undefined;
    } & Span)
  | ({ readonly kind: 'interpolated'; readonly parts: readonly InterpolationPart[] } & Span)
  /** `new T(args) { … }`; `args` is undefined for `new T { … }`. */
  | ({
      readonly kind: 'new';
      readonly type: TypeSyntax;
      readonly args: readonly Expr[] | undefined;
      readonly init: Initializer | undefined;
    } & Span)
  /** `new T[n]`, `new T[] { … }`, `new[] { … }` (element undefined). */
  | ({
      readonly kind: 'newArray';
      readonly element: TypeSyntax | undefined;
      readonly size: Expr | undefined;
      readonly items: readonly Expr[] | undefined;
    } & Span)
  | ({ readonly kind: 'anonymous'; readonly entries: readonly { name: string; value: Expr }[] } & Span)
  | ({
      readonly kind: 'lambda';
      readonly params: readonly LambdaParam[];
      readonly body: Expr | readonly Stmt[];
    } & Span)
  | ({ readonly kind: 'assign'; readonly op: AssignOp; readonly target: Expr; readonly value: Expr } & Span)
  | ({ readonly kind: 'increment'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: Expr } & Span)
  /** `out var x`, `out int x` (declare) or `out x` (an existing variable) as a call argument. */
  | ({
      readonly kind: 'out';
      readonly declares: boolean;
      readonly type: TypeSyntax | undefined;
      readonly name: string;
    } & Span)
  /** `name: value` as a call argument. */
  | ({ readonly kind: 'named'; readonly name: string; readonly value: Expr } & Span);

export type BinaryOp =
  | '??'
  | '||'
  | '&&'
  | '|'
  | '^'
  | '&'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '<<'
  | '>>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface Declarator extends Span {
  readonly name: string;
  readonly init: Expr | undefined;
}

/** `case 3:`, `case "a" when …:`, `case JObject o:` (a type pattern), `default:`. */
export type SwitchLabel =
  | { readonly kind: 'value'; readonly value: Expr; readonly when: Expr | undefined }
  | { readonly kind: 'type'; readonly type: TypeSyntax; readonly name: string; readonly when: Expr | undefined }
  | { readonly kind: 'default' };

export interface SwitchSection extends Span {
  readonly labels: readonly SwitchLabel[];
  readonly body: readonly Stmt[];
}

export interface CatchClause extends Span {
  /** The exception type written (`Exception`), or undefined for a bare `catch`. */
  readonly type: TypeSyntax | undefined;
  readonly name: string | undefined;
  readonly body: readonly Stmt[];
}

export type Stmt =
  | ({ readonly kind: 'block'; readonly statements: readonly Stmt[] } & Span)
  | ({
      readonly kind: 'declare';
      /** `undefined` for `var`. */
      readonly type: TypeSyntax | undefined;
      readonly declarators: readonly Declarator[];
      /** `const T x = …;` */
      readonly constant?: boolean;
    } & Span)
  | ({ readonly kind: 'expression'; readonly expr: Expr } & Span)
  | ({ readonly kind: 'if'; readonly test: Expr; readonly then: Stmt; readonly otherwise: Stmt | undefined } & Span)
  | ({ readonly kind: 'while'; readonly test: Expr; readonly body: Stmt } & Span)
  | ({ readonly kind: 'do'; readonly body: Stmt; readonly test: Expr } & Span)
  | ({
      readonly kind: 'for';
      readonly init: readonly Stmt[];
      readonly test: Expr | undefined;
      readonly update: readonly Expr[];
      readonly body: Stmt;
    } & Span)
  | ({
      readonly kind: 'foreach';
      readonly type: TypeSyntax | undefined;
      readonly name: string;
      readonly source: Expr;
      readonly body: Stmt;
    } & Span)
  | ({ readonly kind: 'switch'; readonly subject: Expr; readonly sections: readonly SwitchSection[] } & Span)
  /** `try { … } catch (Exception e) { … } finally { … }`; `using (…) …` is parsed as a block. */
  | ({
      readonly kind: 'try';
      readonly body: readonly Stmt[];
      readonly catches: readonly CatchClause[];
      readonly final: readonly Stmt[] | undefined;
    } & Span)
  /** `throw expression;`, or `throw;` (undefined) inside a catch. */
  | ({ readonly kind: 'throw'; readonly value: Expr | undefined } & Span)
  | ({ readonly kind: 'break' } & Span)
  | ({ readonly kind: 'continue' } & Span)
  | ({ readonly kind: 'return'; readonly value: Expr } & Span)
  | ({ readonly kind: 'empty' } & Span);

/** `@(expr)` or `@{ statements }`. */
export type Program =
  | { readonly kind: 'expression'; readonly body: Expr }
  | { readonly kind: 'block'; readonly body: readonly Stmt[] };
