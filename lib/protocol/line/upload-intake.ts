import type { IdleWatch } from '../../session/idle-watch.js';
import { IncomingUpload, type AnnouncedUpload, type InputFlow } from '../../session/incoming-upload.js';
import { watchUpload, type UploadStall } from '../../session/upload-watch.js';
import type { Clock } from '../../util/clock.js';
import type { LineFramer } from './line-framer.js';
import { announcedUploadSize } from './upload-line.js';

/** The connection's side: reading held per upload, or stopped for good. */
export interface UploadInput extends InputFlow {
  /** A size far over the limit: read nothing more from this connection (it is closed once the error is sent). */
  stopInput(): void;
  /** Whether reading is held now (by an upload waiting for its command or the disk). */
  inputHeld(): boolean;
  /** The bytes of the upload stopped coming (or crawl): it has been abandoned, and the framing is lost. */
  uploadStalled(reason: UploadStall): void;
}

export interface UploadLimits {
  maxFileBytes: number;
  /** No byte of an upload for this long abandons it. */
  stallMs: number;
}

/**
 * The most bytes of a refused upload that are read through so that the session can go on;
 * a larger announced size closes the connection instead (reading it would take too long).
 */
export const MAX_SKIPPED_BYTES = 1024 * 1024 * 1024;

/**
 * Watches a connection's lines as the framer ends them. An `/upload` line must switch the
 * framer to raw bytes at once, before the rest of the chunk is taken for lines, even though
 * the command itself runs later, in its turn; the IncomingUpload made here travels with
 * the line to the command. Only raw TCP clients (nc, chat-line) can upload: a telnet client
 * changes some bytes on the way.
 */
export class UploadIntake {
  /** The upload whose bytes the framer is handing over now. */
  private current: IncomingUpload | undefined;
  /** Made with the first upload: most connections never send one. */
  private live: Set<IncomingUpload> | undefined;
  /** Watches the bytes of the current upload keep coming. */
  private watch: IdleWatch | undefined;

  constructor(
    private readonly limits: UploadLimits,
    private readonly clock: Clock,
    private readonly framer: LineFramer,
    private readonly input: UploadInput,
  ) {}

  /** Called with every line as it ends; returns what it announced, if it is an upload. */
  inspect(line: string): AnnouncedUpload | undefined {
    const size = announcedUploadSize(line);
    if (size === undefined) return undefined;
    if (size > this.limits.maxFileBytes) {
      if (size > MAX_SKIPPED_BYTES) {
        // Too much to read through: stop reading; the connection is closed once the error is out.
        this.input.stopInput();
      } else {
        // Refused before a byte is stored; the bytes are on their way, so they are read and dropped.
        this.readBytes(size, undefined);
      }
      return 'too-large';
    }
    const live = (this.live ??= new Set());
    for (const upload of live) if (upload.settled) live.delete(upload);
    const upload = new IncomingUpload(size, this.input);
    live.add(upload);
    this.readBytes(size, upload);
    return upload;
  }

  /** The next `size` bytes are the file's: to `upload`, or dropped when there is none. */
  private readBytes(size: number, upload: IncomingUpload | undefined): void {
    if (size === 0) return;
    this.current = upload;
    this.framer.readRaw(size);
    this.watch = watchUpload(this.clock, {
      stallMs: this.limits.stallMs,
      size,
      isPaused: () => this.input.inputHeld(),
      onStall: (reason) => {
        this.watch = undefined;
        this.abortAll();
        this.input.uploadStalled(reason);
      },
    });
  }

  /** The framer's raw bytes. */
  raw(bytes: Buffer): void {
    this.watch?.touch();
    this.current?.receive(bytes);
  }

  rawEnd(): void {
    this.current?.end();
    this.stopCurrent();
  }

  /** The client will send nothing more: an upload cut short is dropped. */
  inputEnded(): void {
    this.current?.abort();
    this.stopCurrent();
  }

  /** The connection went: no upload of it may leave anything behind. */
  abortAll(): void {
    for (const upload of this.live ?? []) upload.abort();
    this.live = undefined;
    this.stopCurrent();
  }

  private stopCurrent(): void {
    this.watch?.stop();
    this.watch = undefined;
    this.current = undefined;
  }
}
