import fs from 'node:fs';

/**
 * A log appended to a file without making the event loop wait for the disk: the lines of
 * an event-loop turn are written together, one chunk at a time, on libuv's thread pool
 * (stderr, by contrast, is written synchronously when it is a pipe or a terminal).
 * `reopen()` starts a new file under the same name, for logrotate, which moves the file
 * away and then signals; what is still queued when the process exits is written
 * synchronously (`flushSync`).
 */
export class LogFile {
  readonly isTTY = false;
  private fd: number;
  private queue: string[] = [];
  private writing = false;
  private scheduled = false;
  private readonly whenWritten: (() => void)[] = [];
  private failed = false;

  /** Opens (or creates) `path` for appending; throws if it cannot. */
  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'a');
  }

  write(text: string): void {
    this.queue.push(text);
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing) this.writeNext();
    });
  }

  /** Resolves once every line written so far is in the file. */
  flush(): Promise<void> {
    if (!this.writing && !this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenWritten.push(resolve));
  }

  /** Writes what is queued now, synchronously: for the process's `exit` event. */
  flushSync(): void {
    const text = this.queue.join('');
    this.queue = [];
    if (text === '') return;
    try {
      fs.writeSync(this.fd, text);
    } catch (error) {
      this.report(error as Error);
    }
  }

  /** Goes on in a new file under the same name; the old one is closed once its last write is done. */
  reopen(): void {
    const old = this.fd;
    this.fd = fs.openSync(this.path, 'a');
    if (!this.writing) fs.closeSync(old);
  }

  /** Writes what is queued and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    fs.closeSync(this.fd);
  }

  private writeNext(): void {
    if (this.queue.length === 0) {
      for (const resolve of this.whenWritten.splice(0)) resolve();
      return;
    }
    const chunk = Buffer.from(this.queue.join(''), 'utf8');
    this.queue = [];
    this.writing = true;
    const fd = this.fd;
    const written = (offset: number) => (error: NodeJS.ErrnoException | null, bytes: number) => {
      if (error === null && offset + bytes < chunk.length) {
        fs.write(fd, chunk, offset + bytes, chunk.length - offset - bytes, null, written(offset + bytes));
        return;
      }
      this.writing = false;
      if (fd !== this.fd) fs.close(fd, () => undefined);
      if (error !== null) this.report(error);
      this.writeNext();
    };
    fs.write(fd, chunk, 0, chunk.length, null, written(0));
  }

  /** A log that cannot be written is said once on stderr (a full disk, say), and lines go on being tried. */
  private report(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    process.stderr.write(`chat-line-server: cannot write the log file ${this.path}: ${error.message}\n`);
  }
}
