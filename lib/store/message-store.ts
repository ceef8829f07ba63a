import type { MessageRecord, NewMessage } from './records.js';

export interface UnreadPage {
  /** Oldest first, at most `limit` of them: the newest unread ones when there are more. */
  messages: MessageRecord[];
  /** How many unread messages there are in all. */
  total: number;
}

/** A room's messages, or the private messages between two users (the same nick twice: notes to oneself). */
export type Conversation = { room: string } | { between: readonly [string, string] };

/** Which end of a range a page is taken from when more messages are in it than asked for. */
export type PageFrom = 'newest' | 'oldest';

/** Room and private messages, their comments (threads), delivery and expiry. */
export interface MessageStore {
  /**
   * Stores a batch atomically (one transaction) and returns the records with their ids,
   * in the same order. Durable when the promise resolves.
   */
  appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]>;
  /** The newest `limit` messages of a room with id below `beforeId` (if given), oldest first. */
  roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]>;
  /**
   * Messages with id above `afterId` that are the user's: room messages of rooms they are a
   * member of (above that membership's sinceId) and private messages to or from them.
   */
  unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage>;
  /**
   * Messages of one conversation with afterId < id < beforeId (no upper bound when
   * beforeId is undefined): the `limit` next to beforeId (`from` 'newest') or to afterId
   * ('oldest'), oldest first. For history paged by id (IRC's CHATHISTORY).
   */
  conversation(of: Conversation, afterId: number, beforeId: number | undefined, limit: number, from: PageFrom): Promise<MessageRecord[]>;
  getMessage(id: number): Promise<MessageRecord | undefined>;
  /**
   * How many messages `nick` has sent, of every kind (counted by appendMessages, from 0 for a
   * user who never sent one). Expiry does not lower it: it is what the user sent, not what
   * is stored, so it can tell a user with a history from a throwaway account.
   */
  countSent(nick: string): Promise<number>;
  /** The highest message id ever assigned (0 when none). */
  lastMessageId(): Promise<number>;
  countMessages(): Promise<number>;

  /** Comments on a message (those whose parentId is `rootId`), oldest first. */
  threadOf(rootId: number): Promise<MessageRecord[]>;
  /** Records when private messages first reached their recipient; an id already marked keeps its time. */
  markDelivered(entries: readonly { id: number; at: number }[]): Promise<void>;
  /**
   * Deletes room messages created before `roomBefore` and private messages delivered before
   * `privateBefore` (undelivered ones are kept). Returns the deleted ids.
   */
  deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]>;
}
