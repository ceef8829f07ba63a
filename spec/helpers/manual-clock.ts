import type { Clock, Timer } from '../../lib/util/clock.js';

interface Scheduled {
  id: number;
  at: number;
  fn: () => void;
  every: number | undefined;
}

/**
 * A clock that moves only when a test says so. Timers fire in time order as `advance`
 * passes them; an interval that several periods are skipped over fires once and then
 * keeps its rhythm (like a machine waking from sleep), so jumping four hours is cheap.
 */
export class ManualClock implements Clock {
  private timers = new Map<number, Scheduled>();
  private nextId = 1;

  constructor(private current = new Date(2026, 10, 23, 12, 0, 0).getTime()) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, undefined);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, Math.max(1, ms));
  }

  clearTimeout(timer: Timer): void {
    this.timers.delete((timer as { id: number }).id);
  }

  clearInterval(timer: Timer): void {
    this.clearTimeout(timer);
  }

  /** Pending timers (a closed server must leave none). */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      if (due.every === undefined) this.timers.delete(due.id);
      else due.at = due.at + Math.ceil((target - due.at + 1) / due.every) * due.every;
      due.fn();
      await settle();
    }
    this.current = target;
    await settle();
  }

  private add(fn: () => void, ms: number, every: number | undefined): Timer {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.current + Math.max(0, ms), fn, every });
    return { id, unref: () => undefined } as Timer;
  }
}

/** Lets promise chains and setImmediate work started by a timer run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
