import { InterpolationError, interpolate } from './interpolate';
import { lookupIn } from './env-file';

// SET has a value, EMPTY is set to '', UNSET is not set at all: the three cases every form tells apart.
const lookup = lookupIn({ SET: 'value', EMPTY: '', DOLLARS: '$SET ${SET}' });
const run = (template: string) => interpolate(template, lookup);

describe('interpolate', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['$UNSET', ''],
    ['${UNSET}', ''],
    ['${EMPTY}', ''],
    ['a-$SET-b', 'a-value-b'],
    ['${SET}suffix', 'valuesuffix'],
    // An unbraced name runs as far as name characters go.
    ['$SET_MORE', ''],
    ['$SET.more', 'value.more'],
  ])('substitutes %s as %j', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  it.each([
    // form          set       empty     unset
    ['${%s:-def}', 'value', 'def', 'def'],
    ['${%s-def}', 'value', '', 'def'],
    ['${%s:+alt}', 'alt', '', ''],
    ['${%s+alt}', 'alt', 'alt', ''],
  ])('%s gives %j when set, %j when empty, %j when unset', (form, whenSet, whenEmpty, whenUnset) => {
    expect(run(form.replace('%s', 'SET'))).toBe(whenSet);
    expect(run(form.replace('%s', 'EMPTY'))).toBe(whenEmpty);
    expect(run(form.replace('%s', 'UNSET'))).toBe(whenUnset);
  });

  it('${VAR:?message} fails when the variable is unset or empty, naming the variable and the message', () => {
    expect(run('${SET:?set it}')).toBe('value');
    expect(() => run('${UNSET:?set it in .env}')).toThrow(
      new InterpolationError('required variable UNSET is not set: set it in .env'),
    );
    expect(() => run('${EMPTY:?must not be empty}')).toThrow('required variable EMPTY is empty: must not be empty');
  });

  it('${VAR?message} fails only when the variable is unset', () => {
    expect(run('${EMPTY?set it}')).toBe('');
    expect(() => run('${UNSET?set it}')).toThrow('required variable UNSET is not set: set it');
    expect(() => run('${UNSET?}')).toThrow(/^required variable UNSET is not set$/);
  });

  it('$$ is a literal $, and does not start a variable', () => {
    expect(run('$$')).toBe('$');
    expect(run('$$SET')).toBe('$SET');
    expect(run('$${SET}')).toBe('${SET}');
    expect(run('cost: $$5 and $$$SET')).toBe('cost: $5 and $value');
  });

  it('defaults, alternatives and messages may hold interpolations, evaluated only when used', () => {
    expect(run('${UNSET:-${SET}}')).toBe('value');
    expect(run('${UNSET:-a ${EMPTY:-b ${SET}} c}')).toBe('a b value c');
    expect(run('${SET:+[${SET}]}')).toBe('[value]');
    expect(run('${SET:-${UNSET:?never evaluated}}')).toBe('value');
    expect(() => run('${UNSET:?no ${SET}}')).toThrow('required variable UNSET is not set: no value');
    expect(run('${UNSET:-$$}')).toBe('$');
    expect(run('${UNSET:-http://host:80/path}')).toBe('http://host:80/path');
  });

  it('does not expand a substituted value again', () => {
    expect(run('${DOLLARS}')).toBe('$SET ${SET}');
  });

  it('leaves text without $ alone', () => {
    expect(run('')).toBe('');
    expect(run('no variables {here}')).toBe('no variables {here}');
  });

  it.each([
    ['$', /a "\$" must start/],
    ['100$ off', /a "\$" must start/],
    ['${}', /does not start with a variable name/],
    ['${1X}', /does not start with a variable name/],
    ['${SET', /has no closing "}"/],
    ['${UNSET:-${SET}', /has no closing "}"/],
    ['${SET:x}', /after SET comes one of :- :\? :\+ - \? \+ or "}"/],
    ['${SET.x}', /after SET comes one of/],
  ])('refuses %j, saying why', (template, why) => {
    expect(() => run(template)).toThrow(InterpolationError);
    expect(() => run(template)).toThrow(why);
    expect(() => run(template)).toThrow(JSON.stringify(template));
  });
});
