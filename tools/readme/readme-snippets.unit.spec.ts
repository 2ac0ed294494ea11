import { commentEnv, npmRunCallLines, readmeBlocks, splitArgs } from './readme-snippets';

describe('readmeBlocks', () => {
  it('takes a fenced block after a snippet marker, blank lines between allowed', () => {
    const { snippets, unmarked, problems } = readmeBlocks(
      ['# Title', '', '<!-- snippet: hello -->', '', '```bash', 'echo hi', '```', ''].join('\n'),
    );
    expect(snippets).toEqual([{ name: 'hello', lang: 'bash', code: 'echo hi\n', line: 5 }]);
    expect(unmarked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reports runnable blocks without a marker, and leaves skipped and plain-text blocks alone', () => {
    const markdown = [
      '```ts',
      'run()',
      '```',
      '<!-- snippet-skip: takes minutes -->',
      '```bash',
      'npm run bench',
      '```',
      '```',
      'output',
      '```',
    ].join('\n');
    expect(readmeBlocks(markdown)).toEqual({ snippets: [], unmarked: ['ts block at line 1'], problems: [] });
  });

  it('reports a marker with text before its block, and a name used twice', () => {
    const markdown = [
      '<!-- snippet: a -->',
      'some text',
      '```bash',
      'x',
      '```',
      '<!-- snippet: b -->',
      '```js',
      '```',
      '<!-- snippet: b -->',
      '```js',
      '```',
    ].join('\n');
    const { problems, unmarked } = readmeBlocks(markdown);
    expect(problems).toEqual(['marker at line 1 is not followed by a fenced block', 'snippet "b" is named twice']);
    expect(unmarked).toEqual(['bash block at line 3']);
  });
});

describe('npmRunCallLines', () => {
  it('reads each command with the status or AADSTS code its comment expects, on its line or the next', () => {
    const code = [
      'npm run call -- GET /protected/resource   # 200: fine',
      'npm run call -- --client "my client" GET /x',
      '                                          # 403: no role',
      'npm run call -- POST /echo/resource \'{"a": 1}\'  # AADSTS7000222: expired',
    ].join('\n');
    expect(npmRunCallLines(code)).toEqual([
      {
        args: ['GET', '/protected/resource'],
        expect: { status: 200 },
        text: 'npm run call -- GET /protected/resource',
      },
      {
        args: ['--client', 'my client', 'GET', '/x'],
        expect: { status: 403 },
        text: 'npm run call -- --client "my client" GET /x',
      },
      {
        args: ['POST', '/echo/resource', '{"a": 1}'],
        expect: { aadsts: 'AADSTS7000222' },
        text: `npm run call -- POST /echo/resource '{"a": 1}'`,
      },
    ]);
  });

  it('refuses a command without an expectation, and anything that is not npm run call', () => {
    expect(() => npmRunCallLines('npm run call -- GET /x')).toThrow(/needs a comment starting with the expected/);
    expect(() => npmRunCallLines('curl http://x # 200')).toThrow(/not an "npm run call -- …" line/);
  });
});

describe('splitArgs', () => {
  it('splits on spaces and keeps quoted text whole', () => {
    expect(splitArgs(`a  'b c' "d 'e'" f"g h"`)).toEqual(['a', 'b c', "d 'e'", 'fg h']);
    expect(splitArgs(`x ''`)).toEqual(['x', '']);
    expect(() => splitArgs(`'open`)).toThrow(/unclosed/);
  });
});

describe('commentEnv', () => {
  it('collects NAME=value from // comments only', () => {
    const code = [
      '// run: NODE_EXTRA_CA_CERTS=.data/certs/ca.pem AZURE_TENANT_ID=t node x.mjs',
      "const url = 'https://localhost:5443'; // A=b",
      'const NOT_THIS=1;',
    ].join('\n');
    expect(commentEnv(code)).toEqual({ NODE_EXTRA_CA_CERTS: '.data/certs/ca.pem', AZURE_TENANT_ID: 't', A: 'b' });
  });
});
