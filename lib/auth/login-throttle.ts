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

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

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
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
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
