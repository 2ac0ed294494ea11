import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('README', () => {
  it('shows the Echo policy example exactly as the test that runs it', () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const example = readFileSync(join(__dirname, 'echo-policy.example.spec.ts'), 'utf8');
    const shown = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme)?.[1];
    expect(shown).toBe(example);
  });
});
