/**
 * Port checks before anything starts: a port already in use is reported with the process holding it (when the
 * platform can tell) and the variable that moves the service elsewhere, instead of a child's EADDRINUSE after the
 * services before it have started.
 */
import { createConnection, createServer } from 'node:net';
import { findPortHolder, type PortHolder } from './port-holder';
import { portOf, type ServiceSpec } from './services';
import type { StackState } from './stack-state';

export interface TakenPort {
  readonly service: ServiceSpec;
  readonly port: number;
  readonly holder?: PortHolder;
}

export async function findTakenPorts(
  specs: readonly ServiceSpec[],
  env: NodeJS.ProcessEnv,
  holderOf: (port: number) => Promise<PortHolder | undefined> = findPortHolder,
): Promise<TakenPort[]> {
  const taken: TakenPort[] = [];
  for (const service of specs) {
    const port = portOf(service, env);
    if (await isPortTaken(port)) taken.push({ service, port, holder: await holderOf(port) });
  }
  return taken;
}

/** In use when something answers on localhost (IPv4 or IPv6) or the port cannot be bound on 127.0.0.1. */
export async function isPortTaken(port: number): Promise<boolean> {
  if ((await answers('127.0.0.1', port)) || (await answers('::1', port))) return true;
  return !(await canListen(port));
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether 127.0.0.1:`port` can be bound right now (exclusively). */
export function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * One paragraph per taken port: which service, who holds it (when known), and what to change. `previous` is the
 * state file of a launcher that is gone: its children still holding ports are named as its leftovers.
 */
export function describeTakenPorts(
  taken: readonly TakenPort[],
  previous?: StackState,
  platform = process.platform,
): string {
  const lines = taken.map(({ service, port, holder }) => {
    const who = holder
      ? `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}${whose(holder, previous)}`
      : 'another process (run with more rights, or use your system tools, to see which)';
    const stop = holder ? ` (${stopCommand(holder.pid, platform)})` : '';
    return (
      `  - port ${port} (${service.name}) is in use by ${who}.\n` +
      `    Stop that process${stop} or set ${service.portEnv} to a free port.`
    );
  });
  return `Cannot start the stack: ${taken.length === 1 ? 'a port is' : 'ports are'} already in use.\n${lines.join('\n')}`;
}

/** Whether the holder is one of ours: a killed launcher's leftover, or a service of another stack of this repository. */
function whose(holder: PortHolder, previous?: StackState): string {
  const leftover = previous?.services.find((s) => s.pid === holder.pid);
  if (previous && leftover) {
    return `, the ${leftover.name} service left running by an earlier launcher (pid ${previous.launcherPid}) that was killed before it could stop it`;
  }
  if (holder.command && /dist[\\/]apps[\\/][\w-]+[\\/]main\.js/.test(holder.command)) {
    return ', a service of this repository started by another launcher';
  }
  return '';
}

/** The command that ends a process, as the user types it on this platform. */
export function stopCommand(pid: number, platform = process.platform): string {
  return platform === 'win32' ? `taskkill /PID ${pid} /T /F` : `kill ${pid}`;
}
