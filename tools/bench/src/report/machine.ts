/** The machine a run was measured on, for latest.json and the README. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1-minute load average at the start of the run: high means other work shared the CPU. */
  readonly loadAverageAtStart: number;
  readonly freeMemoryGiBAtStart: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
}

export function machineFacts(now = new Date()): MachineFacts {
  const cpu = cpus();
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: gib(totalmem()),
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
    freeMemoryGiBAtStart: gib(freemem()),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: now.toISOString(),
  };
}

export function describeMachine(machine: MachineFacts): string {
  return (
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ` +
    `${machine.date.slice(0, 16).replace('T', ' ')} UTC; load average ${machine.loadAverageAtStart} at the start`
  );
}
