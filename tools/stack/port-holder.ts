/**
 * Which process listens on a TCP port, when the platform can tell: Linux from /proc (own processes, or all when
 * root), macOS with lsof, Windows with netstat and tasklist. Best effort: any failure answers `undefined`.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface PortHolder {
  readonly pid: number;
  /** The command line (Linux) or program name (macOS, Windows), when readable. */
  readonly command?: string;
}

export async function findPortHolder(port: number, platform = process.platform): Promise<PortHolder | undefined> {
  try {
    if (platform === 'linux') return linuxPortHolder(port);
    if (platform === 'darwin') return parseLsof(await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']));
    if (platform === 'win32') {
      const pid = parseNetstat(await run('netstat', ['-ano', '-p', 'TCP']), port);
      if (pid === undefined) return undefined;
      const tasks = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']).catch(() => '');
      return { pid, command: parseTasklist(tasks) };
    }
  } catch {
    // not installed, not permitted, or an unexpected format: the caller still names the port and its variable
  }
  return undefined;
}

function linuxPortHolder(port: number): PortHolder | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6, or no /proc
    }
    for (const inode of listeningInodes(text, port)) inodes.add(inode);
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(join('/proc', entry, 'fd'));
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(join('/proc', entry, 'fd', fd));
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodes.has(match[1])) return { pid: Number(entry), command: linuxCommandLine(entry) };
    }
  }
  return undefined;
}

/** The inodes of sockets listening on `port` in a /proc/net/tcp{,6} table (state 0A is LISTEN). */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== '0A') continue;
    const localPort = parseInt(fields[1].split(':').pop() ?? '', 16);
    if (localPort === port && fields[9] !== '0') inodes.push(fields[9]);
  }
  return inodes;
}

function linuxCommandLine(pid: string): string | undefined {
  try {
    const text = readFileSync(join('/proc', pid, 'cmdline'), 'utf8')
      .split('\0')
      .filter(Boolean)
      .join(' ');
    return text || undefined;
  } catch {
    return undefined;
  }
}

/** `lsof -Fpc` output: a `p<pid>` line, then `c<command>`. */
export function parseLsof(output: string): PortHolder | undefined {
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  if (!pid) return undefined;
  return { pid: Number(pid), command: /^c(.+)$/m.exec(output)?.[1] };
}

/** `netstat -ano -p TCP`: the PID of the LISTENING row whose local address ends in `:<port>`. */
export function parseNetstat(output: string, port: number): number | undefined {
  for (const line of output.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || fields[0] !== 'TCP' || fields[3] !== 'LISTENING') continue;
    if (fields[1].endsWith(`:${port}`)) return Number(fields[4]);
  }
  return undefined;
}

/** `tasklist /FO CSV /NH`: the image name (first column) of the first row. */
export function parseTasklist(output: string): string | undefined {
  return /^"([^"]+)"/m.exec(output.trim())?.[1];
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 5000, windowsHide: true }, (error, stdout) =>
      error && !stdout ? reject(error) : resolve(stdout),
    );
  });
}
