import { EscapingConsoleLogger } from './escaping-console-logger';

describe('EscapingConsoleLogger', () => {
  it('prints a message with a newline and an escape sequence as one line, escaped', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      new EscapingConsoleLogger('Auth', { colors: false }).log('iss https://evil/\n[Nest] forged\u001b[31m');
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0].trimEnd().split('\n')).toHaveLength(1);
    expect(written[0]).toContain('iss https://evil/\\n[Nest] forged\\u001b[31m');
  });
});
