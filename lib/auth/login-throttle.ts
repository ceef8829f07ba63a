import type { Clock } from '../util/clock.js';
import { KnownAddresses } from './known-addresses.js';

/**
 * Slows down password guessing, at three levels, each with its own count of failures:
 *
 * - `pair`: one nick from one address. The first to bite, after `perPair` failures.
 * - `address`: every nick from one address, at a much higher count (`perAddress`), so
 *   that people behind one NAT do not share one person's typos, while a spray of nicks
 *   from one address is still held back.
 * - `account`: one nick from every address it has not logged in from before
 *   (`perAccount`), so that guessing from many addresses is held back too, while the
 *   owner, at an address they used before, is not: the owner's correct password passes
 *   while the guessers wait.
 *
 * Past its free attempts, a level lets one attempt through at a time, each after a wait
 * of baseDelayMs * 2^(failures over the free ones), up to maxDelayMs. A level's count is
 * forgotten after forgetAfterMs without a failure; a success forgets the pair's count only
 * (anyone can log in to an account of their own).
 *
 * An attempt is reserved before its password is checked and counts as a failure while
 * the check runs, so attempts sent at once cannot all be checked before the first fails.
 * Checks running at once are bounded per address and per account too: extra attempts are
 * refused at once instead of queueing for the hashing threads everyone shares.
 */
export interface LoginLimits {
  perPair: number;
  perAddress: number;
  perAccount: number;
  inFlightPerAddress: number;
  inFlightPerAccount: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
  /** How long a successful login makes its address known for the nick. */
  knownForMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perPair: 3,
  perAddress: 30,
  perAccount: 10,
  inFlightPerAddress: 8,
  inFlightPerAccount: 2,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
  knownForMs: 30 * 86_400_000,
};

export type ThrottleScope = 'pair' | 'address' | 'account';

/**
 * Why an attempt may not be checked now, and how long to wait before the next one: the
 * level's failures, or checks of it already running (`busy`).
 */
export interface Refusal {
  scope: ThrottleScope;
  reason: 'failures' | 'busy';
  waitMs: number;
}

/** A reserved attempt: the caller checks the password and reports exactly one outcome. */
export interface LoginAttempt {
  /** Checks from where failures are on record go after everyone else's (scrypt-pool.ts). */
  readonly priority: 'high' | 'low';
  failed(): void;
  succeeded(): void;
  /** Neither: the check did not happen (no such account, an error). */
  abandoned(): void;
}

export type Reservation = { allowed: true; attempt: LoginAttempt } | { allowed: false; refusal: Refusal };

interface Counter {
  failures: number;
  lastFailureAt: number;
  inFlight: number;
}

/** The wait when the limit on checks running at once is what refuses: they take well under a second. */
const BUSY_WAIT_MS = 1000;

/** Counters kept before the first sweep of stale ones; later sweeps come at twice the size left. */
const FIRST_SWEEP_AT = 1024;

export class LoginThrottle {
  private readonly counters = new Map<string, Counter>();
  private readonly known: KnownAddresses;
  private sweepAt = FIRST_SWEEP_AT;

  constructor(
    private readonly clock: Clock,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {
    this.known = new KnownAddresses(limits.knownForMs);
  }

  /** Reserves a check of a password for `nick` from `address`, or says why not and for how long. */
  reserve(nick: string, address: string): Reservation {
    const now = this.clock.now();
    const nickKey = nick.toLowerCase();
    const levels: [ThrottleScope, string, number, number][] = [
      ['pair', `pair:${nickKey}|${address}`, this.limits.perPair, this.limits.perPair],
      ['address', `addr:${address}`, this.limits.perAddress, this.limits.inFlightPerAddress],
    ];
    if (!this.known.has(nickKey, address, now)) {
      levels.push(['account', `acct:${nickKey}`, this.limits.perAccount, this.limits.inFlightPerAccount]);
    }
    for (const [scope, key, free, maxInFlight] of levels) {
      const wait = this.waitFor(this.current(key, now), free, maxInFlight, now);
      if (wait) return { allowed: false, refusal: { scope, ...wait } };
    }
    const keys = levels.map(([, key]) => key);
    const clean = keys.every((key) => (this.counters.get(key)?.failures ?? 0) === 0);
    for (const key of keys) this.counterOf(key).inFlight++;
    return { allowed: true, attempt: this.attempt(keys, nickKey, address, clean ? 'high' : 'low') };
  }

  /** `nick` is in at `address` without a password check (it registered there): the address is known for it. */
  remember(nick: string, address: string): void {
    this.known.add(nick.toLowerCase(), address, this.clock.now());
  }

  /** Counters on record (failures or checks running). */
  get size(): number {
    return this.counters.size;
  }

  /** Drops stale counters so the map cannot grow without bound under a spray of nicks and addresses. */
  sweep(): void {
    const now = this.clock.now();
    for (const key of [...this.counters.keys()]) this.current(key, now);
    this.known.sweep(now);
  }

  private attempt(keys: readonly string[], nickKey: string, address: string, priority: 'high' | 'low'): LoginAttempt {
    let settled = false;
    const settle = (outcome: 'failed' | 'succeeded' | 'abandoned'): void => {
      if (settled) return;
      settled = true;
      const now = this.clock.now();
      for (const key of keys) {
        const counter = this.counterOf(key);
        counter.inFlight--;
        if (outcome === 'failed') {
          counter.failures++;
          counter.lastFailureAt = now;
        }
        if ((outcome === 'succeeded' && key.startsWith('pair:')) || (counter.failures === 0 && counter.inFlight === 0)) this.counters.delete(key);
      }
      if (outcome === 'succeeded') this.known.add(nickKey, address, now);
      if (outcome === 'failed') this.sweepIfLarge();
    };
    return {
      priority,
      failed: () => {
        settle('failed');
      },
      succeeded: () => {
        settle('succeeded');
      },
      abandoned: () => {
        settle('abandoned');
      },
    };
  }

  /** Why and how long a counter holds the next attempt back; undefined when it lets it through now. */
  private waitFor(counter: Counter | undefined, free: number, maxInFlight: number, now: number): Omit<Refusal, 'scope'> | undefined {
    if (!counter) return undefined;
    const busy = { reason: 'busy', waitMs: BUSY_WAIT_MS } as const;
    if (counter.inFlight >= maxInFlight) return busy;
    if (counter.failures + counter.inFlight < free) return undefined;
    // Past the free attempts: one at a time, so wait for the one being checked.
    if (counter.inFlight > 0) return busy;
    const delay = Math.min(this.limits.baseDelayMs * 2 ** (counter.failures - free), this.limits.maxDelayMs);
    const waitMs = counter.lastFailureAt + delay - now;
    return waitMs > 0 ? { reason: 'failures', waitMs } : undefined;
  }

  private counterOf(key: string): Counter {
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { failures: 0, lastFailureAt: 0, inFlight: 0 };
      this.counters.set(key, counter);
    }
    return counter;
  }

  /** The counter of `key`, forgetting it first if it is stale (and no check of it is running). */
  private current(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.inFlight === 0 && now - counter.lastFailureAt > this.limits.forgetAfterMs) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  // Failures from ever new addresses would otherwise pile up: sweep as the map grows,
  // which costs O(1) per failure over time and needs no timer.
  private sweepIfLarge(): void {
    if (this.counters.size < this.sweepAt) return;
    this.sweep();
    this.sweepAt = Math.max(FIRST_SWEEP_AT, this.counters.size * 2);
  }
}
