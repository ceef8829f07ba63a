import type Database from 'better-sqlite3';

/**
 * What SqliteStore's areas (sqlite-*.ts) are mixed into: the open database, which each area
 * prepares its statements on. The work is synchronous; the methods return promises only
 * because the interface is shared with stores that do I/O (Redis).
 */
export class SqliteCore {
  readonly kind = 'sqlite';
  private closed = false;

  constructor(
    protected readonly db: Database.Database,
    /** The file, for error messages. */
    readonly location: string,
  ) {}

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.db.close();
    }
    return Promise.resolve();
  }

  /** Runs `work` against the open database; a throw (closed store included) becomes a rejection. */
  protected use<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error(`chat-line store ${this.location} is closed`);
      resolve(work());
    });
  }
}
