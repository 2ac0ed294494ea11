/**
 * Port checks before anything starts: a port already in use is reported with the process holding it (when the
 * platform can tell) and the variable that moves the service elsewhere, instead of a child's EADDRINUSE after the
 * services before it have started.
 */
import { createConnection, createServer } from 'node:net';
import { findPortHolder, type PortHolder } from './port-holder';
import { portOf, type ServiceSpec } from './services';

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

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** One paragraph per taken port: which service, who holds it (when known), and what to change. */
export function describeTakenPorts(taken: readonly TakenPort[], platform = process.platform): string {
  const lines = taken.map(({ service, port, holder }) => {
    const who = holder
      ? `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}`
      : 'another process (run with more rights, or use your system tools, to see which)';
    const stop = holder ? ` (${stopCommand(holder.pid, platform)})` : '';
    return (
      `  - port ${port} (${service.name}) is in use by ${who}.\n` +
      `    Stop that process${stop} or set ${service.portEnv} to a free port.`
    );
  });
  return `Cannot start the stack: ${taken.length === 1 ? 'a port is' : 'ports are'} already in use.\n${lines.join('\n')}`;
}

/** The command that ends a process, as the user types it on this platform. */
export function stopCommand(pid: number, platform = process.platform): string {
  return platform === 'win32' ? `taskkill /PID ${pid} /T /F` : `kill ${pid}`;
}
