import type { Clock } from '../util/clock.js';

export interface FloodOptions {
  /** Lines per second a connection may keep sending. */
  ratePerSecond: number;
  /** Lines it may send at once, after a pause, before the rate applies. */
  burst: number;
}

/**
 * Lines that must wait for a token beyond this mean the client is flooding rather than
 * pasting; it is disconnected. Below the session's read-pause threshold, so input keeps
 * being read (and counted) while lines wait.
 */
export const MAX_DELAYED_LINES = 50;

/**
 * Fakelag, as IRC servers do it: a token bucket per connection. Each line takes a
 * token; the bucket holds `burst` and refills at `ratePerSecond`. A line that finds it
 * empty is not dropped but waits for its token, so a paste arrives at a steady pace and
 * someone typing never notices. Pure: the session keeps the queue and the timer.
 */
export class FloodControl {
  private tokens: number;
  private updatedAt: number;
  /** Copied out of the options: one object fewer per connection. */
  private readonly ratePerSecond: number;
  private readonly burst: number;

  constructor(
    private readonly clock: Clock,
    options: FloodOptions,
  ) {
    this.ratePerSecond = options.ratePerSecond;
    this.burst = options.burst;
    this.tokens = options.burst;
    this.updatedAt = clock.now();
  }

  /** Takes a token for the next line: 0 if it may run now, else the ms until it may (then nothing is taken). */
  delayFor(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    // Less a hair, so floating-point dust does not add a millisecond.
    return Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond - 1e-6));
  }

  /** Of `queued` lines waiting to run, how many have no token yet. */
  delayedCount(queued: number): number {
    this.refill();
    return Math.max(0, queued - Math.floor(this.tokens));
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.updatedAt) * this.ratePerSecond) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + earned);
    this.updatedAt = now;
  }
}
