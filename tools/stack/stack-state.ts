/**
 * `<data dir>/stack.json`: which launcher runs the stack (pid, start time, its children, their URLs). Written
 * atomically (temporary file, then rename) each time a child starts, removed when the launcher stops. A second
 * `npm start` reads it to say "already running" instead of failing on the first taken port; a file whose launcher
 * is dead is stale and ignored.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDirOf } from './data-dir';

export interface StackState {
  readonly launcherPid: number;
  /** ISO time the launcher started. */
  readonly since: string;
  readonly services: readonly { readonly name: string; readonly pid?: number; readonly url: string }[];
}

export function stackStatePath(env: NodeJS.ProcessEnv): string {
  return join(dataDirOf(env), 'stack.json');
}

export function writeStackState(path: string, state: StackState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temporary, path);
  } catch {
    // Only a hint for a second launcher; the stack runs without it (e.g. the data folder was deleted).
    rmSync(temporary, { force: true });
  }
}

/** The state of a launcher that is still alive, or `undefined` (no file, unreadable, or its launcher is gone). */
export function readLiveStackState(path: string): StackState | undefined {
  const state = readStackState(path);
  return state && isAlive(state.launcherPid) ? state : undefined;
}

/** The file as written, live or stale (a killed launcher's children may still hold their ports). */
export function readStackState(path: string): StackState | undefined {
  let state: StackState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as StackState;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(state?.launcherPid) || state.launcherPid === process.pid) return undefined;
  return Array.isArray(state.services) ? state : undefined;
}

/** Removes the file if it is this launcher's (a second launcher that refused to start must not remove it). */
export function removeStackState(path: string, launcherPid = process.pid): void {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as StackState;
    if (state.launcherPid === launcherPid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
