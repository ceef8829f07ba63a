import type { MessageRecord, NewMessage } from './records.js';

export interface UnreadPage {
  /** Oldest first, at most `limit` of them: the newest unread ones when there are more. */
  messages: MessageRecord[];
  /** How many unread messages there are in all, or at least (totalIsLowerBound). */
  total: number;
  /**
   * A store whose counting takes time in proportion to what it counts (SQLite) stops at
   * UNREAD_COUNT_CAP per room (and per direction of private messages): then there are more.
   */
  totalIsLowerBound: boolean;
}

/** See UnreadPage.totalIsLowerBound. */
export const UNREAD_COUNT_CAP = 10_000;

/** Whose messages a page of history holds: a room's, or the private ones two users exchanged (either way). */
export type Conversation = { readonly room: string } | { readonly between: readonly [string, string] };

/** Which end of a range a page is taken from when more messages are in it than asked for. */
export type PageFrom = 'newest' | 'oldest';

/** What `search` looks for, and where: the caller has worked out what the user may see. */
export interface SearchQuery {
  /** Words as searchWords (search-words.ts) gives them; a message is found when it has every one. At least one. */
  readonly words: readonly string[];
  /** The rooms whose messages are searched... */
  readonly rooms: readonly string[];
  /** ...and the private messages to or from this user (null: none)... */
  readonly privateOf: string | null;
  /** ...of those, only the ones exchanged with this user (with privateOf itself: notes to oneself). */
  readonly privateWith?: string;
  /** Only messages from this user. */
  readonly from?: string;
  /** Only messages created at or after this time. */
  readonly since?: number;
  /**
   * Leaves out expired messages: room messages created at or before this time, private ones
   * delivered at or before it (undelivered ones never expire). Null: nothing expires.
   */
  readonly expiredUpTo: number | null;
  /** How many of the matching messages, newest first, to skip, and how many to return after them. */
  readonly offset: number;
  readonly limit: number;
}

export interface SearchPage {
  /** Newest first. */
  messages: MessageRecord[];
  /** Whether more messages match after these. */
  more: boolean;
}

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

  /**
   * Replaces the text of a message and records when (`/edit`); its comments quote it as
   * `commentQuote` from now on. Returns the message as it is now, or undefined if there is
   * none with that id.
   */
  editMessage(id: number, text: string, editedAt: number, commentQuote: string): Promise<MessageRecord | undefined>;
  /**
   * Deletes a message (`/delete`) as expiry does: its id is not used again and countSent is
   * not lowered. Its comments stay, with their quote set to null. Returns the message as it
   * was, or undefined if there was none.
   */
  deleteMessage(id: number): Promise<MessageRecord | undefined>;

  /**
   * Messages found by their words (full text), newest first: see SearchQuery. Edited ones by
   * their words now; deleted ones never.
   */
  search(query: SearchQuery): Promise<SearchPage>;

  /** Comments on a message (those whose parentId is `rootId`), oldest first. */
  threadOf(rootId: number): Promise<MessageRecord[]>;
  /** Records when private messages first reached their recipient; an id already marked keeps its time. */
  markDelivered(entries: readonly { id: number; at: number }[]): Promise<void>;
  /**
   * Deletes room messages created before `roomBefore` and private messages delivered before
   * `privateBefore` (undelivered ones are kept). Returns the deleted ids. Each registered
   * member of a room is counted the room messages deleted that they had not read (id above
   * both their read cursor and their membership's sinceId), for UserStore.takeExpiredUnread.
   */
  deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]>;
}
