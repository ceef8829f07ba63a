/**
 * Time as a dependency. Everything that reads the time or sets a timer takes a Clock,
 * so tests drive TTLs, bans, rate windows, schedules and timeouts with fake timers
 * instead of waiting.
 */
export interface Timer {
  unref?(): unknown;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): Timer;
  clearTimeout(timer: Timer): void;
  setInterval(fn: () => void, ms: number): Timer;
  clearInterval(timer: Timer): void;
}

/**
 * The real clock. Globals are looked up at call time, not captured at import, so
 * `sinon.useFakeTimers()` installed by a test takes effect here as well.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (timer) => {
    globalThis.clearTimeout(timer as NodeJS.Timeout);
  },
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (timer) => {
    globalThis.clearInterval(timer as NodeJS.Timeout);
  },
};
