import type { ChatStore } from '../../store/chat-store.js';
import type { MessageRecord } from '../../store/records.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import type { DeliveryOrder } from './delivery-order.js';
import type { DeletedMessage } from './events.js';
import { Delivery } from './delivery.js';
import type { MessageLifetime } from '../lifetime.js';
import { nickWords } from '../text/mentions.js';
import type { OpaqueIds } from '../text/message-ids.js';
import { NoticeDelivery, type Notice } from './notice.js';
import type { ReadState } from './read-state.js';
import type { RoomIndex } from './room-directory.js';
import type { OnlineUser } from './online-user.js';

/** Online users a room message mentions; never the author. Private messages are for their reader anyway. */
export function mentionedUsers(message: MessageRecord, online: ReadonlyMap<string, OnlineUser>): OnlineUser[] {
  if (message.kind !== 'room') return [];
  const from = message.from.toLowerCase();
  const mentioned = new Set<OnlineUser>();
  for (const word of nickWords(message.text)) {
    const user = word === from ? undefined : online.get(word);
    if (user) mentioned.add(user);
  }
  return [...mentioned];
}

export interface FanOutOptions {
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  lifetime: MessageLifetime;
  order: DeliveryOrder;
  readState: ReadState;
  rooms: RoomIndex;
  online: ReadonlyMap<string, OnlineUser>;
  ids: () => OpaqueIds;
  /** Sessions a message was handed to (metrics). */
  delivered?: (sessions: number) => void;
}

/**
 * Hands each stored message to every online session that may read it, once, in order (a
 * gap in a cluster is filled from the store), and notices to many sessions: each rendered
 * once per way of showing it, the same bytes for everyone who shows it alike.
 */
export class FanOut {
  /** The store lost its data: nothing more is delivered, since ids no longer say what was. */
  stopped = false;

  constructor(private readonly options: FanOutOptions) {}

  deliver(message: MessageRecord): void {
    const { order, rooms, online, readState } = this.options;
    // A message comes once from the bus, but may have been read from the store first to fill a gap.
    if (this.stopped || !order.accept(message.id)) return;
    const delivery = new Delivery(message, this.options.ids());
    for (const user of mentionedUsers(message, online)) user.mentionedIn = message.id;
    let reached = 0;
    if (message.kind === 'room') {
      const state = message.room === null ? undefined : rooms.get(message.room);
      if (state) reached = this.fanOut(state.online, delivery);
    } else {
      const sender = online.get(message.from.toLowerCase());
      const recipient = message.to === null ? undefined : online.get(message.to.toLowerCase());
      if (sender) reached += this.fanOut([sender], delivery);
      if (recipient && recipient !== sender) {
        reached += this.fanOut([recipient], delivery);
        readState.delivered(message.id);
      }
    }
    this.options.delivered?.(reached);
  }

  /**
   * The hot loop of fan-out (1000 recipients a message is the benchmark). Everything that
   * depends only on the message is in the Delivery; per recipient there are two
   * comparisons (mentioned in this message? ignores anyone?), a Set lookup only for users
   * who ignore someone, and each session picks one of the few renderings the message has.
   */
  private fanOut(users: Iterable<OnlineUser>, delivery: Delivery): number {
    const { id } = delivery.message;
    const { fromKey } = delivery;
    let reached = 0;
    for (const user of users) {
      if (id > user.readCursor) user.readCursor = id;
      if (user.ignores.size !== 0 && user.ignores.has(fromKey)) continue;
      const { sessions } = user;
      const mentioned = user.mentionedIn === id;
      for (const session of sessions) session.deliver(delivery, mentioned);
      reached += sessions.length;
    }
    return reached;
  }

  /**
   * A message edited since it was delivered: shown again, as it is now, to whoever online
   * may read it (not as news: it mentions nobody anew).
   */
  edited(message: MessageRecord): void {
    if (this.stopped) return;
    this.fanOut(this.audience(message), new Delivery(message, this.options.ids()));
  }

  /** A deleted message: its audience online is told. Not those who ignore its author, who never saw it; always whoever deleted it. */
  deleted(message: DeletedMessage, by: string): void {
    const author = message.from.toLowerCase();
    const told = this.audience(message).filter((user) => !user.ignores.has(author) || user.nick.toLowerCase() === by.toLowerCase());
    this.tell(told, { kind: 'deleted', id: this.options.ids().encode(message.id), room: message.room, by });
  }

  /** The online users who may read a message: its room's online members, or the two of a private one. */
  audience(message: Pick<MessageRecord, 'kind' | 'room' | 'from' | 'to'>): OnlineUser[] {
    const { rooms, online } = this.options;
    if (message.kind === 'room') return [...((message.room === null ? undefined : rooms.get(message.room))?.online ?? [])];
    const parties = [online.get(message.from.toLowerCase()), message.to === null ? undefined : online.get(message.to.toLowerCase())];
    return [...new Set(parties.filter((user) => user !== undefined))];
  }

  /** One notice to many users, rendered once per way of showing it. */
  tell(users: Iterable<OnlineUser>, notice: Notice): void {
    const delivery = new NoticeDelivery(notice);
    for (const user of users) for (const session of user.sessions) session.notify(delivery);
  }

  /**
   * Messages stored by another server whose events never came (it died between storing and
   * publishing, or the bus lost them): read from the store and delivered late rather than
   * never. One that is gone or expired meanwhile is only marked as handled.
   */
  async repair(ids: readonly number[]): Promise<void> {
    const { store, clock, logger, lifetime, order } = this.options;
    try {
      const found = await Promise.all(ids.map((id) => store.getMessage(id)));
      const now = clock.now();
      logger.warn('bus.gap_repaired', { count: ids.length, found: found.filter(Boolean).length });
      ids.forEach((id, i) => {
        const message = found[i];
        if (message && !lifetime.isExpired(message, now)) this.deliver(message);
        else order.accept(id);
      });
    } catch (error) {
      logger.error('bus.gap_repair_failed', { count: ids.length, error: String(error) });
    }
  }
}
