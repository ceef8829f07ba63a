import fs from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { refuse } from '../chat/refusals.js';

/** Reading from the connection, held while an upload cannot take more bytes. Holds count. */
export interface InputFlow {
  holdInput(): void;
  releaseInput(): void;
}

/**
 * waiting: announced, the command has not decided yet (bytes so far are kept in memory,
 *   and no more are read); writing: accepted, bytes go to a temporary file; kept: all
 *   written, synced and closed; discarding: refused or failed, bytes are read and dropped;
 *   aborted: the connection went.
 */
type State = 'waiting' | 'writing' | 'kept' | 'discarding' | 'aborted';

/** What an `/upload` line announced: bytes on their way, or a size over the limit. */
export type AnnouncedUpload = IncomingUpload | 'too-large';

/** The file write buffer: past this the socket is paused until the disk catches up. */
const WRITE_BUFFER_BYTES = 64 * 1024;

/** Opens the file an accepted upload is written to; it must not exist yet. */
export type OpenUploadFile = (tempPath: string) => Writable;

/** Synced to disk when closed, so a kept file survives a crash. */
export const openUploadFile: OpenUploadFile = (tempPath) => fs.createWriteStream(tempPath, { flags: 'wx', flush: true, highWaterMark: WRITE_BUFFER_BYTES });

/**
 * The bytes that follow one `/upload` line, from the framer to a temporary file. Nothing
 * touches the disk until the command accepts the upload, and until then no more than the
 * chunk that held the line is read; after that the bytes are streamed to disk with the
 * socket paused whenever the file falls behind, so an upload holds at most a chunk and a
 * write buffer in memory, whatever its size.
 */
export class IncomingUpload {
  private state: State = 'waiting';
  private buffered: Buffer[] = [];
  private received = 0;
  /** Bytes handed to the file. */
  private written = 0;
  private out: Writable | undefined;
  private tempPath: string | undefined;
  /** Holding input until the command decides. */
  private undecided = false;
  /** Holding input until the file drains. */
  private backpressured = false;

  constructor(
    readonly size: number,
    private readonly flow: InputFlow,
    private readonly openFile: OpenUploadFile = openUploadFile,
  ) {
    if (size > 0) {
      this.undecided = true;
      flow.holdInput();
    }
  }

  /** Kept, aborted, or discarded with every byte read: nothing more will happen. */
  get settled(): boolean {
    return this.state === 'kept' || this.state === 'aborted' || (this.state === 'discarding' && this.received >= this.size);
  }

  /** The next bytes from the framer. */
  receive(bytes: Buffer): void {
    this.received += bytes.length;
    if (this.state === 'waiting') this.buffered.push(bytes);
    else if (this.state === 'writing') this.write(bytes);
  }

  /** The framer has handed over the last byte. */
  end(): void {
    if (this.state !== 'writing') return;
    this.out?.end();
    // An ending file never says 'drain': input held for it must be let go now.
    this.releaseBackpressure();
  }

  /**
   * Writes the bytes to `tempPath` (which must not exist): those received so far, then the
   * rest as they arrive. Resolves once all are written, synced to disk and the file closed.
   */
  accept(tempPath: string): Promise<void> {
    // The connection went (or the bytes were refused) before the command got here.
    if (this.state !== 'waiting') return Promise.reject(refuse.uploadIncomplete(`The file did not arrive whole (the upload was ${this.state})`));
    this.state = 'writing';
    this.tempPath = tempPath;
    const out = this.openFile(tempPath);
    this.out = out;
    let finished = false;
    const done = new Promise<void>((resolve, reject) => {
      out.on('error', (error) => {
        // Stopped mid-write (the input ended, the connection went): the write in flight fails, and that is the why.
        reject(this.state === 'writing' ? error : refuse.uploadIncomplete(`The file ended after ${this.received} of ${this.size} bytes`));
      });
      out.on('finish', () => {
        finished = true;
      });
      out.on('close', () => {
        if (this.state === 'writing' && finished && this.written === this.size) {
          this.state = 'kept';
          resolve();
        } else {
          reject(refuse.uploadIncomplete(`The file ended after ${this.received} of ${this.size} bytes`));
        }
      });
    });
    out.on('drain', () => {
      this.releaseBackpressure();
    });
    const buffered = this.buffered;
    this.buffered = [];
    for (const bytes of buffered) this.write(bytes);
    if (this.received >= this.size) this.end();
    this.decided();
    return done;
  }

  /** Refused, or failed while writing: the rest of the bytes is read and dropped, nothing is kept. */
  discard(): void {
    this.stop('discarding');
  }

  /** The connection went: whatever was written is removed. */
  abort(): void {
    this.stop('aborted');
  }

  private stop(next: 'discarding' | 'aborted'): void {
    if (this.state === 'kept' || this.state === 'aborted' || this.state === 'discarding') return;
    if (this.state === 'writing') this.removeTemp();
    this.state = next;
    this.buffered = [];
    this.decided();
    this.releaseBackpressure();
  }

  private write(bytes: Buffer): void {
    this.written += bytes.length;
    // Once the last byte is in, there is nothing more to hold back: the rest is the next line.
    if (this.out?.write(bytes) === false && !this.backpressured && this.received < this.size) {
      this.backpressured = true;
      this.flow.holdInput();
    }
  }

  private releaseBackpressure(): void {
    if (!this.backpressured) return;
    this.backpressured = false;
    this.flow.releaseInput();
  }

  private decided(): void {
    if (!this.undecided) return;
    this.undecided = false;
    this.flow.releaseInput();
  }

  private removeTemp(): void {
    const { out, tempPath } = this;
    if (!out || tempPath === undefined) return;
    const remove = (): void => {
      rm(tempPath, { force: true }).catch(() => undefined);
    };
    out.destroy();
    if (out.closed) remove();
    else out.once('close', remove);
  }
}
