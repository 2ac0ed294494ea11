import type { Expr } from './ast';
import { ExpressionProblem } from './expression-error';
import { parseProgram } from './parser';

/** A compact rendering of the tree: operators and calls parenthesised, so precedence is visible. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'name':
    case 'typeName':
      return e.name;
    case 'member':
      return `${show(e.target)}${e.conditional ? '?.' : '.'}${e.name}${e.typeArgs.length ? `<${e.typeArgs.map((t) => t.name).join(',')}>` : ''}`;
    case 'call':
      return `${show(e.callee)}(${e.args.map(show).join(', ')})`;
    case 'index':
      return `${show(e.target)}${e.conditional ? '?[' : '['}${e.args.map(show).join(', ')}]`;
    case 'chain':
      return `{${show(e.inner)}}`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'conditional':
      return `(${show(e.test)} ? ${show(e.then)} : ${show(e.otherwise)})`;
    case 'cast':
      return `((${e.type.name}${e.type.nullable ? '?' : ''})${show(e.operand)})`;
    case 'as':
      return `(${show(e.operand)} as ${e.type.name})`;
    case 'assign':
      return `(${show(e.target)} ${e.op} ${show(e.value)})`;
    case 'lambda':
      return `(${e.params.map((p) => p.name).join(', ')}) => ${Array.isArray(e.body) ? '{…}' : show(e.body as Expr)}`;
    case 'is':
      return `(${show(e.operand)} is ${e.type ? e.type.name : 'null'}${e.name ? ` ${e.name}` : ''})`;
    case 'increment':
      return e.prefix ? `(${e.op}${show(e.target)})` : `(${show(e.target)}${e.op})`;
    default:
      return `<${e.kind}>`;
  }
}

function parse(source: string): string {
  const program = parseProgram(`@(${source})`);
  if (program.kind !== 'expression') throw new Error('expected an expression');
  return show(program.body);
}

function problem(source: string): ExpressionProblem {
  try {
    parseProgram(source);
  } catch (error) {
    if (error instanceof ExpressionProblem) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe('parseProgram', () => {
  it('follows C# precedence and associativity', () => {
    expect(parse('a || b && c == d')).toBe('(a || (b && (c == d)))');
    expect(parse('a + b * c - d % e')).toBe('((a + (b * c)) - (d % e))');
    expect(parse('a < b == c >= d')).toBe('((a < b) == (c >= d))');
    expect(parse('a ?? b ?? c')).toBe('(a ?? (b ?? c))');
    expect(parse('a || b ?? c')).toBe('((a || b) ?? c)');
    expect(parse('a ? b : c ? d : e')).toBe('(a ? b : (c ? d : e))');
    expect(parse('!a && -b < c')).toBe('((!a) && ((-b) < c))');
    expect(parse('x ?? y ? 1 : 2')).toBe('((x ?? y) ? 1 : 2)');
  });

  it('places bitwise, shift, is, assignment and lambda operators where C# does', () => {
    expect(parse('a | b ^ c & d')).toBe('(a | (b ^ (c & d)))');
    expect(parse('a == b & c')).toBe('((a == b) & c)');
    expect(parse('1 + 2 << 3 > 4')).toBe('(((1 + 2) << 3) > 4)');
    expect(parse('a >> 1')).toBe('(a >> 1)');
    expect(parse('x is string s && s.Length > 0')).toBe('((x is string s) && (s.Length > 0))');
    expect(parse('a = b += c ?? d')).toBe('(a = (b += (c ?? d)))');
    expect(parse('a >>= 2')).toBe('(a >>= 2)');
    expect(parse('-i++ + ++j')).toBe('((-(i++)) + (++j))');
    expect(parse('l.Where((x, i) => x > i)')).toBe('l.Where((x, i) => (x > i))');
    expect(parse('l.Select(x => x.A ?? "b")')).toBe('l.Select((x) => (x.A ?? "b"))');
  });

  it('tells casts from parenthesised values', () => {
    expect(parse('(Jwt)context.Variables["jwt"]')).toBe('((Jwt)context.Variables["jwt"])');
    expect(parse('((Jwt)v).Claims')).toBe('((Jwt)v).Claims');
    expect(parse('(int)-x')).toBe('((int)(-x))');
    expect(parse('(x)-y')).toBe('(x - y)');
    expect(parse('(x).Length')).toBe('x.Length');
    expect(parse('(bool?)v')).toBe('((bool?)v)');
    expect(parse('(a < b)')).toBe('(a < b)');
    expect(parse('v as Jwt')).toBe('(v as Jwt)');
  });

  it('reads generic calls only where a call follows, else < is less-than', () => {
    expect(parse('v.GetValueOrDefault<string>("x", "none")')).toBe('v.GetValueOrDefault<string>("x", "none")');
    expect(parse('a.B < c && d > e')).toBe('((a.B < c) && (d > e))');
  });

  it('wraps a postfix chain holding ?. so null short-circuits all of it', () => {
    expect(parse('a?.b.c(1)')).toBe('{a?.b.c(1)}');
    expect(parse('(a?.b).c')).toBe('{a?.b}.c');
    expect(parse('a?[0].b')).toBe('{a?[0].b}');
    expect(parse('a.b')).toBe('a.b');
  });

  it('parses blocks with declarations, if/else with and without braces, and return', () => {
    const program = parseProgram('@{ string s = "a"; var n = 1; if (n > 0) return s; else { return "b"; } }');
    expect(program.kind).toBe('block');
    if (program.kind !== 'block') return;
    expect(program.body.map((s) => s.kind)).toEqual(['declare', 'declare', 'if']);
    const [typed, inferred] = program.body;
    expect(typed).toMatchObject({ kind: 'declare', declarators: [{ name: 's' }], type: { name: 'string' } });
    expect(inferred).toMatchObject({ kind: 'declare', declarators: [{ name: 'n' }], type: undefined });
  });

  it('refuses what is not an expression at all', () => {
    expect(problem('context.Request.Method').message).toBe(
      'a policy expression starts with @( for one expression or @{ for a block of statements',
    );
    expect(problem('@(a b)')).toMatchObject({ kind: 'invalid', message: 'expected ")" but found "b"' });
    expect(problem('@{ return 1; ').message).toBe('the block is not closed with }');
    expect(problem('@{ else { return 1; } }').message).toBe('else without a matching if');
    expect(problem('@{ context.Request.Method; return 1; }')).toMatchObject({
      kind: 'invalid',
      message:
        'only assignments, method calls, ++/-- and new can be statements; context.Request.Method computes a value that is never used',
    });
    expect(problem('@{ var a = 1, b = 2; return a; }').message).toBe(
      'var declares one variable; write the type to declare several',
    );
    expect(problem('@{ var s; return s; }').message).toBe('var s needs a value: var s = …;');
    expect(problem('@(1 = 2)').message).toBe('the left side of = must be a variable, a property or an indexer');
    expect(problem('@(typeof(string))')).toMatchObject({ kind: 'unsupported' });
    expect(problem('@{ lock (x) { } return 1; }')).toMatchObject({ kind: 'unsupported' });
  });
});
