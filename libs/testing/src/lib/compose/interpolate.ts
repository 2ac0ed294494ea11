/**
 * Variable interpolation of one compose string, per the Compose Specification's "Interpolation" section:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
 * `${VAR+alt}` and `$$` for a literal `$`. Defaults, alternatives and error messages may themselves hold
 * interpolations (`${A:-${B}}`); they are only evaluated when used, as in a POSIX shell.
 *
 * dotenv-expand is not used here: it treats an empty variable as unset for `-` and `+`, has no `?` forms, escapes
 * with `\$` instead of `$$`, and expands substituted values again (see docs/decisions/012).
 */

/** A variable's value, or `undefined` when it is not set (which is not the same as set to ''). */
export type VariableLookup = (name: string) => string | undefined;

/** A malformed `$` expression or a `${VAR:?message}` whose variable has no value. */
export class InterpolationError extends Error {
  override readonly name = 'InterpolationError';
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
// Longest first, so `:-` is not read as `:` followed by `-`.
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;
type Operator = (typeof OPERATORS)[number];

/** Substitutes every variable of `template`. @throws InterpolationError */
export function interpolate(template: string, lookup: VariableLookup): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(template, dollar + 2);
      if (end < 0) throw invalid(template, 'a "${" has no closing "}"');
      out += substituteBraced(template.slice(dollar + 2, end), template, lookup);
      i = end + 1;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < template.length && NAME_PART.test(template[end] as string)) end++;
      out += lookup(template.slice(dollar + 1, end)) ?? '';
      i = end;
    } else {
      throw invalid(template, 'a "$" must start $VAR, ${VAR} or ${VAR<operator>...}; write $$ for a literal $');
    }
  }
  return out;
}

/** `body` is what is between `${` and its `}`. */
function substituteBraced(body: string, template: string, lookup: VariableLookup): string {
  let nameEnd = 0;
  if (!NAME_START.test(body[0] ?? '')) {
    throw invalid(template, `"\${${body}}" does not start with a variable name ([A-Za-z_][A-Za-z0-9_]*)`);
  }
  while (nameEnd < body.length && NAME_PART.test(body[nameEnd] as string)) nameEnd++;
  const name = body.slice(0, nameEnd);
  const value = lookup(name);
  if (nameEnd === body.length) return value ?? '';
  const operator = OPERATORS.find((candidate) => body.startsWith(candidate, nameEnd));
  if (!operator) {
    throw invalid(template, `"\${${body}}": after ${name} comes one of ${OPERATORS.join(' ')} or "}"`);
  }
  const argument = () => interpolate(body.slice(nameEnd + operator.length), lookup);
  return apply(operator, name, value, argument);
}

function apply(operator: Operator, name: string, value: string | undefined, argument: () => string): string {
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (operator) {
    case ':-':
      return nonEmpty ? value : argument();
    case '-':
      return set ? value : argument();
    case ':+':
      return nonEmpty ? argument() : '';
    case '+':
      return set ? argument() : '';
    case ':?':
    case '?': {
      if (operator === ':?' ? nonEmpty : set) return value as string;
      const message = argument();
      const missing = operator === ':?' && set ? 'is empty' : 'is not set';
      throw new InterpolationError(`required variable ${name} ${missing}${message ? `: ${message}` : ''}`);
    }
  }
}

/** Index of the `}` closing a `${` whose body starts at `from`, skipping nested `${...}` and `$$`; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && (text[i + 1] === '$' || text[i + 1] === '{')) {
      if (text[i + 1] === '{') depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function invalid(template: string, why: string): InterpolationError {
  return new InterpolationError(`invalid interpolation in ${JSON.stringify(template)}: ${why}`);
}
