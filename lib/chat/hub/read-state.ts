import type { ChatStore } from '../../store/chat-store.js';
import type { MessageRecord } from '../../store/records.js';
import type { Clock, Timer } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { OnlineUser } from './online-user.js';

export interface ReadStateOptions {
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  /** The users online here, whose cursors move as messages reach them. */
  online: () => Iterable<OnlineUser>;
  /** Ids up to here have reached this server (see DeliveryOrder.handledUpTo). */
  handledUpTo: () => number;
}

/**
 * What users have read, written to storage in the background: each online user's read
 * cursor (moved by fan-out, persisted every few seconds and at logout) and when private
 * messages first reached their recipient (their lifetime starts then). Losing a few
 * seconds of it in a crash only shows those messages again as unread.
 */
export class ReadState {
  /** Private messages that reached their recipient, waiting to be recorded. */
  private deliveries: { id: number; at: number }[] = [];
  private timer: Timer | undefined;

  constructor(private readonly options: ReadStateOptions) {}

  /** Flushes every `everyMs`; `beforeEach` runs first (a check of the store's health). */
  start(everyMs: number, beforeEach?: () => void): void {
    this.timer = this.options.clock.setInterval(() => {
      beforeEach?.();
      void this.flush();
    }, everyMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) this.options.clock.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A private message reached its recipient live. */
  delivered(id: number): void {
    this.deliveries.push({ id, at: this.options.clock.now() });
  }

  /** Private messages that reached `nick` in a catch-up. */
  noteDelivered(nick: string, messages: readonly MessageRecord[]): void {
    const me = nick.toLowerCase();
    const at = this.options.clock.now();
    for (const m of messages) if (m.kind === 'private' && m.deliveredAt === null && m.to?.toLowerCase() === me) this.deliveries.push({ id: m.id, at });
  }

  async flush(): Promise<void> {
    const { store, clock, logger } = this.options;
    const now = clock.now();
    if (this.deliveries.length > 0) {
      const deliveries = this.deliveries;
      this.deliveries = [];
      await store.markDelivered(deliveries).catch((error: unknown) => {
        logger.error('store.mark_delivered_failed', { error: String(error) });
      });
    }
    const dirty = [...this.options.online()].filter((user) => this.readUpTo(user) > user.persistedCursor);
    await this.persist(dirty, now);
  }

  /**
   * How far a user has read, as far as storage is told: never past a message that has not
   * reached this server yet (in a cluster one can arrive after a higher id), so that their
   * next catch-up shows it if no session of theirs got it live.
   */
  private readUpTo(user: OnlineUser): number {
    return Math.min(user.readCursor, this.options.handledUpTo());
  }

  /** Writes where these users have read up to, all in one go. */
  async persist(users: readonly OnlineUser[], now = this.options.clock.now()): Promise<void> {
    if (users.length === 0) return;
    const written = users.map((user) => ({ user, cursor: this.readUpTo(user) }));
    try {
      await this.options.store.updateReadStates(written.map(({ user, cursor }) => ({ nick: user.nick, readCursor: cursor, lastSeenAt: now })));
      for (const { user, cursor } of written) user.persistedCursor = Math.max(user.persistedCursor, cursor);
    } catch (error) {
      this.options.logger.error('store.read_state_failed', { users: users.length, nick: users[0]?.nick, error: String(error) });
    }
  }
}
