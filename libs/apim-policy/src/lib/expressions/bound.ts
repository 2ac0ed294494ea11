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
      /** Undefined for a static method (`string.IsNullOrEmpty`) or a constructor. */
      readonly target: BoundExpr | undefined;
      readonly overload: Overload;
      /** One per parameter, in parameter order (named and optional arguments already placed). */
      readonly args: readonly BoundArg[];
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
      readonly op: '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>' | '~';
      /** `int`, `long` or `double` (after promotion): how the operation wraps and divides. */
      readonly numeric: 'int' | 'long' | 'double' | 'bool';
      readonly left: BoundExpr;
      readonly right: BoundExpr;
    }
  /** A library operator (`DateTime - TimeSpan`, `JToken == string`). */
  | {
      readonly kind: 'operator';
      readonly type: Type;
      readonly apply: (left: unknown, right: unknown) => unknown;
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
  /** Casts, `as` and implicit library conversions: `convert` throws an EvaluationFault for a bad cast. */
  | {
      readonly kind: 'convert';
      readonly type: Type;
      readonly operand: BoundExpr;
      readonly convert: (value: unknown) => unknown;
    }
  /** `x is T` (with `slot` for `x is T name`). */
  | {
      readonly kind: 'is';
      readonly type: Type;
      readonly operand: BoundExpr;
      readonly test: (value: unknown) => boolean;
      readonly slot: number | undefined;
    }
  | {
      readonly kind: 'interpolate';
      readonly type: Type;
      readonly parts: readonly BoundInterpolationPart[];
    }
  /**
   * Assignment to a variable, indexer or property. For compound assignment and `++`/`--`, the
   * current value is stored in `currentSlot` before `value` (which reads it) runs; `returnsOld` is postfix `x++`.
   */
  | {
      readonly kind: 'assign';
      readonly type: Type;
      readonly target: BoundTarget;
      readonly value: BoundExpr;
      readonly currentSlot: number | undefined;
      readonly returnsOld: boolean;
    }
  /** `new T(…) { … }`: `create` makes the object, stores it in `slot`, then `steps` (initialisers) run. */
  | {
      readonly kind: 'construct';
      readonly type: Type;
      readonly create: BoundExpr;
      readonly slot: number;
      readonly steps: readonly BoundExpr[];
    }
  | { readonly kind: 'array'; readonly type: Type; readonly items: readonly BoundExpr[]; readonly bytes: boolean }
  | {
      readonly kind: 'arrayOfSize';
      readonly type: Type;
      readonly size: BoundExpr;
      readonly fill: unknown;
      readonly bytes: boolean;
    }
  | {
      readonly kind: 'anonymous';
      readonly type: Type;
      readonly names: readonly string[];
      readonly values: readonly BoundExpr[];
    }
  /** A lambda: a JS function that stores its arguments in `slots` and runs `body`. */
  | {
      readonly kind: 'lambda';
      readonly type: Type;
      readonly slots: readonly number[];
      readonly body: BoundExpr | readonly BoundStmt[];
      /** The slots the lambda's parameters and locals use, [from, to): saved when it calls itself. */
      readonly frame: readonly [number, number];
    };

/** A call argument: a value, or an `out` variable (its slot receives the box's value after the call). */
export type BoundArg = BoundExpr | { readonly kind: 'out'; readonly type: Type; readonly slot: number };

export type BoundInterpolationPart =
  | string
  | { readonly value: BoundExpr; readonly alignment: BoundExpr | undefined; readonly format: string | undefined };

export type BoundTarget =
  | { readonly kind: 'local'; readonly slot: number }
  | {
      readonly kind: 'index';
      readonly target: BoundExpr;
      readonly key: BoundExpr;
      readonly indexer: Indexer;
      readonly targetText: string;
    }
  | {
      readonly kind: 'property';
      readonly target: BoundExpr;
      readonly property: Property;
      readonly name: string;
      readonly targetText: string;
    };

/** A constant to compare with, a type test binding `slot`, or `default`; `when` guards the first two. */
export type BoundSwitchLabel =
  | { readonly kind: 'value'; readonly value: unknown; readonly when: BoundExpr | undefined }
  | {
      readonly kind: 'type';
      readonly test: (value: unknown) => boolean;
      readonly slot: number;
      readonly when: BoundExpr | undefined;
    }
  | { readonly kind: 'default' };

export type BoundStmt =
  | { readonly kind: 'block'; readonly statements: readonly BoundStmt[] }
  | { readonly kind: 'declare'; readonly slot: number; readonly init: BoundExpr }
  | { readonly kind: 'expression'; readonly expr: BoundExpr }
  | {
      readonly kind: 'if';
      readonly test: BoundExpr;
      readonly then: BoundStmt;
      readonly otherwise: BoundStmt | undefined;
    }
  /** `while`, `do … while` (`testFirst` false) and `for` (with `update`). */
  | {
      readonly kind: 'loop';
      readonly test: BoundExpr | undefined;
      readonly testFirst: boolean;
      readonly body: BoundStmt;
      readonly update: readonly BoundExpr[];
    }
  | {
      readonly kind: 'foreach';
      readonly slot: number;
      readonly source: BoundExpr;
      readonly convert: ((value: unknown) => unknown) | undefined;
      readonly body: BoundStmt;
      readonly sourceText: string;
    }
  | {
      readonly kind: 'switch';
      readonly subject: BoundExpr;
      readonly sections: readonly { readonly labels: readonly BoundSwitchLabel[]; readonly body: BoundStmt }[];
    }
  /** `catchSlot` receives the ExceptionValue when the catch names a variable. */
  | {
      readonly kind: 'try';
      readonly body: BoundStmt;
      readonly handler: { readonly slot: number; readonly body: BoundStmt } | undefined;
      readonly final: BoundStmt | undefined;
    }
  /** Raises a run-time fault with the exception's message (`value` reads the ExceptionValue). */
  | { readonly kind: 'throw'; readonly value: BoundExpr }
  | { readonly kind: 'break' }
  | { readonly kind: 'continue' }
  | { readonly kind: 'return'; readonly value: BoundExpr };

export type BoundProgram =
  | { readonly kind: 'expression'; readonly body: BoundExpr; readonly slots: number }
  | { readonly kind: 'block'; readonly body: readonly BoundStmt[]; readonly slots: number };
