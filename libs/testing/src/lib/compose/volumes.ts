/**
 * Volume mounts of a service, short (`source:target[:mode]`, or `target` for an anonymous volume) and long syntax,
 * as `source:target:mode` the way docker-compose 1.x prints them: mode `rw` unless read-only, and relative or `~`
 * bind-mount sources resolved to absolute paths.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** A volume entry of a service, as written (after interpolation). */
export type VolumeEntry = string | { type?: unknown; source?: unknown; target?: unknown; read_only?: unknown };

/** One mount as compose prints it, plus the named volume it uses (if any), so undeclared ones can be refused. */
export interface Mount {
  readonly text: string;
  readonly namedVolume?: string;
}

/** @throws Error saying what is wrong with the entry */
export function toMount(entry: VolumeEntry, projectDir: string): Mount {
  if (typeof entry === 'string') return fromShort(entry, projectDir);
  if (typeof entry.target !== 'string' || entry.target === '') throw new Error('a long-syntax volume needs `target`');
  const mode = entry.read_only === true || entry.read_only === 'true' ? 'ro' : 'rw';
  if (typeof entry.source !== 'string' || entry.source === '') return { text: entry.target };
  const type = entry.type ?? 'volume';
  const source = type === 'bind' ? hostPath(entry.source, projectDir) : entry.source;
  return {
    text: `${source}:${entry.target}:${mode}`,
    namedVolume: type === 'volume' ? entry.source : undefined,
  };
}

function fromShort(spec: string, projectDir: string): Mount {
  // A Windows drive letter (`C:\data:/data`) is part of the source, not a separator.
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? spec.slice(0, 2) : '';
  const parts = spec.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  if (parts.length === 1) return { text: spec };
  if (parts.length > 3 || parts.some((part) => part === '')) {
    throw new Error(`volume "${spec}" is not source:target[:mode]`);
  }
  const [source, target, mode = 'rw'] = parts as [string, string, string?];
  if (isHostPath(source)) return { text: `${hostPath(source, projectDir)}:${target}:${mode}` };
  return { text: `${source}:${target}:${mode}`, namedVolume: source };
}

/** Compose reads a source as a host path when it is absolute or starts with `.` or `~`; else it names a volume. */
function isHostPath(source: string): boolean {
  return isAbsolute(source) || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith('.') || source.startsWith('~');
}

function hostPath(source: string, projectDir: string): string {
  if (source === '~' || source.startsWith('~/')) return join(homedir(), source.slice(1));
  return resolve(projectDir, source);
}
