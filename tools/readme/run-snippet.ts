/**
 * Runs README snippets the way a reader would, against a stack on other ports and another data folder: the
 * defaults the README names (localhost:5443, :8080, :3000, :3001, `.data/`) are rewritten to that stack's, and
 * nothing else is added. In particular the dev CA is trusted only if the snippet itself says so (NODE_EXTRA_CA_CERTS
 * in its run line, `--cacert` for curl).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../stack/services';
import { commentEnv, splitArgs, type Snippet } from './readme-snippets';

export interface SnippetTarget {
  readonly identityPort: string;
  readonly gatewayPort: string;
  readonly protectedApiPort: string;
  readonly echoApiPort: string;
  readonly dataDir: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The README's default ports and data folder replaced by the target's. */
export function localize(text: string, target: SnippetTarget): string {
  const dataDir = target.dataDir.split('\\').join('/');
  return text
    .replace(/localhost:5443\b/g, `localhost:${target.identityPort}`)
    .replace(/localhost:8080\b/g, `localhost:${target.gatewayPort}`)
    .replace(/localhost:3000\b/g, `localhost:${target.protectedApiPort}`)
    .replace(/localhost:3001\b/g, `localhost:${target.echoApiPort}`)
    .replace(/(^|[\s='"(])\.data\//gm, `$1${dataDir}/`);
}

/** A JS/TS snippet as an ES module from the repository root, with the environment its own comments ask for. */
export function runModuleSnippet(snippet: Snippet, target: SnippetTarget): Promise<RunResult> {
  const typescript = snippet.lang === 'ts' || snippet.lang === 'typescript';
  const source = typescript
    ? ts.transpileModule(snippet.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText
    : snippet.code;
  const env = { ...readerEnv(), ...commentEnvLocalized(snippet.code, target) };
  return run(process.execPath, ['--input-type=module', '-e', localize(source, target)], env);
}

/** ES module source run from the repository root with the reader's environment plus `env`. */
export function runEsm(source: string, env: Record<string, string>): Promise<RunResult> {
  return run(process.execPath, ['--input-type=module', '-e', source], { ...readerEnv(), ...env });
}

/** A bash snippet, stopping at the first failing command. */
export function runBashSnippet(snippet: Snippet, target: SnippetTarget): Promise<RunResult> {
  return run('bash', ['-e', '-o', 'pipefail', '-c', localize(snippet.code, target)], readerEnv());
}

/** `npm run call -- <args>` as package.json's script runs it (without npm: no shell in between on any platform). */
export function runNpmCall(args: readonly string[], target: SnippetTarget): Promise<RunResult> {
  const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { call: string } })
    .scripts;
  const [program, ...scriptArgs] = splitArgs(scripts.call);
  if (program !== 'node') throw new Error(`package.json's "call" script no longer starts with node: ${scripts.call}`);
  const env = {
    ...readerEnv(),
    IDENTITY_PORT: target.identityPort,
    GATEWAY_PORT: target.gatewayPort,
    PROTECTED_API_PORT: target.protectedApiPort,
    ECHO_API_PORT: target.echoApiPort,
    IDENTITY_DATA_DIR: target.dataDir,
  };
  return run(process.execPath, [...scriptArgs, ...args.map((arg) => localize(arg, target))], env);
}

/** Whether `bash` and `curl` are on the PATH (the curl snippets need both). */
export function hasBashAndCurl(): boolean {
  const probe = spawnSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** This process's environment without anything that would make a snippet pass for the wrong reason. */
function readerEnv(): NodeJS.ProcessEnv {
  const hidden =
    /^(AZURE_|NODE_EXTRA_CA_CERTS$|NODE_OPTIONS$|IDENTITY_|GATEWAY_|WORKER_|AUTH_|PROTECTED_API_|ECHO_API_)/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !hidden.test(name)));
  // Output is compared as text: Jest's workers set FORCE_COLOR, which would colour console.log's objects.
  return { ...env, FORCE_COLOR: '0' };
}

function commentEnvLocalized(code: string, target: SnippetTarget): Record<string, string> {
  return Object.fromEntries(Object.entries(commentEnv(code)).map(([name, value]) => [name, localize(value, target)]));
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000) {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
