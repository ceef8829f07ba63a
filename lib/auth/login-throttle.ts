import type { Clock } from '../util/clock.js';

/**
 * Slows down password guessing. Failures are counted per key (nick+address, and the
 * address alone); after `freeAttempts` failures each further attempt must wait
 * 2^(extra failures) seconds, up to `maxDelayMs`. Counters are forgotten after
 * `forgetAfterMs` without a failure, and on a successful login.
 */
export interface LoginThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

interface Entry {
  failures: number;
  lastFailureAt: number;
}

/** Entries kept before the first sweep of stale ones; later sweeps come at twice the size left. */
const FIRST_SWEEP_AT = 1024;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private sweepAt = FIRST_SWEEP_AT;

  constructor(
    private readonly clock: Clock,
    private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE,
  ) {}

  /** Milliseconds to wait before another attempt for these keys is allowed (0 = now). */
  retryAfter(keys: readonly string[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.current(key, now);
      if (!entry || entry.failures < this.options.freeAttempts) continue;
      const extra = entry.failures - this.options.freeAttempts;
      const delay = Math.min(this.options.baseDelayMs * 2 ** extra, this.options.maxDelayMs);
      wait = Math.max(wait, entry.lastFailureAt + delay - now);
    }
    return Math.max(0, wait);
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.clock.now();
    for (const key of keys) {
      const entry = this.current(key, now);
      this.entries.set(key, { failures: (entry?.failures ?? 0) + 1, lastFailureAt: now });
    }
    // Failures from ever new addresses would otherwise pile up: sweep as the map grows,
    // which costs O(1) per failure over time and needs no timer.
    if (this.entries.size >= this.sweepAt) {
      this.sweep();
      this.sweepAt = Math.max(FIRST_SWEEP_AT, this.entries.size * 2);
    }
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  /** Keys with failures on record. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops stale entries so the map cannot grow without bound under a spray of nicks. */
  sweep(): void {
    const now = this.clock.now();
    for (const key of [...this.entries.keys()]) this.current(key, now);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
