import { systemClock, type Clock, type Timer } from '../../lib/util/clock.js';

/**
 * A clock whose time moves only when the test says so, for expiry rules (join links).
 * Timers are the real ones: they drive flushing and timeouts, not the rules under test.
 */
export class ManualClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly startMs = Date.UTC(2026, 10, 23, 12, 0, 0)) {}

  now(): number {
    return this.startMs + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return systemClock.setTimeout(fn, ms);
  }

  clearTimeout(timer: Timer): void {
    systemClock.clearTimeout(timer);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return systemClock.setInterval(fn, ms);
  }

  clearInterval(timer: Timer): void {
    systemClock.clearInterval(timer);
  }
}
