import { cpus, totalmem } from 'node:os';

/** What every benchmark's JSON says about the machine its figures come from. */
export function machineInfo() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
