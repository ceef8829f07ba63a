import type { Constructor } from '../mixin.js';
import type { Conversation, MessageStore, PageFrom, SearchPage, SearchQuery, UnreadPage } from '../message-store.js';
import type { MessageRecord, NewMessage } from '../records.js';
import { assertWellFormed, copyMessage } from '../records.js';
import { nickKey } from '../collation.js';
import { searchWords } from '../search-words.js';
import { appendArgs, asArray, asCount, asInteger, toMessage, toMessages } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** The sorted sets of ids a conversation's messages are in: a room's, or each direction of a private conversation. */
function conversationKeys(conversation: Conversation): string[] {
  if ('room' in conversation) return [`room:${conversation.room}`];
  const a = nickKey(conversation.between[0]);
  const b = nickKey(conversation.between[1]);
  return a === b ? [`dm:${a} ${a}`] : [`dm:${a} ${b}`, `dm:${b} ${a}`];
}

/**
 * RedisStore's messages: a `msg:<id>` hash each, indexed by room, by nick, by thread and by
 * time for expiry. Everything that touches several keys is one Lua script (redis-scripts.ts).
 */
export function redisMessages<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisMessages extends base implements MessageStore {
    appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
      return this.use(async () => {
        // All or nothing: the whole batch is checked before anything is sent.
        batch.forEach(assertWellFormed);
        if (batch.length === 0) return [];
        // One script for the whole batch: ids, hashes and every index in one round trip.
        const { epoch, floor } = this.guard;
        const reply = await this.client.chatLineAppend(this.prefix, epoch, floor, batch.length, ...batch.flatMap(appendArgs));
        const first = asInteger(reply, 'appendMessages');
        this.guard.saw(first + batch.length - 1);
        return batch.map((message, i) => copyMessage(message, first + i));
      });
    }

    roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
      return this.conversation({ room }, 0, beforeId, limit, 'newest');
    }

    conversation(of: Conversation, afterId: number, beforeId: number | undefined, limit: number, from: PageFrom): Promise<MessageRecord[]> {
      return this.use(async () => {
        const take = Math.max(0, limit);
        if (take === 0) return [];
        const max = beforeId === undefined ? '+inf' : `(${beforeId}`;
        const messages = toMessages(await this.client.chatLinePage(this.prefix, from, `(${afterId}`, max, take, ...conversationKeys(of)));
        return from === 'newest' ? messages.reverse() : messages;
      });
    }

    unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
      return this.use(async () => {
        const reply = await this.client.chatLineUnread(this.prefix, nickKey(nick), afterId, Math.max(0, limit));
        const [total, rows] = asArray(reply, 'unreadFor');
        return { messages: toMessages(rows).reverse(), total: asInteger(total, 'unreadFor total'), totalIsLowerBound: false };
      });
    }

    getMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(async () => toMessage(await this.client.hgetall(this.key(`msg:${id}`)), id));
    }

    countSent(nick: string): Promise<number> {
      return this.use(async () => asCount(await this.client.hget(this.key('sent-counts'), nickKey(nick)), 'countSent'));
    }

    lastMessageId(): Promise<number> {
      return this.use(async () => {
        const last = asCount(await this.client.get(this.key('last-message-id')), 'lastMessageId');
        this.guard.saw(last);
        return last;
      });
    }

    countMessages(): Promise<number> {
      return this.use(async () => asCount(await this.client.get(this.key('message-count')), 'countMessages'));
    }

    threadOf(rootId: number): Promise<MessageRecord[]> {
      return this.use(async () => toMessages(await this.client.chatLineThread(this.prefix, rootId)));
    }

    editMessage(id: number, text: string, editedAt: number, commentQuote: string): Promise<MessageRecord | undefined> {
      return this.use(async () => {
        const words = searchWords(text).join(' ');
        return toMessages(await this.client.chatLineEdit(this.prefix, id, text, editedAt, commentQuote, words))[0];
      });
    }

    search(query: SearchQuery): Promise<SearchPage> {
      return this.use(async () => {
        const places = [...query.rooms.map((room) => `r:${room}`), ...(query.privateOf === null ? [] : [`p:${nickKey(query.privateOf)}`])];
        if (query.words.length === 0 || places.length === 0 || query.limit <= 0) return { messages: [], more: false };
        const optional = (nick: string | undefined): string => (nick === undefined ? '' : nickKey(nick));
        const reply = await this.client.chatLineSearch(
          this.prefix,
          query.expiredUpTo ?? '',
          optional(query.from),
          query.since ?? '',
          optional(query.privateWith),
          optional(query.privateOf ?? undefined),
          query.offset,
          query.limit,
          places.length,
          ...places,
          ...query.words,
        );
        const [more, rows] = asArray(reply, 'search');
        return { messages: toMessages(rows), more: more === 1 };
      });
    }

    deleteMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(async () => toMessages(await this.client.chatLineDelete(this.prefix, id))[0]);
    }

    markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
      return this.use(async () => {
        if (entries.length === 0) return;
        await this.client.chatLineMarkDelivered(this.prefix, ...entries.flatMap(({ id, at }) => [id, at]));
      });
    }

    deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
      return this.use(async () => {
        const reply = await this.client.chatLineDeleteExpired(this.prefix, roomBefore, privateBefore);
        return asArray(reply, 'deleteExpired')
          .map((id) => asInteger(id, 'a deleted id'))
          .sort((a, b) => a - b);
      });
    }
  };
}
