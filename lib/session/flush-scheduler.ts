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
  /** Shared by the queues flushed in one pass: the members of a room mostly hold the same lines. */
  readonly joiner = new ChunkJoiner();

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
    this.joiner.forget();
  }

  private run(): void {
    this.scheduled = false;
    this.flushNow();
  }
}

/**
 * Joins a queue's chunks into the one buffer it writes, and hands the same buffer to the
 * next queue holding the same chunks. In a room of a thousand, every member's queue holds
 * the same message buffers in the same order, so the lines are copied together once a turn
 * instead of once per member. Callers must not change an array after joining it.
 */
export class ChunkJoiner {
  private lastChunks: readonly Buffer[] = [];
  private lastJoined: Buffer | undefined;

  join(chunks: readonly Buffer[], bytes: number): Buffer {
    if (chunks.length === 1) return chunks[0] as Buffer;
    if (this.lastJoined !== undefined && sameChunks(chunks, this.lastChunks)) return this.lastJoined;
    const joined = Buffer.concat(chunks, bytes);
    this.lastChunks = chunks;
    this.lastJoined = joined;
    return joined;
  }

  /** Lets go of the last joined buffer once a flush pass is over. */
  forget(): void {
    this.lastChunks = [];
    this.lastJoined = undefined;
  }
}

function sameChunks(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
