import type { Indexer, Overload, Property } from './members';
import type { Type } from './types';

/**
 * The checked tree: every node has its static type and every member is resolved to its
 * implementation, so the evaluator only wires closures together.
 */
export type BoundExpr =
  | { readonly kind: 'constant'; readonly type: Type; readonly value: unknown }
  | { readonly kind: 'context'; readonly type: Type }
  | { readonly kind: 'local'; readonly type: Type; readonly slot: number }
  | { readonly kind: 'static'; readonly type: Type; readonly property: Property }
  | {
      readonly kind: 'property';
      readonly type: Type;
      readonly target: BoundExpr;
      readonly property: Property;
      readonly name: string;
      readonly conditional: boolean;
      /** Source text of the target, for null-reference messages. */
      readonly targetText: string;
    }
  | {
      readonly kind: 'call';
      readonly type: Type;
      /** Undefined for a static method (`string.IsNullOrEmpty`). */
      readonly target: BoundExpr | undefined;
      readonly overload: Overload;
      readonly args: readonly BoundExpr[];
      readonly name: string;
      readonly conditional: boolean;
      readonly targetText: string;
    }
  | {
      readonly kind: 'index';
      readonly type: Type;
      readonly target: BoundExpr;
      readonly indexer: Indexer;
      readonly key: BoundExpr;
      readonly conditional: boolean;
      readonly targetText: string;
    }
  | { readonly kind: 'chain'; readonly type: Type; readonly inner: BoundExpr }
  | { readonly kind: 'not'; readonly type: Type; readonly operand: BoundExpr }
  | { readonly kind: 'negate'; readonly type: Type; readonly operand: BoundExpr }
  | {
      readonly kind: 'arithmetic';
      readonly type: Type;
      readonly op: '+' | '-' | '*' | '/' | '%';
      /** Both operands are `int`: C# integer arithmetic (truncating division, 32-bit wrap). */
      readonly integer: boolean;
      readonly left: BoundExpr;
      readonly right: BoundExpr;
    }
  | { readonly kind: 'concat'; readonly type: Type; readonly left: BoundExpr; readonly right: BoundExpr }
  | {
      readonly kind: 'compare';
      readonly type: Type;
      readonly op: '<' | '>' | '<=' | '>=';
      readonly left: BoundExpr;
      readonly right: BoundExpr;
    }
  | {
      readonly kind: 'equals';
      readonly type: Type;
      readonly negated: boolean;
      readonly left: BoundExpr;
      readonly right: BoundExpr;
    }
  | {
      readonly kind: 'and' | 'or' | 'coalesce';
      readonly type: Type;
      readonly left: BoundExpr;
      readonly right: BoundExpr;
    }
  | {
      readonly kind: 'conditional';
      readonly type: Type;
      readonly test: BoundExpr;
      readonly then: BoundExpr;
      readonly otherwise: BoundExpr;
    }
  /** Casts and `as`: `convert` throws an EvaluationFault for a bad cast. */
  | {
      readonly kind: 'convert';
      readonly type: Type;
      readonly operand: BoundExpr;
      readonly convert: (value: unknown) => unknown;
    };

export type BoundStmt =
  | { readonly kind: 'block'; readonly statements: readonly BoundStmt[] }
  | { readonly kind: 'declare'; readonly slot: number; readonly init: BoundExpr }
  | {
      readonly kind: 'if';
      readonly test: BoundExpr;
      readonly then: BoundStmt;
      readonly otherwise: BoundStmt | undefined;
    }
  | { readonly kind: 'return'; readonly value: BoundExpr };

export type BoundProgram =
  | { readonly kind: 'expression'; readonly body: BoundExpr }
  | { readonly kind: 'block'; readonly body: readonly BoundStmt[]; readonly slots: number };
