import type { Writable } from 'node:stream';
import type { FlushScheduler, Flushable } from './flush-scheduler.js';

/** Told when the client has stopped reading: its pending output passed the limit. */
export interface OutputOwner {
  onOutputOverflow(pendingBytes: number): void;
}

/**
 * A session's pending output. Writes are collected and sent as one buffer per event-loop
 * turn; while the socket reports backpressure nothing more is written, and once the
 * pending bytes pass `maxBytes` the client is considered stalled and its owner is told.
 */
export class OutputQueue implements Flushable {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private waitingForDrain = false;
  private closed = false;
  /** What the socket itself still holds, as of the last write or drain: reading the stream's getter per line costs. */
  private socketBytes = 0;

  constructor(
    private readonly stream: Writable,
    private readonly scheduler: FlushScheduler,
    private readonly maxBytes: number,
    private readonly owner: OutputOwner,
  ) {}

  push(chunk: Buffer): void {
    if (this.closed || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const pending = this.bytes + this.socketBytes;
    if (pending > this.maxBytes) {
      this.close();
      this.owner.onOutputOverflow(pending);
      return;
    }
    // Marked once per turn, with the first chunk; flush() empties the queue when it runs.
    if (this.chunks.length === 1 && !this.waitingForDrain) this.scheduler.mark(this);
  }

  get pendingBytes(): number {
    return this.bytes + this.stream.writableLength;
  }

  flush(): void {
    if (this.closed || this.bytes === 0 || this.waitingForDrain || this.stream.destroyed) return;
    const data = this.scheduler.joiner.join(this.chunks, this.bytes);
    // A new array, never cleared in place: the joiner may still compare against the old one.
    this.chunks = [];
    this.bytes = 0;
    if (!this.stream.write(data)) {
      this.waitingForDrain = true;
      // Listened for only while needed: an idle connection holds no listener (W3).
      this.stream.once('drain', () => {
        this.waitingForDrain = false;
        this.socketBytes = this.stream.writableLength;
        this.flush();
      });
    }
    this.socketBytes = this.stream.writableLength;
  }

  /** Stops accepting output; what was queued is dropped. */
  close(): void {
    this.closed = true;
    this.chunks = [];
    this.bytes = 0;
  }
}
