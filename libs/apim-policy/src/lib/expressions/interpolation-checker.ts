import type { Expr } from './ast';
import type { BoundExpr, BoundInterpolationPart } from './bound';
import type { Checker } from './checker';
import { invalid } from './expression-error';
import type { Scope } from './scope';
import { INT, STRING } from './types';

/** `$"…{value,alignment:format}…"`: each hole is bound; the alignment must be an int. */
export function bindInterpolation(
  checker: Checker,
  e: Extract<Expr, { kind: 'interpolated' }>,
  scope: Scope,
): BoundExpr {
  const parts: BoundInterpolationPart[] = e.parts.map((part) => {
    if (part.kind === 'text') return part.text;
    const value = checker.expr(part.value, scope);
    if (value.type.name === 'void') throw invalid(`${checker.text(part.value)} has no value to put in the text`);
    const alignment = part.alignment ? checker.coerce(part.alignment, INT, scope, 'the alignment') : undefined;
    return { value, alignment, format: part.format };
  });
  return { kind: 'interpolate', type: STRING, parts };
}
