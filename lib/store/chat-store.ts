import type { ProfileStore } from './profile-store.js';
import type {
  BanRecord,
  FileRecord,
  InvitationRecord,
  JoinLinkRecord,
  JoinRequestRecord,
  MembershipRecord,
  MessageRecord,
  NewMessage,
  NewScheduledMessage,
  ReportRecord,
  RoomRecord,
  ScheduledMessageRecord,
  UserRecord,
} from './records.js';

export interface UnreadPage {
  /** Oldest first, at most `limit` of them: the newest unread ones when there are more. */
  messages: MessageRecord[];
  /** How many unread messages there are in all. */
  total: number;
}

/**
 * Everything the server keeps. One interface, several implementations (memory for tests,
 * SQLite by default, Redis for a cluster), all held to the same contract suite in
 * spec/store/contract.ts. Nick lookups are case-insensitive; room names arrive normalised.
 */
export interface ChatStore extends ProfileStore {
  readonly kind: string;

  getUser(nick: string): Promise<UserRecord | undefined>;
  /** Registers a user; false (and nothing changes) if the nick is taken in any case. */
  createUser(user: UserRecord): Promise<boolean>;
  /**
   * Raises the read cursor (never lowers it) and records when the user was last seen
   * (a null `lastSeenAt` leaves the recorded one as it is). No-op for an unknown nick.
   */
  updateReadState(nick: string, readCursor: number, lastSeenAt: number | null): Promise<void>;
  countUsers(): Promise<number>;
  /**
   * A registered nick that looks like `nick` (the same skeleton, lib/store/nick-skeleton.ts)
   * but is not `nick` in any case, as registered; undefined when there is none.
   */
  lookAlike(nick: string): Promise<string | undefined>;

  getRoom(name: string): Promise<RoomRecord | undefined>;
  /** Creates a room; false (and nothing changes) if it exists. */
  createRoom(room: RoomRecord): Promise<boolean>;
  listRooms(): Promise<RoomRecord[]>;

  /** Adds a member (no-op if already one, keeping the original sinceId). */
  addMember(membership: MembershipRecord): Promise<void>;
  removeMember(room: string, nick: string): Promise<void>;
  listMemberships(): Promise<MembershipRecord[]>;

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

  // ---- reports and bans -----------------------------------------------------------
  /** Files a report; false (nothing changes) if this reporter already reported this target. */
  addReport(report: ReportRecord): Promise<boolean>;
  /** The reports against one target, oldest first. */
  listReports(target: string): Promise<ReportRecord[]>;
  /** The reports against everyone (for operators), by target (any case) and then oldest first. */
  listAllReports(): Promise<ReportRecord[]>;
  clearReports(target: string): Promise<void>;
  setBan(ban: BanRecord): Promise<void>;
  clearBan(nick: string): Promise<void>;
  listBans(): Promise<BanRecord[]>;

  // ---- counters (rate limits) -----------------------------------------------------
  /** Adds one to the counter `key` for the window starting at `windowStart`; returns the new count. */
  incrementCounter(key: string, windowStart: number): Promise<number>;
  getCounter(key: string, windowStart: number): Promise<number>;
  /** Forgets counters of windows that started before `windowStart`. */
  deleteCountersBefore(windowStart: number): Promise<void>;

  // ---- scheduled messages ---------------------------------------------------------
  addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord>;
  /** Pending messages of one author (or of everyone), by due time then id. */
  listScheduled(author?: string): Promise<ScheduledMessageRecord[]>;
  /**
   * Removes a pending message and returns it, or undefined if it is gone (sent or cancelled).
   * Exactly one caller wins, so a message is sent at most once.
   */
  takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined>;

  // ---- private rooms --------------------------------------------------------------
  /** Records an invitation (no-op if the user is already invited to the room, keeping the first). */
  addInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined>;
  /** Removes an invitation; true if there was one (joining consumes it). */
  removeInvitation(room: string, nick: string): Promise<boolean>;

  addJoinLink(link: JoinLinkRecord): Promise<void>;
  /** The link with this token hash, expired or not (the caller checks `expiresAt`). */
  getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined>;
  /** Revokes every link of the room; returns how many there were. */
  removeJoinLinks(room: string): Promise<number>;

  /** Records a pending request; false (and nothing changes) if the user already has one for the room. */
  addJoinRequest(request: JoinRequestRecord): Promise<boolean>;
  /** Removes a pending request; true if there was one (answering it consumes it). */
  removeJoinRequest(room: string, nick: string): Promise<boolean>;
  /** Pending requests of a room, oldest first. */
  listJoinRequests(room: string): Promise<JoinRequestRecord[]>;

  // ---- files ----------------------------------------------------------------------
  /** Records a stored file; its id must be new. */
  addFile(file: FileRecord): Promise<void>;
  getFile(id: string): Promise<FileRecord | undefined>;
  /** Forgets the files these messages announced (they expired); returns the files' ids. */
  removeFilesOf(messageIds: readonly number[]): Promise<string[]>;

  close(): Promise<void>;
}
