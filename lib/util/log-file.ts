import fs from 'node:fs';

/** Past this much waiting to be written (a hung disk), new lines are dropped and counted. */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/** The chunk being written on the thread pool, and how much of it is known to be in the file. */
interface InFlight {
  readonly fd: number;
  readonly chunk: Buffer;
  done: number;
  /** Lines written once this chunk is. */
  readonly upTo: number;
}

/**
 * A log appended to a file without making the event loop wait for the disk: the lines of
 * an event-loop turn are written together, one chunk at a time, on libuv's thread pool
 * (stderr, by contrast, is written synchronously when it is a pipe or a terminal).
 * `reopen()` starts a new file under the same name, for logrotate, which moves the file
 * away and then signals; `flushSync()` writes what is left when the process exits.
 */
export class LogFile {
  readonly isTTY = false;
  private fd: number;
  private queue: string[] = [];
  private queuedBytes = 0;
  private linesGiven = 0;
  private linesWritten = 0;
  private dropped = 0;
  private inFlight: InFlight | undefined;
  private scheduled = false;
  private closed = false;
  /** Files given up by reopen() while a write to them was under way: closed when it ends. */
  private readonly retired: number[] = [];
  private readonly waiting: { upTo: number; resolve: () => void }[] = [];
  private failing = false;

  /** Opens (or creates) `path` for appending; throws if it cannot. */
  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'a');
  }

  write(text: string): void {
    if (this.closed) return;
    if (this.queuedBytes + text.length > MAX_QUEUED_BYTES) {
      this.dropped++;
      return;
    }
    this.queue.push(text);
    this.queuedBytes += text.length;
    this.linesGiven++;
    if (this.inFlight !== undefined || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight === undefined) this.writeNext();
    });
  }

  /** Resolves once every line given so far is in the file (lines given later do not hold it up). */
  flush(): Promise<void> {
    if (this.linesWritten >= this.linesGiven) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ upTo: this.linesGiven, resolve }));
  }

  /**
   * Writes everything not yet known to be in the file, synchronously: for the process's
   * `exit` event. A chunk the thread pool is still writing is written again from where it
   * was last known to be: a line may then be in the file twice, but none is lost.
   */
  flushSync(): void {
    const rest = this.inFlight === undefined ? '' : this.inFlight.chunk.subarray(this.inFlight.done).toString('utf8');
    const text = rest + this.queue.join('');
    this.queue = [];
    this.queuedBytes = 0;
    this.inFlight = undefined;
    if (text === '' || this.closed) return;
    try {
      fs.writeSync(this.fd, text);
    } catch (error) {
      this.report(error as Error);
    }
    this.settle(this.linesGiven);
  }

  /**
   * Goes on in a new file under the same name; the old one is closed once its last write is
   * done. Throws if the new file cannot be opened, and the log then goes on in the old one.
   */
  reopen(): void {
    const fresh = fs.openSync(this.path, 'a');
    const old = this.fd;
    this.fd = fresh;
    if (this.inFlight?.fd === old) this.retired.push(old);
    else fs.closeSync(old);
  }

  /** Writes what is queued and closes the file; later lines are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    fs.closeSync(this.fd);
  }

  private writeNext(): void {
    if (this.queue.length === 0 || this.closed) return;
    const chunk = Buffer.from(this.queue.join(''), 'utf8');
    this.queue = [];
    this.queuedBytes = 0;
    const flight: InFlight = { fd: this.fd, chunk, done: 0, upTo: this.linesGiven };
    this.inFlight = flight;
    const onWrite = (error: NodeJS.ErrnoException | null, bytes: number): void => {
      if (this.inFlight !== flight) return; // flushSync took it over
      flight.done += error === null ? bytes : 0;
      if (error === null && flight.done < chunk.length) {
        fs.write(flight.fd, chunk, flight.done, chunk.length - flight.done, null, onWrite);
        return;
      }
      this.inFlight = undefined;
      for (const fd of this.retired.splice(0)) fs.close(fd, () => undefined);
      if (error === null) this.succeeded();
      else this.report(error);
      // A chunk that could not be written is given up: flush() and exit do not wait on it.
      this.settle(flight.upTo);
      this.writeNext();
    };
    fs.write(flight.fd, chunk, 0, chunk.length, null, onWrite);
  }

  private succeeded(): void {
    this.failing = false;
    if (this.dropped === 0) return;
    process.stderr.write(`chat-line-server: ${this.dropped} log lines were dropped: the log file ${this.path} could not keep up\n`);
    this.dropped = 0;
  }

  /** The first `upTo` lines are dealt with: wakes the flush() calls waiting for no more. */
  private settle(upTo: number): void {
    this.linesWritten = Math.max(this.linesWritten, upTo);
    for (const wait of this.waiting.filter((w) => w.upTo <= this.linesWritten)) {
      this.waiting.splice(this.waiting.indexOf(wait), 1);
      wait.resolve();
    }
  }

  /** A log that cannot be written is said on stderr once until a write succeeds again (a full disk, say). */
  private report(error: Error): void {
    if (!this.failing) process.stderr.write(`chat-line-server: cannot write the log file ${this.path}: ${error.message}\n`);
    this.failing = true;
  }
}
