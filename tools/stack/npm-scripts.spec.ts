/**
 * npm runs scripts with cmd.exe on Windows and sh elsewhere: `VAR=value cmd`, `$VAR` and `%VAR%` work in one of
 * them only. The root scripts and the Nx commands set nothing inline; the tools they run set what they need.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './services';

const inlineEnvironment = [
  { what: 'VAR=value prefix', pattern: /(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=\S/ },
  { what: '$VAR (sh only)', pattern: /\$\{?[A-Za-z_]/ },
  { what: '%VAR% (cmd.exe only)', pattern: /%[A-Za-z_][A-Za-z0-9_]*%/ },
  { what: 'export / set (one shell only)', pattern: /(^|[;&|]\s*)(export|set)\s+[A-Za-z_]/ },
];

function problems(commands: Record<string, string>): string[] {
  return Object.entries(commands).flatMap(([name, command]) =>
    inlineEnvironment.filter(({ pattern }) => pattern.test(command)).map(({ what }) => `${name}: ${what}: ${command}`),
  );
}

/** Every `command`/`commands` of a project.json target. */
function projectCommands(): Record<string, string> {
  const commands: Record<string, string> = {};
  for (const root of ['apps', 'libs', 'tools']) {
    const projectFiles = [
      join(root, 'project.json'),
      ...subfolders(root).map((name) => join(root, name, 'project.json')),
    ];
    for (const file of projectFiles) {
      let project: {
        targets?: Record<string, { options?: { command?: string; commands?: (string | { command: string })[] } }>;
      };
      try {
        project = JSON.parse(readFileSync(join(repoRoot, file), 'utf8'));
      } catch {
        continue;
      }
      for (const [target, { options }] of Object.entries(project.targets ?? {})) {
        const list = [options?.command, ...(options?.commands ?? [])].filter((c) => c !== undefined);
        list.forEach((c, i) => (commands[`${file} ${target}[${i}]`] = typeof c === 'string' ? c : c.command));
      }
    }
  }
  return commands;
}

function subfolders(root: string): string[] {
  try {
    return readdirSync(join(repoRoot, root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

describe('npm scripts and Nx commands run on every platform', () => {
  it('no root package.json script sets environment variables inline', () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(Object.keys(scripts)).toContain('start');
    expect(problems(scripts)).toEqual([]);
  });

  it('no project.json command sets environment variables inline', () => {
    expect(problems(projectCommands())).toEqual([]);
  });

  it('the check catches each form', () => {
    expect(
      problems({
        a: 'NODE_ENV=production node main.js',
        b: 'node main.js --port $PORT',
        c: 'node main.js --port %PORT%',
        d: 'export FOO=1 && node x',
        ok: 'node --require ./tools/register-ts.cjs tools/stack/start.ts --outputStyle=static',
      }).map((line) => line.split(':')[0]),
    ).toEqual(['a', 'b', 'c', 'd', 'd']);
  });
});
