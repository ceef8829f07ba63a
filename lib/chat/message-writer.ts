import type { ChatStore } from '../store/chat-store.js';
import type { MessageRecord, NewMessage } from '../store/records.js';

interface Pending {
  message: NewMessage;
  resolve: (record: MessageRecord) => void;
  reject: (error: unknown) => void;
}

/**
 * Stores messages in batches: everything appended during one event-loop turn goes to
 * storage in one transaction. `onCommitted` runs with the stored records, in id order,
 * before any caller learns its id, so a message is durable before anyone sees it.
 */
export class MessageWriter {
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<ChatStore, 'appendMessages'>,
    private readonly onCommitted: (records: readonly MessageRecord[]) => void,
    private readonly schedule: (fn: () => void) => void = (fn) => setImmediate(fn),
  ) {}

  append(message: NewMessage): Promise<MessageRecord> {
    return new Promise((resolve, reject) => {
      this.pending.push({ message, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Resolves when everything appended so far is stored (used at shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight ?? this.pending.length > 0) {
      if (this.inFlight) await this.inFlight;
      else await this.flush();
    }
  }

  private scheduleFlush(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return Promise.resolve();
    const run = this.store.appendMessages(batch.map((p) => p.message)).then(
      (records) => {
        this.onCommitted(records);
        records.forEach((record, i) => batch[i]?.resolve(record));
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
    this.inFlight = run.finally(() => {
      this.inFlight = undefined;
      // Appends that arrived while the batch was being stored go in the next one.
      if (this.pending.length > 0) this.scheduleFlush();
    });
    return this.inFlight;
  }
}
