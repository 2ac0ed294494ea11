import { TimeSpanValue } from '../context-view';
import { EvaluationFault } from '../expression-error';
import { formatComposite, formatWithSpecifier } from './system-format';

const at = (iso: string) => new Date(iso);

describe('composite formatting (string.Format)', () => {
  it('fills indexed items, in any order and more than once', () => {
    expect(formatComposite('{1}-{0}-{1}', ['a', 'b'])).toBe('b-a-b');
    expect(formatComposite('total: {0}', [12.5])).toBe('total: 12.5');
    expect(formatComposite('{0} {1}', [true, null])).toBe('True ');
  });

  it('aligns right with a positive width and left with a negative one', () => {
    expect(formatComposite('[{0,6}]', ['ab'])).toBe('[    ab]');
    expect(formatComposite('[{0,-6}]', ['ab'])).toBe('[ab    ]');
    expect(formatComposite('[{0,2}]', ['longer'])).toBe('[longer]');
    expect(formatComposite('[{0,8:N1}]', [1234.56])).toBe('[ 1,234.6]');
  });

  it('applies the format after the colon', () => {
    expect(formatComposite('{0:D5}|{1:x}|{2:F3}', [42, 255, 2])).toBe('00042|ff|2.000');
    expect(formatComposite('{0:yyyy-MM-dd}', [at('2025-03-04T05:06:07Z')])).toBe('2025-03-04');
  });

  it('writes {{ and }} as braces', () => {
    expect(formatComposite('{{"id":{0}}}', [7])).toBe('{"id":7}');
  });

  it('refuses bad items and missing arguments like FormatException', () => {
    expect(() => formatComposite('{1}', ['only one'])).toThrow(EvaluationFault);
    expect(() => formatComposite('{1}', ['only one'])).toThrow(
      'refers to argument 1 but only 1 argument(s) were given',
    );
    expect(() => formatComposite('{x}', [1])).toThrow('invalid item');
    expect(() => formatComposite('open {0', [1])).toThrow('never closed');
    expect(() => formatComposite('close }', [])).toThrow('closes nothing');
    expect(() => formatComposite('{0,1000000}', ['x'])).toThrow('below 1000000');
  });
});

describe('numeric format strings (invariant culture)', () => {
  it.each([
    [1234.5678, 'N', '1,234.57'],
    [1234.5678, 'N0', '1,235'],
    [-1234.5, 'N1', '-1,234.5'],
    [1234.5678, 'F', '1234.57'],
    [2.5, 'F0', '3'],
    [-2.5, 'F0', '-3'],
    [0.125, 'P', '12.50 %'],
    [0.5, 'P0', '50 %'],
    [42, 'D', '42'],
    [-42, 'D6', '-000042'],
    [255, 'X', 'FF'],
    [255, 'x4', '00ff'],
    [-1, 'X', 'FFFFFFFF'],
    [1234.5678, 'E', '1.234568E+003'],
    [0.00012, 'e2', '1.20e-004'],
    [1234.5678, 'G', '1234.5678'],
    [1234.5678, 'G3', '1.23E+03'],
    [0.5, 'G3', '0.5'],
    [1234.5, 'C', '¤1,234.50'],
    [-3, 'C0', '(¤3)'],
    [0.1 + 0.2, 'R', '0.30000000000000004'],
  ])('%p with "%s" is %p', (value, spec, expected) => {
    expect(formatWithSpecifier(value, spec)).toBe(expected);
  });

  it.each([
    [3.14159, '0.00', '3.14'],
    [3, '0.00', '3.00'],
    [3.1, '0.##', '3.1'],
    [3, '0.##', '3'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [7, '000', '007'],
    [0, '#', ''],
    [0, '#0', '0'],
    [5551234567, '(###) ###-####', '(555) 123-4567'],
    [0.256, '0.0%', '25.6%'],
    [1234567, '#,##0,K', '1,235K'],
    [-5, '0;(0)', '(5)'],
    [0, '0;(0);zero', 'zero'],
    [-5, '0.0', '-5.0'],
    [12345, '0.00E+00', '1.23E+04'],
    [42, '"n="0', 'n=42'],
    [42, '\\#0', '#42'],
  ])('%p with custom "%s" is %p', (value, spec, expected) => {
    expect(formatWithSpecifier(value, spec)).toBe(expected);
  });

  it('refuses D and X on a fraction and unknown letters', () => {
    expect(() => formatWithSpecifier(1.5, 'D')).toThrow('needs a whole number');
    expect(() => formatWithSpecifier(1.5, 'X2')).toThrow(EvaluationFault);
    expect(() => formatWithSpecifier(1, 'Q')).toThrow('not a valid numeric format');
    expect(() => formatWithSpecifier(1, 'D999999999')).toThrow('more than 1000 digits');
  });
});

describe('DateTime format strings', () => {
  const date = at('2025-03-04T15:06:07.089Z');

  it.each([
    ['o', '2025-03-04T15:06:07.0890000Z'],
    ['s', '2025-03-04T15:06:07'],
    ['u', '2025-03-04 15:06:07Z'],
    ['r', 'Tue, 04 Mar 2025 15:06:07 GMT'],
    ['d', '03/04/2025'],
    ['D', 'Tuesday, 04 March 2025'],
    ['t', '15:06'],
    ['T', '15:06:07'],
    ['g', '03/04/2025 15:06'],
    ['yyyy-MM-dd', '2025-03-04'],
    ['HH:mm:ss', '15:06:07'],
    ['h:mm tt', '3:06 PM'],
    ['ddd, d MMM yy', 'Tue, 4 Mar 25'],
    ['yyyyMMddTHHmmssfff', '20250304T150607089'],
    ['ss.FFF', '07.089'],
    ["'at' HH'h'", 'at 15h'],
    ['%d', '4'],
    ['yyyy-MM-ddTHH:mm:ssK', '2025-03-04T15:06:07Z'],
  ])('"%s" gives %p', (spec, expected) => {
    expect(formatWithSpecifier(date, spec)).toBe(expected);
  });

  it('drops F digits and their point when they are all zero', () => {
    expect(formatWithSpecifier(at('2025-01-01T00:00:00Z'), 'HH:mm:ss.FFF')).toBe('00:00:00');
  });

  it('refuses an unknown one-letter format', () => {
    expect(() => formatWithSpecifier(date, 'q')).toThrow('not a valid date and time format');
  });
});

describe('TimeSpan format strings', () => {
  const span = new TimeSpanValue(((26 * 60 + 3) * 60 + 4) * 1000 + 500); // 1 day 02:03:04.5

  it.each([
    ['c', '1.02:03:04.5000000'],
    ['g', '1:2:03:04.5'],
    ['G', '1:02:03:04.5000000'],
    ['hh\\:mm\\:ss', '02:03:04'],
    ["d'd 'hh'h'", '1d 02h'],
    ['%m', '3'],
    ['ss\\.ff', '04.50'],
  ])('"%s" gives %p', (spec, expected) => {
    expect(formatWithSpecifier(span, spec)).toBe(expected);
  });

  it('prints the sign in standard formats only', () => {
    expect(formatWithSpecifier(new TimeSpanValue(-90_000), 'c')).toBe('-00:01:30');
    expect(formatWithSpecifier(new TimeSpanValue(-90_000), 'mm\\:ss')).toBe('01:30');
  });

  it('refuses unescaped literal characters', () => {
    expect(() => formatWithSpecifier(span, 'hh:mm')).toThrow('quote or escape literal text');
  });
});

describe('other values', () => {
  it('ignores the format for types without one (strings, booleans) and prints nothing for null', () => {
    expect(formatWithSpecifier('text', 'N2')).toBe('text');
    expect(formatWithSpecifier(true, 'X')).toBe('True');
    expect(formatWithSpecifier(null, 'N2')).toBe('');
  });

  it('asks a formattable slice value to format itself', () => {
    expect(formatWithSpecifier({ formatWith: (spec: string) => `<${spec}>` }, 'N')).toBe('<N>');
  });
});
