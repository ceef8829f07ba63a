import type { UserRecord } from './records.js';

/** Accounts and what the server remembers of each: where they stopped reading, when last seen. */
export interface UserStore {
  getUser(nick: string): Promise<UserRecord | undefined>;
  /** Registers a user; false (and nothing changes) if the nick is taken in any case. */
  createUser(user: UserRecord): Promise<boolean>;
  /**
   * Raises the read cursor (never lowers it) and records when the user was last seen
   * (a null `lastSeenAt` leaves the recorded one as it is). No-op for an unknown nick.
   */
  updateReadState(nick: string, readCursor: number, lastSeenAt: number | null): Promise<void>;
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
