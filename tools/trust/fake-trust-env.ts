/** A scripted {@link TrustEnv} for unit tests: files, tools and command results are given; commands are recorded. */
import type { TrustEnv } from './trust-env';

export interface FakeTrustEnvOptions {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly isRoot?: boolean;
  /** Paths that exist (files and folders). */
  readonly files?: readonly string[];
  /** Folders and their sub-folders (full paths). */
  readonly dirs?: Readonly<Record<string, readonly string[]>>;
  readonly tools?: readonly string[];
  /** Result of a captured command, by its argv joined with spaces; default exit 1, no output. */
  readonly captured?: Readonly<Record<string, { code: number; stdout: string }>>;
  /** Exit code of a run command, by its argv joined with spaces; default 0. */
  readonly exitCodes?: Readonly<Record<string, number>>;
  readonly answer?: boolean;
}

export interface FakeTrustEnv extends TrustEnv {
  /** Every command run (argv joined with spaces) and `mkdir <path>`, in order. */
  readonly ran: string[];
  readonly lines: string[];
  readonly asked: string[];
}

export function fakeTrustEnv(options: FakeTrustEnvOptions): FakeTrustEnv {
  const ran: string[] = [];
  const lines: string[] = [];
  const asked: string[] = [];
  const files = new Set(options.files ?? []);
  return {
    platform: options.platform,
    env: options.env,
    isRoot: options.isRoot ?? false,
    ran,
    lines,
    asked,
    exists: (path) => files.has(path) || path in (options.dirs ?? {}),
    listDirs: (path) => [...(options.dirs?.[path] ?? [])],
    hasTool: (tool) => (options.tools ?? []).includes(tool),
    capture: async (argv) => options.captured?.[argv.join(' ')] ?? { code: 1, stdout: '' },
    run: async (argv) => {
      ran.push(argv.join(' '));
      return options.exitCodes?.[argv.join(' ')] ?? 0;
    },
    mkdir: (path) => void ran.push(`mkdir ${path}`),
    confirm: async (question) => {
      asked.push(question);
      return options.answer ?? false;
    },
    log: (line) => void lines.push(line),
  };
}
