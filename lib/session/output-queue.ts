import type { Writable } from 'node:stream';
import type { FlushScheduler, Flushable } from './flush-scheduler.js';

/**
 * A session's pending output. Writes are collected and sent as one buffer per event-loop
 * turn; while the socket reports backpressure nothing more is written, and once the
 * pending bytes pass `maxBytes` the client is considered stalled and `onOverflow` fires.
 */
export class OutputQueue implements Flushable {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private waitingForDrain = false;
  private closed = false;

  constructor(
    private readonly stream: Writable,
    private readonly scheduler: FlushScheduler,
    private readonly maxBytes: number,
    private readonly onOverflow: (pendingBytes: number) => void,
  ) {
    stream.on('drain', () => {
      this.waitingForDrain = false;
      this.flush();
    });
  }

  push(chunk: Buffer): void {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const pending = this.bytes + this.stream.writableLength;
    if (pending > this.maxBytes) {
      this.close();
      this.onOverflow(pending);
      return;
    }
    if (!this.waitingForDrain) this.scheduler.mark(this);
  }

  get pendingBytes(): number {
    return this.bytes + this.stream.writableLength;
  }

  flush(): void {
    if (this.closed || this.bytes === 0 || this.waitingForDrain || this.stream.destroyed) return;
    const data = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    if (!this.stream.write(data)) this.waitingForDrain = true;
  }

  /** Stops accepting output; what was queued is dropped. */
  close(): void {
    this.closed = true;
    this.chunks = [];
    this.bytes = 0;
  }
}
