import type { Type } from './types';

/** A local variable (block variable, lambda parameter, pattern or out variable): its slot in the locals array. */
export interface Local {
  readonly slot: number;
  readonly type: Type;
  /** A `foreach` variable or a `const`: C# refuses assignments to it. */
  readonly readonly?: 'foreach' | 'const';
}

/** Names visible at a point of the program; each block, loop body and lambda opens a child scope. */
export class Scope {
  private readonly locals = new Map<string, Local>();
  constructor(private readonly parent?: Scope) {}

  lookup(name: string): Local | undefined {
    return this.locals.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, local: Local): void {
    this.locals.set(name, local);
  }

  child(): Scope {
    return new Scope(this);
  }
}
