import { QUIET_OTHER_PCT, waitForQuietMachine, type CpuUse } from './meter.js';

/**
 * On a shared two-core machine a compiler or test run next door changes the results more
 * than any code change. The gate waits for other programs to leave the CPU before a server
 * starts and before a measurement is repeated, within a budget for the whole run so that a
 * machine that never calms down still gets its bench done.
 */
export class QuietGate {
  private spentMs = 0;

  constructor(
    /** Longest single wait. */
    private readonly waitMs: number,
    /** Most waiting in all. */
    private readonly budgetMs: number,
    private readonly log: (message: string) => void,
  ) {}

  get enabled(): boolean {
    return this.waitMs > 0 && this.spentMs < this.budgetMs;
  }

  async wait(): Promise<void> {
    if (!this.enabled) return;
    const started = performance.now();
    await waitForQuietMachine(Math.min(this.waitMs, this.budgetMs - this.spentMs), this.log);
    this.spentMs += performance.now() - started;
  }

  /**
   * Runs a measurement again (at most `retries` times, after waiting for quiet) when it
   * failed while other programs were using the CPU. A pass is never repeated, and the
   * last attempt is kept whatever it shows.
   */
  async unlessNoisy<T>(retries: number, measure: (attempt: number) => Promise<T>, judge: (result: T) => { pass: boolean; cpu: CpuUse }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const result = await measure(attempt);
      const { pass, cpu } = judge(result);
      if (pass || cpu.otherPct < QUIET_OTHER_PCT || attempt >= retries || !this.enabled) return result;
      this.log(`    (other programs used ${Math.round(cpu.otherPct)} % of a core meanwhile: measuring again)`);
      await this.wait();
    }
  }
}
