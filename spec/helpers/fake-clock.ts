import sinon from 'sinon';
import type { Clock, Timer } from '../../lib/util/clock.js';

/** In Node, fake-timers hands out timer objects (with unref), as the real ones are. */
type FakeTimerId = Parameters<sinon.SinonFakeTimers['clearTimeout']>[0];

/**
 * A Clock on sinon fake timers that are installed on a private object, not on the
 * globals: the server's timeouts move only when the test ticks, while sockets,
 * setImmediate and LineClient's bounded waits keep running on real time.
 */
export interface FakeClock extends Clock {
  readonly timers: sinon.SinonFakeTimers;
  /** Timers still pending (none may be left once a server has closed). */
  pending(): number;
  /** Moves time on, running every timer that falls due. */
  tick(ms: number): void;
  /** Moves time on like `tick`, then lets the async work the timers started finish. */
  advance(ms: number): Promise<void>;
}

export function fakeClock(start = Date.now()): FakeClock {
  const target = { Date, setTimeout, clearTimeout, setInterval, clearInterval };
  const timers = sinon.useFakeTimers({
    global: target as unknown as typeof globalThis,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: start,
  });
  return {
    timers,
    now: () => timers.now,
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms) as Timer,
    clearTimeout: (timer) => {
      timers.clearTimeout(timer as FakeTimerId);
    },
    setInterval: (fn, ms) => timers.setInterval(fn, ms) as Timer,
    clearInterval: (timer) => {
      timers.clearInterval(timer as FakeTimerId);
    },
    pending: () => timers.countTimers(),
    tick: (ms) => {
      timers.tick(ms);
    },
    advance: async (ms) => {
      // Timers read the time when they fire, so their async work may finish afterwards:
      // running them synchronously and then settling is exact enough and fast.
      timers.tick(ms);
      await settle();
    },
  };
}

/** Lets promise chains and setImmediate work (storage batches) started by timers complete. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
