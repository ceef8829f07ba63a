/**
 * Coalesces output: queues that got data during this event-loop turn are flushed once,
 * together, on the next `setImmediate`. One timer per turn for the whole server rather
 * than one per session or a socket write per message.
 */
export interface Flushable {
  flush(): void;
}

export class FlushScheduler {
  private dirty = new Set<Flushable>();
  private scheduled = false;

  constructor(private readonly schedule: (fn: () => void) => void = (fn) => setImmediate(fn)) {}

  mark(queue: Flushable): void {
    this.dirty.add(queue);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.run();
    });
  }

  /** Writes what is queued now; the turn's scheduled run then finds less or nothing to do. */
  flushNow(): void {
    const queues = this.dirty;
    this.dirty = new Set();
    for (const queue of queues) queue.flush();
  }

  private run(): void {
    this.scheduled = false;
    this.flushNow();
  }
}
