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
  private readonly declaredBelow = new Set<string>();
  constructor(private readonly parent?: Scope) {}

  lookup(name: string): Local | undefined {
    return this.locals.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string, local: Local): void {
    this.locals.set(name, local);
    for (let scope = this.parent; scope; scope = scope.parent) scope.declaredBelow.add(name);
  }

  /**
   * Whether a nested scope (an earlier block, loop or lambda inside this one) declared `name`: C#
   * gives a local the whole block as its scope, so declaring it here afterwards is refused (CS0136).
   */
  isDeclaredBelow(name: string): boolean {
    return this.declaredBelow.has(name);
  }

  child(): Scope {
    return new Scope(this);
  }
}
