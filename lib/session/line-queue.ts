import type { Clock, Timer } from '../util/clock.js';
import type { FloodControl } from './flood-control.js';
import { MAX_DELAYED_LINES } from './flood-control.js';
import type { AnnouncedUpload } from './incoming-upload.js';

/** A line waiting to be handled, with the file bytes it announced if it is an upload. */
export interface QueuedLine {
  text: string;
  upload: AnnouncedUpload | undefined;
  /** The line was longer than the limit, by this many bytes in all: it is refused in its turn. */
  tooLong?: number;
}

/** Input lines waiting beyond this pause reading from the socket until they are handled. */
export const MAX_PENDING_LINES = 64;
/**
 * Messages of one session being stored at once (see CommandSpec.pipelined). Bounds the
 * memory and the event-loop turn one fast sender can take.
 */
const MAX_UNFINISHED_SENDS = 64;

/** The session a queue works for. */
export interface LineQueueHost {
  readonly clock: Clock;
  isClosed(): boolean;
  /** Handles one line in its turn; a refusal is the host's to show. */
  runLine(line: QueuedLine): Promise<void>;
  /** A failure of a send that finished later. */
  report(error: unknown): void;
  /** Reading must wait: too many lines are queued. */
  pauseInput(): void;
  /** Reading may go on, unless something else holds it. */
  resumeInput(): void;
  /** More lines wait than fakelag lets through: the client floods. */
  flooded(queued: number): void;
  /** The client sends no more and every line of it was handled. */
  finished(): void;
}

/**
 * A session's lines, handled one at a time in the order they came, so a user's commands
 * take effect in the order typed: fakelag between them (FloodControl), and sends stored
 * while the next line runs (pipelining), at most MAX_UNFINISHED_SENDS at once.
 */
export class LineQueue {
  private readonly lines: QueuedLine[] = [];
  private processing = false;
  /** Sends handed to finishLater that are not stored yet; made with the first. */
  private unfinished: Set<Promise<void>> | undefined;
  /** Set while the next line waits for its flood-control turn. */
  private lagTimer: Timer | undefined;
  /** The client half-closed: once its lines are handled, the session ends. */
  private inputEnded = false;

  constructor(
    private readonly host: LineQueueHost,
    private readonly flood: FloodControl | undefined,
  ) {}

  get length(): number {
    return this.lines.length;
  }

  push(line: QueuedLine): void {
    this.lines.push(line);
    if (this.flood && this.flood.delayedCount(this.lines.length) > MAX_DELAYED_LINES) {
      const queued = this.lines.length;
      this.lines.length = 0;
      this.host.flooded(queued);
      return;
    }
    if (this.lines.length >= MAX_PENDING_LINES) this.host.pauseInput();
    if (!this.processing && !this.lagTimer) void this.process();
  }

  /** The client sent its last bytes (a script's `printf ... | nc`): its lines are finished first. */
  endOfInput(): void {
    this.inputEnded = true;
    this.finishIfDone();
  }

  /** For pipelined sends: the message finishes storing while later lines are handled. */
  finishLater(stored: Promise<unknown>): void {
    const unfinished = (this.unfinished ??= new Set());
    const tracked: Promise<void> = stored
      .then(
        () => undefined,
        (error: unknown) => {
          this.host.report(error);
        },
      )
      .finally(() => unfinished.delete(tracked));
    unfinished.add(tracked);
  }

  async allFinished(): Promise<void> {
    while (this.unfinished && this.unfinished.size > 0) await Promise.all(this.unfinished);
  }

  /** The session ended: no line waits for its turn any more. */
  stop(): void {
    if (this.lagTimer) this.host.clock.clearTimeout(this.lagTimer);
    this.lagTimer = undefined;
  }

  private async process(): Promise<void> {
    const { host } = this;
    this.processing = true;
    while (!host.isClosed() && this.lines.length > 0) {
      const wait = this.flood?.delayFor() ?? 0;
      if (wait > 0) {
        // Fakelag: the line waits for its turn, and reading goes on so a flood is noticed.
        this.lagTimer = host.clock.setTimeout(() => {
          this.lagTimer = undefined;
          void this.process();
        }, wait);
        break;
      }
      if (this.unfinished && this.unfinished.size >= MAX_UNFINISHED_SENDS) await this.allFinished();
      const line = this.lines.shift();
      if (line === undefined) break;
      await host.runLine(line);
      if (this.lines.length < MAX_PENDING_LINES / 2) host.resumeInput();
    }
    // The last messages of a client that has finished sending are stored (and echoed) before goodbye.
    if (this.inputEnded) await this.allFinished();
    this.processing = false;
    this.finishIfDone();
  }

  private finishIfDone(): void {
    if (this.inputEnded && !this.processing && !this.lagTimer && this.lines.length === 0) this.host.finished();
  }
}
