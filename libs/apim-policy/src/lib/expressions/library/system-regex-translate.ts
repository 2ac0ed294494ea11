import { fault } from '../members';

/**
 * .NET regular expressions → JavaScript RegExp. Kept as .NET means them: `.` does not match `\n`
 * (unless Singleline), `$` also matches before a final `\n` (unless Multiline), `\A` `\z` `\Z`,
 * leading inline options `(?imsnx)`, `(?'name'…)`, `\k'name'`, RegexOptions (IgnoreCase,
 * Multiline, Singleline, ExplicitCapture, IgnorePatternWhitespace; Compiled and CultureInvariant
 * change nothing). Refused, because JavaScript cannot do them: atomic groups `(?>…)`,
 * conditionals `(?(…)…)`, balancing groups, class subtraction `[a-z-[aeiou]]`, `\G`, scoped
 * inline options `(?i:…)`, RightToLeft. `\d` and `\w` are ASCII here (Unicode in .NET).
 * A classic catastrophic shape — a quantified group whose body is one quantified atom, `(a+)+`
 * — is refused too, and input longer than {@link MAX_REGEX_INPUT} characters is not matched.
 */

export const MAX_REGEX_INPUT = 1_000_000;

export const OPTIONS = {
  None: 0,
  IgnoreCase: 1,
  Multiline: 2,
  ExplicitCapture: 4,
  Compiled: 8,
  Singleline: 16,
  IgnorePatternWhitespace: 32,
  RightToLeft: 64,
  ECMAScript: 256,
  CultureInvariant: 512,
  NonBacktracking: 1024,
} as const;

export interface TranslatedRegex {
  readonly regex: RegExp;
  /** Capturing groups in JS order (1…n), with their .NET names or numbers. */
  readonly groups: readonly GroupInfo[];
  /** .NET group names in .NET number order (`0`, unnamed `1`…, then named). */
  readonly names: readonly string[];
}

export interface GroupInfo {
  /** The .NET name: the group's name, or its number as text. */
  readonly name: string;
}

function refuse(pattern: string, what: string): Error {
  return fault(
    `the regular expression ${JSON.stringify(pattern)} uses ${what}, which this gateway cannot run (JavaScript RegExp)`,
  );
}

const cache = new Map<string, TranslatedRegex>();

export function translateRegex(pattern: string, options: number): TranslatedRegex {
  const key = `${options}\u0000${pattern}`;
  let found = cache.get(key);
  if (!found) {
    found = translate(pattern, options);
    if (cache.size > 500) cache.clear();
    cache.set(key, found);
  }
  return found;
}

function translate(pattern: string, initialOptions: number): TranslatedRegex {
  let options = initialOptions;
  if (options & OPTIONS.RightToLeft) throw refuse(pattern, 'RegexOptions.RightToLeft');
  let source = pattern;
  const leading = /^\(\?([imnsx]+)\)/.exec(source);
  if (leading) {
    for (const letter of leading[1]) options |= LETTER_OPTIONS[letter];
    source = source.slice(leading[0].length);
  }
  const ignoreWhitespace = (options & OPTIONS.IgnorePatternWhitespace) !== 0;
  const explicitCapture = (options & OPTIONS.ExplicitCapture) !== 0;
  const singleline = (options & OPTIONS.Singleline) !== 0;
  const multiline = (options & OPTIONS.Multiline) !== 0;

  let out = '';
  const groups: { name: string | undefined }[] = [];
  let inClass = false;
  let unicode = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 'p' || next === 'P') unicode = true;
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (next === 'G') throw refuse(pattern, '\\G');
      else if (!inClass && /[1-9]/.test(next)) {
        // A numbered back-reference: .NET numbers groups differently from JS (see numberGroups).
        const digits = /^[0-9]+/.exec(source.slice(i + 1))?.[0] ?? next;
        out += `\ue000${digits}\ue001`;
        i += digits.length;
        continue;
      } else if (next === 'k' && source[i + 2] === "'") {
        const end = source.indexOf("'", i + 3);
        out += `\\k<${source.slice(i + 3, end)}>`;
        i = end;
        continue;
      } else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i - 1] === '-') throw refuse(pattern, 'character class subtraction [a-z-[…]]');
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (ignoreWhitespace && /\s/.test(c)) continue;
    if (ignoreWhitespace && c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        if (source[i + 1] === '^') out += source[++i];
        if (source[i + 1] === ']') out += `\\${source[++i]}`;
        break;
      case '.':
        out += singleline ? '[\\s\\S]' : '[^\\n]';
        break;
      case '$':
        out += multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
        break;
      case '^':
        out += multiline ? '(?<=^|\\n)' : '(?<![\\s\\S])';
        break;
      case '(': {
        const rest = source.slice(i + 1);
        if (!rest.startsWith('?')) {
          if (explicitCapture) out += '(?:';
          else {
            groups.push({ name: undefined });
            out += '(';
          }
          break;
        }
        const named = /^\?(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
        if (named) {
          const name = named[1] ?? named[2];
          groups.push({ name });
          out += `(?<${name}>`;
          i += named[0].length;
          break;
        }
        if (/^\?<[A-Za-z_]\w*-|^\?<-|^\?'[A-Za-z_]*-/.test(rest)) throw refuse(pattern, 'a balancing group');
        if (rest.startsWith('?>')) throw refuse(pattern, 'an atomic group (?>…)');
        if (rest.startsWith('?(')) throw refuse(pattern, 'a conditional (?(…)…)');
        if (/^\?[imnsx-]+[:)]/.test(rest))
          throw refuse(pattern, 'inline options inside the pattern (only a leading (?i) etc. works)');
        if (rest.startsWith('?#')) {
          i = source.indexOf(')', i);
          break;
        }
        out += c;
        break;
      }
      default:
        out += c;
    }
  }
  out = out.replace(/\ue000(\d+)\ue001/g, (_, digits: string) => `\\${jsGroupOf(pattern, groups, Number(digits))}`);
  checkCatastrophic(pattern, out);

  const flags = `d${options & OPTIONS.IgnoreCase ? 'i' : ''}${unicode ? 'u' : ''}`;
  let regex: RegExp;
  try {
    regex = new RegExp(out, `${flags}g`);
  } catch (error) {
    throw fault(
      `${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message} (ArgumentException)`,
    );
  }
  return { regex, ...numberGroups(groups) };
}

const LETTER_OPTIONS: Readonly<Record<string, number>> = {
  i: OPTIONS.IgnoreCase,
  m: OPTIONS.Multiline,
  n: OPTIONS.ExplicitCapture,
  s: OPTIONS.Singleline,
  x: OPTIONS.IgnorePatternWhitespace,
};

/** .NET numbers unnamed groups first (1…k, left to right), then named groups in order of appearance. */
function numberGroups(groups: readonly { name: string | undefined }[]): Pick<TranslatedRegex, 'groups' | 'names'> {
  const unnamed = groups.filter((g) => g.name === undefined).length;
  const namedOrder: string[] = [];
  for (const g of groups) if (g.name !== undefined && !namedOrder.includes(g.name)) namedOrder.push(g.name);
  let n = 0;
  const infos = groups.map((g) => ({ name: g.name ?? String(++n) }));
  const names = ['0', ...Array.from({ length: unnamed }, (_, k) => String(k + 1)), ...namedOrder];
  return { groups: infos, names };
}

/** The JS group index of .NET group `number` (unnamed groups first, then named ones). */
function jsGroupOf(pattern: string, groups: readonly { name: string | undefined }[], number: number): number {
  const unnamed = groups.flatMap((g, k) => (g.name === undefined ? [k + 1] : []));
  const named: number[] = [];
  const seen = new Set<string>();
  groups.forEach((g, k) => {
    if (g.name !== undefined && !seen.has(g.name)) {
      seen.add(g.name);
      named.push(k + 1);
    }
  });
  const index = [...unnamed, ...named][number - 1];
  if (index === undefined)
    throw fault(`${JSON.stringify(pattern)} refers to group ${number}, which it does not have (ArgumentException)`);
  return index;
}

/** `(a+)+`, `(\w*)*`, `(?:x+){2,}`: a group of one unbounded atom, itself repeated without bound. */
function checkCatastrophic(pattern: string, translated: string): void {
  const shape = /\((?:\?:|\?<\w+>)?(?:\\.|\[[^\]]*\]|[^()\\[\]|])[+*]\)(?:[+*]|\{\d+,\})/;
  if (shape.test(translated)) {
    throw fault(
      `the regular expression ${JSON.stringify(pattern)} repeats a repeated group like (a+)+, which can take exponential time; write it without the nesting (a+)`,
    );
  }
}
