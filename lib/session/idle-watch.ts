import type { Clock, Timer } from '../util/clock.js';

/** Why an IdleWatch gave up: nothing for the timeout, or not done by the deadline. */
export type IdleReason = 'quiet' | 'deadline';

export interface IdleWatchOptions {
  /** Also give up this long after the start, however busy (time paused is added to it). */
  deadlineMs?: number;
  /** Time while this holds is not counted: the wait is ours, not the peer's. */
  isPaused?: () => boolean;
}

/**
 * Calls `onIdle` once nothing has been `touch`ed for `timeoutMs` (or the deadline has
 * passed). One timer at a time, re-armed only when it fires early, so a busy session
 * costs a clock read per line rather than a timer per line.
 */
export class IdleWatch {
  private lastActivity: number;
  private deadline: number;
  private timer: Timer | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onIdle: (reason: IdleReason) => void,
    private readonly options: IdleWatchOptions = {},
  ) {
    this.lastActivity = clock.now();
    this.deadline = this.lastActivity + (options.deadlineMs ?? Infinity);
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
      this.check();
    }, ms);
  }

  private check(): void {
    const now = this.clock.now();
    if (this.options.isPaused?.() === true) {
      // Both limits move on by the time waited.
      this.deadline += now - this.lastActivity;
      this.lastActivity = now;
      this.arm(this.timeoutMs);
      return;
    }
    if (now >= this.deadline) {
      this.onIdle('deadline');
      return;
    }
    const left = this.lastActivity + this.timeoutMs - now;
    if (left <= 0) this.onIdle('quiet');
    else this.arm(Math.min(left, this.deadline - now));
  }
}
