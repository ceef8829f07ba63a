import type { ChatStore } from '../store/chat-store.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/**
 * Deletes messages past their lifetime so storage does not grow without bound. Reads
 * already hide expired messages (ChatHub.isExpired); this only reclaims the space.
 */
export class MessageExpiry {
  private timer: Timer | undefined;
  private readonly onDeleted: ((ids: readonly number[]) => Promise<void>)[] = [];

  constructor(
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** `--message-ttl`; 0 = forever. */
    readonly ttlMs: number,
  ) {}

  /** Runs `handler` with the ids of every batch of deleted messages (e.g. to remove their files). */
  onExpired(handler: (ids: readonly number[]) => Promise<void>): void {
    this.onDeleted.push(handler);
  }

  start(): void {
    if (this.ttlMs <= 0) return;
    const every = Math.min(Math.max(Math.floor(this.ttlMs / 10), 1000), 60_000);
    this.timer = this.clock.setInterval(() => void this.sweep(), every);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) this.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  async sweep(): Promise<number> {
    if (this.ttlMs <= 0) return 0;
    // The store deletes what started strictly before the cutoff; a message whose lifetime
    // ends exactly now is expired (ChatHub.isExpired), hence the +1.
    const cutoff = this.clock.now() - this.ttlMs + 1;
    try {
      const ids = await this.store.deleteExpired(cutoff, cutoff);
      if (ids.length > 0) {
        for (const handler of this.onDeleted) await handler(ids);
        this.logger.info('messages.expired', { count: ids.length });
      }
      return ids.length;
    } catch (error) {
      this.logger.error('messages.expire_failed', { error: String(error) });
      return 0;
    }
  }
}
