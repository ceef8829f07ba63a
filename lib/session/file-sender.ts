import { open } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { Clock, Timer } from '../util/clock.js';
import { copyFile, type RawSink } from './file-output.js';
import type { OutputQueue } from './output-queue.js';

/** The session a file goes out on, as far as sending it goes. */
export interface FileSenderHost {
  readonly stream: Duplex;
  readonly output: OutputQueue;
  readonly clock: Clock;
  /** Most output held back while a file goes out before the client counts as stalled. */
  readonly maxHeldBytes: number;
  isClosed(): boolean;
  /** Writes what was held back while the file went out, in order. */
  writeHeld(data: Buffer): void;
  /** The client stopped reading mid-file (held output past the limit). */
  onOutputOverflow(heldBytes: number): void;
  /** Closes as asked while the file went out, now that it is through. */
  closeNow(reason: string): void;
  /** A close waited longer than the grace for the file: the connection is cut. */
  cut(reason: string): void;
}

/**
 * Writes a file straight to the socket (`/download`), with backpressure, while everything
 * else for the session waits: header, exactly `size` bytes, trailer. A session makes one
 * only when it first sends a file. A close asked for meanwhile waits for the file to be
 * through, for at most a grace; past that the connection is cut.
 */
export class FileSender {
  private held: Buffer[] | undefined;
  private heldBytes = 0;
  private closeAfter: { reason: string; cut: Timer } | undefined;

  constructor(private readonly host: FileSenderHost) {}

  /** A file is going out: other output must wait. */
  get sending(): boolean {
    return this.held !== undefined;
  }

  /** Output that came while the file goes out; bounded like the output queue. */
  hold(data: Buffer): void {
    this.held?.push(data);
    this.heldBytes += data.length;
    if (this.heldBytes > this.host.maxHeldBytes) this.host.onOutputOverflow(this.heldBytes);
  }

  /** Closes once the file is through, or cuts the connection after `graceMs`. */
  closeWhenSent(reason: string, graceMs: number): void {
    if (this.closeAfter) return;
    const cut = this.host.clock.setTimeout(() => {
      this.host.cut(reason);
    }, graceMs);
    cut.unref?.();
    this.closeAfter = { reason, cut };
  }

  /**
   * Sends `header`, the file's `size` bytes and `trailer`. Resolves true once sent, false if
   * the client went away meanwhile; throws if the file cannot be read (the framing is then
   * lost, and the caller must end the connection).
   */
  async send(header: Buffer, filePath: string, size: number, trailer: Buffer): Promise<boolean> {
    const { stream } = this.host;
    const file = await open(filePath, 'r');
    try {
      await this.drainOutput();
      this.held = [];
      const isClosed = (): boolean => this.host.isClosed() || stream.destroyed;
      const sink: RawSink = {
        get closed() {
          return isClosed();
        },
        write: (bytes) => stream.write(bytes),
        drained: () => this.drained(),
      };
      sink.write(header);
      await copyFile(file, size, sink);
      sink.write(trailer);
      return true;
    } catch (error) {
      if (this.host.isClosed() || stream.destroyed) return false;
      throw error;
    } finally {
      await file.close();
      const held = this.held ?? [];
      this.held = undefined;
      this.heldBytes = 0;
      for (const data of held) this.host.writeHeld(data);
      const pending = this.closeAfter;
      if (pending) {
        this.closeAfter = undefined;
        this.host.clock.clearTimeout(pending.cut);
        this.host.closeNow(pending.reason);
      }
    }
  }

  /** Output queued before a file goes out first. */
  private async drainOutput(): Promise<void> {
    const { stream, output } = this.host;
    output.flush();
    while (!this.host.isClosed() && !stream.destroyed && output.pendingBytes > stream.writableLength) {
      await this.drained();
      output.flush();
    }
  }

  private drained(): Promise<void> {
    const { stream } = this.host;
    return new Promise((resolve) => {
      if (this.host.isClosed() || !stream.writableNeedDrain) {
        resolve();
        return;
      }
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }
}
