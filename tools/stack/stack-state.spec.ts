import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isAlive,
  readLiveStackState,
  readStackState,
  removeStackState,
  stackStatePath,
  writeStackState,
} from './stack-state';

describe('the stack state file', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-state-'));
    path = stackStatePath({ IDENTITY_DATA_DIR: join(dir, 'data') });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const state = (launcherPid: number) => ({
    launcherPid,
    since: '2026-01-01T00:00:00.000Z',
    services: [{ name: 'identity', pid: 123, url: 'https://localhost:5443' }],
  });

  it('lives in the data folder, is written whole (no temporary file left) and creates the folder', () => {
    writeStackState(path, state(process.pid));
    expect(path).toBe(join(dir, 'data', 'stack.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(state(process.pid));
    expect(readdirSync(join(dir, 'data'))).toEqual(['stack.json']);
  });

  it("a live launcher's state is read; a dead launcher's is stale (still readable as such)", async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeStackState(path, state(other.pid as number));
      expect(readLiveStackState(path)?.launcherPid).toBe(other.pid);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    expect(isAlive(other.pid as number)).toBe(false);
    expect(readLiveStackState(path)).toBeUndefined();
    expect(readStackState(path)?.launcherPid).toBe(other.pid);
  });

  it('no file, or not JSON: nothing running', async () => {
    expect(readLiveStackState(path)).toBeUndefined();
    await mkdir(join(dir, 'data'));
    await writeFile(path, '{ half');
    expect(readLiveStackState(path)).toBeUndefined();
    writeStackState(path, state(process.pid));
    expect(readLiveStackState(path)).toBeUndefined(); // this process's own file is not "another stack"
  });

  it('is removed only by the launcher that wrote it', () => {
    writeStackState(path, state(process.pid + 1));
    removeStackState(path);
    expect(existsSync(path)).toBe(true);
    removeStackState(path, process.pid + 1);
    expect(existsSync(path)).toBe(false);
  });
});
