import fs from 'node:fs';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Rig } from './rig.js';
import { round } from './stats.js';

/** Who was busy during a measurement: the key to telling a server limit from a generator limit. */
export interface CpuUse {
  /** The whole generator process (main thread and workers), % of one core. */
  generatorPct: number;
  /** Event-loop utilization of each load worker, % (100 = saturated). */
  workerBusyPct: number[];
  /** The server child processes (all their threads; a cluster's Redis too), % of one core. */
  serverPct: number;
  /**
   * Everything else on the machine, % of one core: other programs competing for the same
   * cores make a run's figures unreliable, so it is reported with them.
   */
  otherPct: number;
}

/** Linux reports CPU times in these ticks (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** CPU seconds all cores have spent busy since boot, from the first line of /proc/stat. */
function machineBusySeconds(): number {
  const first = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal ...
  const ticks = first.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

/**
 * Measures CPU use over an interval. process.cpuUsage() is process-wide even when called
 * in a worker (Node 20 has no per-thread CPU time), so the main thread takes it for the
 * whole generator, and per-thread event-loop utilization shows whether one worker saturated.
 */
export class Meter {
  private readonly wallStart = performance.now();
  private readonly cpuStart = process.cpuUsage();
  private readonly serverStart: number;
  private readonly machineStart = machineBusySeconds();
  private readonly eluStart: EventLoopUtilization[];

  constructor(private readonly rig: Rig) {
    this.serverStart = rig.cpuSeconds();
    this.eluStart = rig.pool.utilization();
  }

  read(): CpuUse {
    const wallMs = Math.max(1, performance.now() - this.wallStart);
    const cpu = process.cpuUsage(this.cpuStart);
    const serverSeconds = this.rig.cpuSeconds() - this.serverStart;
    const generatorSeconds = (cpu.user + cpu.system) / 1e6;
    const otherSeconds = Math.max(0, machineBusySeconds() - this.machineStart - serverSeconds - generatorSeconds);
    const pctOfWall = (seconds: number): number => round(((seconds * 1000) / wallMs) * 100, 1);
    return {
      generatorPct: pctOfWall(generatorSeconds),
      workerBusyPct: this.rig.pool.utilization(this.eluStart).map((elu) => round(elu.utilization * 100, 1)),
      serverPct: pctOfWall(serverSeconds),
      otherPct: pctOfWall(otherSeconds),
    };
  }
}

/**
 * A machine is quiet enough to measure on when other programs use less than this (% of
 * one core); a measurement taken while they used more is marked noisy.
 */
export const QUIET_OTHER_PCT = 25;
const QUIET_SAMPLE_MS = 1000;

/**
 * Waits (at most `maxWaitMs`) until other programs leave the cores alone, since on a small
 * machine a compiler or test run next door changes the results more than any code change.
 * Call it between workloads, when no server of ours is running.
 */
export async function waitForQuietMachine(maxWaitMs: number, log: (message: string) => void): Promise<number> {
  if (maxWaitMs <= 0) return NaN;
  const deadline = performance.now() + maxWaitMs;
  let warned = false;
  for (;;) {
    const cpu = process.cpuUsage();
    const busy = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
    const ours = process.cpuUsage(cpu);
    const otherPct = Math.max(0, ((machineBusySeconds() - busy - (ours.user + ours.system) / 1e6) * 1000 * 100) / QUIET_SAMPLE_MS);
    if (otherPct < QUIET_OTHER_PCT || performance.now() >= deadline) {
      if (otherPct >= QUIET_OTHER_PCT) log(`  other programs still use ${Math.round(otherPct)} % of a core; measuring anyway`);
      else if (warned) log('  the machine is quiet again');
      return otherPct;
    }
    if (!warned) log(`  other programs use ${Math.round(otherPct)} % of a core: waiting up to ${Math.round(maxWaitMs / 1000)} s for the machine to calm down`);
    warned = true;
  }
}
