import type { UserRecord } from './records.js';

/** Where a user has read up to, and when they were last seen (null: as recorded). */
export interface ReadStateUpdate {
  nick: string;
  readCursor: number;
  lastSeenAt: number | null;
}

/** Accounts and what the server remembers of each: where they stopped reading, when last seen. */
export interface UserStore {
  getUser(nick: string): Promise<UserRecord | undefined>;
  /** Registers a user; false (and nothing changes) if the nick is taken in any case. */
  createUser(user: UserRecord): Promise<boolean>;
  /**
   * For each update, raises the user's read cursor (never lowers it) and records when they
   * were last seen (a null `lastSeenAt` leaves the recorded one as it is); an unknown nick
   * is passed over. All of them in one go (SQLite: one transaction): the hub writes every
   * online user's cursor every few seconds, and a commit each held the event loop up for
   * as long as a thousand users took.
   */
  updateReadStates(updates: readonly ReadStateUpdate[]): Promise<void>;
  /**
   * How many room messages were deleted for their age (MessageStore.deleteExpired) before
   * `nick` read them, since the last call; the count starts again from 0. 0 for an unknown nick.
   */
  takeExpiredUnread(nick: string): Promise<number>;
  countUsers(): Promise<number>;
  /**
   * A registered nick that looks like `nick` (the same skeleton, lib/store/nick-skeleton.ts)
   * but is not `nick` in any case, as registered; undefined when there is none.
   */
  lookAlike(nick: string): Promise<string | undefined>;
}
