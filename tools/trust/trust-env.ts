/**
 * What `npm run trust` may touch, behind one interface: the real machine ({@link systemTrustEnv}) or a fake in
 * tests (macOS and Windows plans are tested on Linux this way).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline/promises';

export interface TrustEnv {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly isRoot: boolean;
  exists(path: string): boolean;
  /** Sub-folders of `path` (full paths); empty when it is missing. */
  listDirs(path: string): string[];
  /** Whether `tool` is on PATH. */
  hasTool(tool: string): boolean;
  /** Runs quietly; resolves with the exit code and stdout (code -1 when it could not start). */
  capture(argv: readonly string[]): Promise<{ code: number; stdout: string }>;
  /** Runs with the terminal attached (sudo may ask for a password, Windows may show a dialog). */
  run(argv: readonly string[]): Promise<number>;
  mkdir(path: string): void;
  /** Asks a yes/no question; only "y"/"yes" is yes. */
  confirm(question: string): Promise<boolean>;
  log(line: string): void;
}

function onPath(tool: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const extensions = platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(delimiter).filter(Boolean);
  return dirs.some((dir) =>
    extensions.some((extension) => {
      try {
        return statSync(join(dir, tool + extension)).isFile();
      } catch {
        return false;
      }
    }),
  );
}

function spawnArgv(argv: readonly string[], quiet: boolean): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', () => resolve({ code: -1, stdout }));
    child.once('close', (code) => resolve({ code: code ?? -1, stdout }));
  });
}

/** The real machine. */
export function systemTrustEnv(env: NodeJS.ProcessEnv = process.env): TrustEnv {
  return {
    platform: process.platform,
    env,
    isRoot: process.getuid?.() === 0,
    exists: existsSync,
    listDirs: (path) => {
      try {
        return readdirSync(path, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(path, entry.name));
      } catch {
        return [];
      }
    },
    hasTool: (tool) => onPath(tool, env, process.platform),
    capture: (argv) => spawnArgv(argv, true),
    run: async (argv) => (await spawnArgv(argv, false)).code,
    mkdir: (path) => mkdirSync(path, { recursive: true }),
    confirm: async (question) => {
      const readline = createInterface({ input: process.stdin, output: process.stdout });
      // Without a terminal (stdin closed) there is no answer: that is a no.
      const closed = new Promise<string>((resolve) => readline.once('close', () => resolve('')));
      try {
        return /^y(es)?$/i.test((await Promise.race([readline.question(question), closed])).trim());
      } finally {
        readline.close();
      }
    },
    log: (line) => console.log(line),
  };
}
