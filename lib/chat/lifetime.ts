import type { MessageRecord } from '../store/records.js';

/**
 * How long messages live (`--message-ttl`): a room message from when it was posted, a
 * private one from when it reached its recipient (one never delivered is kept). Reads hide
 * an expired message at once; MessageExpiry deletes it from storage a little later.
 */
export class MessageLifetime {
  /** 0 = forever. */
  constructor(readonly ttlMs: number) {}

  isExpired(message: MessageRecord, now: number): boolean {
    if (this.ttlMs <= 0) return false;
    const start = message.kind === 'private' ? message.deliveredAt : message.createdAt;
    return start !== null && start + this.ttlMs <= now;
  }
}
