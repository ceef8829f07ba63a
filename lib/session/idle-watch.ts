import type { Clock, Timer } from '../util/clock.js';

/**
 * Calls `onIdle` once nothing has been `touch`ed for `timeoutMs`. One timer at a time,
 * re-armed only when it fires early, so a busy session costs a clock read per line
 * rather than a timer per line.
 */
export class IdleWatch {
  private lastActivity: number;
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {
    this.lastActivity = clock.now();
    this.arm(timeoutMs);
  }

  touch(): void {
    this.lastActivity = this.clock.now();
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const left = this.lastActivity + this.timeoutMs - this.clock.now();
      if (left > 0) this.arm(left);
      else this.onIdle();
    }, ms);
  }
}
