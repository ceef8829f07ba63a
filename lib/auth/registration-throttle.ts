import type { Clock } from '../util/clock.js';

/** `--register-limit` new accounts per address per `--register-window`; a limit of 0 turns it off. */
export interface RegistrationLimits {
  limit: number;
  windowMs: number;
}

export const DEFAULT_REGISTRATION_LIMITS: RegistrationLimits = { limit: 10, windowMs: 3_600_000 };

/** A registration reserved before its password is hashed; `abandoned` gives the slot back. */
export interface PendingRegistration {
  abandoned(): void;
}

export type RegistrationReservation = { allowed: true; registration: PendingRegistration } | { allowed: false; waitMs: number };

/** Addresses kept before the first sweep of stale ones; later sweeps come at twice the size left. */
const FIRST_SWEEP_AT = 1024;

/**
 * Limits how many accounts one address registers in a sliding window, so that nobody makes
 * hundreds of accounts a minute (to report, to flood, to hold nicks). A registration counts
 * from the moment it is reserved, before its password is hashed, so registrations sent at
 * once cannot all slip through. Kept in memory, per server process.
 */
export class RegistrationThrottle {
  /** Address -> when its registrations in the window were reserved, oldest first. */
  private readonly recent = new Map<string, number[]>();
  private sweepAt = FIRST_SWEEP_AT;

  constructor(
    private readonly clock: Clock,
    readonly limits: RegistrationLimits,
  ) {}

  reserve(address: string): RegistrationReservation {
    const { limit, windowMs } = this.limits;
    if (limit <= 0) return { allowed: true, registration: { abandoned: () => undefined } };
    const now = this.clock.now();
    const times = this.current(address, now);
    const oldest = times[0];
    if (times.length >= limit && oldest !== undefined) return { allowed: false, waitMs: oldest + windowMs - now };
    times.push(now);
    this.recent.set(address, times);
    this.sweepIfLarge();
    let given = false;
    return {
      allowed: true,
      registration: {
        abandoned: () => {
          if (given) return;
          given = true;
          // The list may have been replaced by a shorter one since: look it up again.
          const list = this.recent.get(address);
          const at = list?.lastIndexOf(now) ?? -1;
          if (at >= 0) list?.splice(at, 1);
        },
      },
    };
  }

  get size(): number {
    return this.recent.size;
  }

  /** The times of `address` still in the window; an address with none is forgotten. */
  private current(address: string, now: number): number[] {
    const times = this.recent.get(address) ?? [];
    const from = times.findIndex((at) => now - at < this.limits.windowMs);
    const inWindow = from < 0 ? [] : from === 0 ? times : times.slice(from);
    if (inWindow.length === 0) this.recent.delete(address);
    else if (inWindow !== times) this.recent.set(address, inWindow);
    return inWindow;
  }

  private sweepIfLarge(): void {
    if (this.recent.size < this.sweepAt) return;
    const now = this.clock.now();
    for (const address of [...this.recent.keys()]) this.current(address, now);
    this.sweepAt = Math.max(FIRST_SWEEP_AT, this.recent.size * 2);
  }
}
