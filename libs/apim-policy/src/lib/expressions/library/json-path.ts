import { fault } from '../members';
import { type FilterTest, parseFilter } from './json-path-filter';
import { JArray, JObject, type JToken } from './json-token';

/**
 * `SelectToken` / `SelectTokens`: the JSONPath Newtonsoft reads. `$` (optional), `.name`,
 * `['name']` / `["name"]`, `[0]`, `[*]` / `.*`, unions `[0,2]` / `['a','b']`, slices `[1:3]` /
 * `[::2]` / `[-1:]`, recursive descent `..name` / `..*`, and filters `[?(@.price < 10)]`
 * (json-path-filter.ts). Paths are parsed per call and bounded to 1000 characters.
 */

type Step =
  | { readonly kind: 'names'; readonly names: readonly string[] }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number; readonly step: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'descend'; readonly name?: string; readonly self?: boolean }
  | { readonly kind: 'filter'; readonly test: FilterTest }
  | { readonly kind: 'scanFilter'; readonly test: FilterTest };

const MAX_PATH = 1000;

export function selectTokens(root: JToken, path: string, errorWhenNoMatch = false): JToken[] {
  let current: JToken[] = [root];
  for (const step of parsePath(path)) {
    current = current.flatMap((token) => apply(step, token, errorWhenNoMatch, root));
  }
  return current;
}

export function selectToken(root: JToken, path: string, errorWhenNoMatch = false): JToken | null {
  const found = selectTokens(root, path, errorWhenNoMatch);
  if (found.length > 1) throw fault('Path returned multiple tokens.');
  return found[0] ?? null;
}

function apply(step: Step, token: JToken, strict: boolean, root: JToken): JToken[] {
  switch (step.kind) {
    case 'names':
      if (!(token instanceof JObject)) {
        if (strict) throw fault(`Property '${step.names[0]}' not valid on ${token.constructor.name}.`);
        return [];
      }
      return step.names.flatMap((name) => {
        const value = token.get(name);
        if (value === null && strict) throw fault(`Property '${name}' does not exist on JObject.`);
        return value === null ? [] : [value];
      });
    case 'indexes':
      if (!(token instanceof JArray)) {
        if (strict) throw fault(`Index ${step.indexes[0]} not valid on ${token.constructor.name}.`);
        return [];
      }
      return step.indexes.flatMap((index) => {
        if (index < token.count) return [token.at(index)];
        if (strict) throw fault(`Index ${index} outside the bounds of JArray.`);
        return [];
      });
    case 'slice':
      if (!(token instanceof JArray)) {
        if (strict) throw fault(`Array slice is not valid on ${token.constructor.name}.`);
        return [];
      }
      return slice(token.children(), step);
    case 'wildcard':
      return valuesOf(token);
    case 'filter':
      // Each child is tested: an array's items (an object's children are its properties, as in Newtonsoft).
      return token.children().filter((child) => step.test(root, child));
    case 'scanFilter':
      // `..[?(…)]` tests the token and every value below it (Newtonsoft's QueryScanFilter).
      return descendants(token).filter((t) => step.test(root, t));
    case 'descend': {
      // `..name`: that property of the token and of every container below; `..*`: every value
      // below; `..[…]`: the token and every value below, for the bracket that follows.
      const all = descendants(token);
      const name = step.name;
      if (name === undefined) return step.self ? all : all.slice(1);
      return all.flatMap((t) => (t instanceof JObject && t.get(name) !== null ? [t.get(name) as JToken] : []));
    }
  }
}

/** Children as values: property values for an object, items for an array. */
function valuesOf(token: JToken): JToken[] {
  if (token instanceof JObject) return token.children().map((p) => p.value);
  if (token instanceof JArray) return [...token.children()];
  return [];
}

/** The token and every value below it, depth first. */
function descendants(token: JToken): JToken[] {
  const out: JToken[] = [];
  const visit = (t: JToken, self: boolean) => {
    if (self) out.push(t);
    for (const child of valuesOf(t)) visit(child, true);
  };
  visit(token, true);
  return out;
}

function slice(items: readonly JToken[], step: Extract<Step, { kind: 'slice' }>): JToken[] {
  const n = items.length;
  const clamp = (i: number) => (i < 0 ? Math.max(n + i, 0) : Math.min(i, n));
  const out: JToken[] = [];
  if (step.step > 0) {
    for (let i = clamp(step.start ?? 0); i < clamp(step.end ?? n); i += step.step) out.push(items[i]);
  } else {
    const start = step.start === undefined ? n - 1 : Math.min(clamp(step.start), n - 1);
    const end = step.end === undefined ? -1 : clamp(step.end);
    for (let i = start; i > end; i += step.step) out.push(items[i]);
  }
  return out;
}

function parsePath(path: string): Step[] {
  if (path.length > MAX_PATH) throw fault(`JSON path of ${path.length} characters is over ${MAX_PATH}`);
  const steps: Step[] = [];
  let i = 0;
  const bad = (why: string) => fault(`Unexpected character while parsing path: ${why} (at ${i} in '${path}')`);
  if (path[0] === '$') i = 1;
  else if (path !== '' && path[0] !== '[' && path[0] !== '.') path = `.${path}`;
  while (i < path.length) {
    const c = path[i];
    if (c === '.' && path[i + 1] === '.') {
      i += 2;
      if (path[i] === '*') {
        i++;
        steps.push({ kind: 'descend' });
      } else if (path[i] === '[') {
        steps.push({ kind: 'descend', self: true });
      } else {
        const name = readName(path, i);
        if (!name) throw bad('a name or * after ..');
        i += name.length;
        steps.push({ kind: 'descend', name });
      }
    } else if (c === '.') {
      i++;
      if (path[i] === '*') {
        i++;
        steps.push({ kind: 'wildcard' });
      } else {
        const name = readName(path, i);
        if (!name) throw bad('a name after .');
        i += name.length;
        steps.push({ kind: 'names', names: [name] });
      }
    } else if (c === '[') {
      const close = findClose(path, i);
      if (close < 0) throw bad('[ without ]');
      const step = bracket(path.slice(i + 1, close).trim(), bad);
      const previous = steps[steps.length - 1];
      if (step.kind === 'filter' && previous?.kind === 'descend' && previous.self) {
        steps[steps.length - 1] = { kind: 'scanFilter', test: step.test };
      } else {
        steps.push(step);
      }
      i = close + 1;
    } else {
      throw bad(c);
    }
  }
  return steps;
}

function readName(path: string, from: number): string {
  return /^[^.[\]()\s]+/.exec(path.slice(from))?.[0] ?? '';
}

/** The `]` closing the bracket at `open`, skipping quoted text. */
function findClose(path: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = open + 1; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && depth-- === 0) return i;
  }
  return -1;
}

function bracket(inner: string, bad: (why: string) => Error): Step {
  if (inner === '*') return { kind: 'wildcard' };
  if (inner.startsWith('?(') && inner.endsWith(')')) {
    return { kind: 'filter', test: parseFilter(inner.slice(2, -1), (from, path) => selectTokens(from, path)) };
  }
  if (inner.startsWith('?') || inner.startsWith('(')) throw bad(`[${inner}] (a filter is written [?(…)])`);
  const parts = splitUnion(inner);
  if (parts.every((p) => /^(['"]).*\1$/s.test(p))) {
    return { kind: 'names', names: parts.map((p) => p.slice(1, -1).replace(/\\(['"\\])/g, '$1')) };
  }
  if (parts.length === 1 && parts[0].includes(':')) {
    const pieces = parts[0].split(':').map((p) => p.trim());
    if (pieces.length > 3 || !pieces.every((p) => p === '' || /^-?\d+$/.test(p))) throw bad(`[${inner}]`);
    const step = pieces[2] ? Number(pieces[2]) : 1;
    if (step === 0) throw fault('Step cannot be zero.');
    return {
      kind: 'slice',
      start: pieces[0] === '' ? undefined : Number(pieces[0]),
      end: pieces[1] === '' || pieces[1] === undefined ? undefined : Number(pieces[1]),
      step,
    };
  }
  if (parts.every((p) => /^\d+$/.test(p))) return { kind: 'indexes', indexes: parts.map(Number) };
  throw bad(`[${inner}]`);
}

function splitUnion(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      parts.push(inner.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(inner.slice(from).trim());
  return parts;
}
