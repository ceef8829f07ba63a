import type { Constructor } from '../mixin.js';
import type { Conversation, MessageStore, PageFrom, SearchPage, SearchQuery, UnreadPage } from '../message-store.js';
import type { MessageRecord, NewMessage } from '../records.js';
import { assertWellFormed, copyMessage } from '../records.js';
import { nickKey } from '../collation.js';
import { indexWords, searchIndex } from './memory-search.js';
import type { MemoryTables } from './memory-tables.js';
import { appendTo, countAbove, lowerBound, removeIds, upperBound } from '../sorted-ids.js';

/** MemoryStore's messages, kept by id with sorted id lists per room, per nick and per thread. */
export function memoryMessages<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryMessages extends base implements MessageStore {
    appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
      return this.use(() => {
        // All or nothing, like the SQLite transaction: check the whole batch before storing any.
        batch.forEach(assertWellFormed);
        return batch.map((message) => {
          const record = copyMessage(message, ++this.lastId);
          this.messages.set(record.id, record);
          this.indexMessage(record);
          const sender = nickKey(record.from);
          this.sent.set(sender, (this.sent.get(sender) ?? 0) + 1);
          return { ...record };
        });
      });
    }

    countSent(nick: string): Promise<number> {
      return this.use(() => this.sent.get(nickKey(nick)) ?? 0);
    }

    roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
      return this.conversation({ room }, 0, beforeId, limit, 'newest');
    }

    conversation(of: Conversation, afterId: number, beforeId: number | undefined, limit: number, from: PageFrom): Promise<MessageRecord[]> {
      return this.use(() => {
        let ids: readonly number[];
        if ('room' in of) {
          ids = this.roomMessageIds.get(of.room) ?? [];
        } else {
          const [me, other] = [nickKey(of.between[0]), nickKey(of.between[1])];
          ids = (this.privateMessageIds.get(me) ?? []).filter((id) => {
            const message = this.messages.get(id);
            return message !== undefined && isBetween(message, me, other);
          });
        }
        const inRange = ids.slice(upperBound(ids, afterId), beforeId === undefined ? ids.length : lowerBound(ids, beforeId));
        const take = Math.max(0, limit);
        return this.copiesOf(from === 'newest' ? inRange.slice(Math.max(0, inRange.length - take)) : inRange.slice(0, take));
      });
    }

    unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
      return this.use(() => {
        const key = nickKey(nick);
        const take = Math.max(0, limit);
        let total = 0;
        // The newest `take` unread ids of each source: the overall newest `take` are among them.
        const candidates: number[] = [];
        const addSource = (ids: readonly number[], after: number): void => {
          const start = upperBound(ids, after);
          total += ids.length - start;
          candidates.push(...ids.slice(Math.max(start, ids.length - take)));
        };
        for (const membership of this.memberships.get(key)?.values() ?? []) {
          addSource(this.roomMessageIds.get(membership.room) ?? [], Math.max(afterId, membership.sinceId));
        }
        addSource(this.privateMessageIds.get(key) ?? [], afterId);
        candidates.sort((a, b) => a - b);
        return { messages: this.copiesOf(candidates.slice(Math.max(0, candidates.length - take))), total, totalIsLowerBound: false };
      });
    }

    getMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(() => {
        const message = this.messages.get(id);
        return message && { ...message };
      });
    }

    lastMessageId(): Promise<number> {
      return this.use(() => this.lastId);
    }

    countMessages(): Promise<number> {
      return this.use(() => this.messages.size);
    }

    threadOf(rootId: number): Promise<MessageRecord[]> {
      return this.use(() => this.copiesOf(this.commentIds.get(rootId) ?? []));
    }

    editMessage(id: number, text: string, editedAt: number, commentQuote: string): Promise<MessageRecord | undefined> {
      return this.use(() => {
        const message = this.messages.get(id);
        if (!message) return undefined;
        indexWords(this.wordIndex, message, false);
        message.text = text;
        message.editedAt = editedAt;
        indexWords(this.wordIndex, message, true);
        this.requote(id, commentQuote);
        return { ...message };
      });
    }

    deleteMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(() => {
        const message = this.messages.get(id);
        if (!message) return undefined;
        this.messages.delete(id);
        this.unindexMessages([message]);
        this.requote(id, null);
        return { ...message };
      });
    }

    search(query: SearchQuery): Promise<SearchPage> {
      return this.use(() => searchIndex(this.wordIndex, this.messages, query));
    }

    /** Sets the quote of every comment on `rootId`. */
    private requote(rootId: number, quote: string | null): void {
      for (const commentId of this.commentIds.get(rootId) ?? []) {
        const comment = this.messages.get(commentId);
        if (comment) comment.quote = quote;
      }
    }

    markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
      return this.use(() => {
        for (const { id, at } of entries) {
          const message = this.messages.get(id);
          // The first delivery counts: a message already marked keeps its time.
          if (message && message.deliveredAt === null) message.deliveredAt = at;
        }
      });
    }

    deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
      return this.use(() => {
        // Undelivered private messages are kept, however old.
        const expired = [...this.messages.values()].filter((message) =>
          message.kind === 'room'
            ? message.createdAt < roomBefore
            : message.deliveredAt !== null && message.deliveredAt < privateBefore,
        );
        this.countExpiredUnread(expired);
        for (const message of expired) this.messages.delete(message.id);
        this.unindexMessages(expired);
        // In id order already: the map iterates in insertion order.
        return expired.map((message) => message.id);
      });
    }

    /** Counts, for each registered member, the expiring room messages they had not read. */
    private countExpiredUnread(expired: readonly MessageRecord[]): void {
      const byRoom = new Map<string, number[]>();
      for (const message of expired) if (message.kind === 'room' && message.room !== null) appendTo(byRoom, message.room, message.id);
      if (byRoom.size === 0) return;
      for (const [key, rooms] of this.memberships) {
        const cursor = this.users.get(key)?.readCursor;
        if (cursor === undefined) continue;
        let count = 0;
        for (const [room, membership] of rooms) {
          const ids = byRoom.get(room);
          if (ids) count += countAbove(ids, Math.max(cursor, membership.sinceId));
        }
        if (count > 0) this.expiredUnread.set(key, (this.expiredUnread.get(key) ?? 0) + count);
      }
    }

    private indexMessage(message: MessageRecord): void {
      if (message.room !== null) appendTo(this.roomMessageIds, message.room, message.id);
      if (message.to !== null) {
        const from = nickKey(message.from);
        const to = nickKey(message.to);
        appendTo(this.privateMessageIds, from, message.id);
        // A note to oneself is listed once.
        if (to !== from) appendTo(this.privateMessageIds, to, message.id);
      }
      if (message.parentId !== null) appendTo(this.commentIds, message.parentId, message.id);
      indexWords(this.wordIndex, message, true);
    }

    /** Takes deleted messages out of the indexes, each index entry they were in filtered once. */
    private unindexMessages(deleted: readonly MessageRecord[]): void {
      if (deleted.length === 0) return;
      const gone = new Set(deleted.map((message) => message.id));
      const rooms = new Set<string>();
      const nicks = new Set<string>();
      const roots = new Set<number>();
      for (const message of deleted) {
        indexWords(this.wordIndex, message, false);
        if (message.room !== null) rooms.add(message.room);
        if (message.to !== null) {
          nicks.add(nickKey(message.from));
          nicks.add(nickKey(message.to));
        }
        if (message.parentId !== null) roots.add(message.parentId);
      }
      removeIds(this.roomMessageIds, rooms, gone);
      removeIds(this.privateMessageIds, nicks, gone);
      removeIds(this.commentIds, roots, gone);
    }

    private copiesOf(ids: readonly number[]): MessageRecord[] {
      return ids.flatMap((id) => {
        const message = this.messages.get(id);
        return message ? [{ ...message }] : [];
      });
    }
  };
}

/** A private message from one of the two to the other (`me` twice: to oneself). */
function isBetween(message: MessageRecord, me: string, other: string): boolean {
  const from = nickKey(message.from);
  const to = nickKey(message.to ?? '');
  return (from === me && to === other) || (from === other && to === me);
}
