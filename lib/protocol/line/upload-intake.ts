import type { IdleWatch } from '../../session/idle-watch.js';
import { IncomingUpload, type AnnouncedUpload, type InputFlow } from '../../session/incoming-upload.js';
import { watchUpload, type UploadStall } from '../../session/upload-watch.js';
import type { Clock } from '../../util/clock.js';
import type { LineFramer } from './line-framer.js';
import { announcedUploadSize } from './upload-line.js';

/** The connection's side: reading held per upload, or stopped for good. */
export interface UploadInput extends InputFlow {
  /** A size over the limit: read nothing more from this connection (it is closed once the error is sent). */
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
      // Refused before a byte is read: the client is sending them anyway, so stop reading.
      this.input.stopInput();
      return 'too-large';
    }
    const live = (this.live ??= new Set());
    for (const upload of live) if (upload.settled) live.delete(upload);
    const upload = new IncomingUpload(size, this.input);
    live.add(upload);
    if (size > 0) {
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
    return upload;
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
