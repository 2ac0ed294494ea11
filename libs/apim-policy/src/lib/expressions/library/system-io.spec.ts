import { failure, run } from '../expression-spec-kit';

describe('StringReader and StringWriter', () => {
  it('reads lines whatever their ending, then null', () => {
    const source =
      '@{ var reader = new StringReader("a\\r\\nb\\nc"); var lines = new List<string>(); string line; ' +
      'while ((line = reader.ReadLine()) != null) { lines.Add(line); } return string.Join("|", lines); }';
    expect(run(source)).toBe('a|b|c');
    expect(run('@{ var r = new System.IO.StringReader("xy"); r.Read(); return r.Peek() + ":" + r.ReadToEnd(); }')).toBe(
      '121:y',
    );
    expect(failure('@(new StringReader(null).ReadToEnd())')).toContain('null');
  });

  it('writes values, formats and lines', () => {
    expect(
      run(
        '@{ var w = new StringWriter(); w.Write("n="); w.Write(3); w.WriteLine(); w.WriteLine("{0}-{1}", "a", 2); return w.ToString(); }',
      ),
    ).toBe('n=3\r\na-2\r\n');
    expect(run('@{ var w = new StringWriter(); w.NewLine = "\\n"; w.WriteLine("x"); return w.ToString(); }')).toBe(
      'x\n',
    );
  });
});
