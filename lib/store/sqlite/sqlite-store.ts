import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ChatStore, UnreadPage } from '../chat-store.js';
import type { MuteRecord } from '../profile-store.js';
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
  RoomVisibility,
  ScheduledMessageRecord,
  UserRecord,
} from '../records.js';
import { prepareMessageStatements, toMessage } from './sqlite-messages.js';
import { copyMessage } from '../records.js';
import { prepareFileStatements, toFile } from './sqlite-files.js';
import { nickSkeleton, skeletonSql } from '../nick-skeleton.js';
import { ensureWritableDirectory, openDatabase } from './sqlite-open.js';
import { preparePrivateRoomStatements, toInvitation, toJoinLink, toJoinRequest } from './sqlite-private-rooms.js';
import { prepareProfileStatements, toMute } from './sqlite-profiles.js';
import { prepareRuleStatements, toBan, toReport } from './sqlite-moderation.js';
import { prepareScheduledStatements, toScheduled } from './sqlite-schedule.js';

export interface SqliteStoreOptions {
  /** Created (with its parents) if missing. */
  dataDir: string;
  /** Defaults to DEFAULT_DB_FILE. */
  fileName?: string;
}

export const DEFAULT_DB_FILE = 'chat-line.db';

/**
 * ChatStore on one SQLite file (better-sqlite3). The work is synchronous; the methods return
 * promises only because the interface is shared with stores that do I/O (Redis).
 */
export class SqliteStore implements ChatStore {
  readonly kind = 'sqlite';
  private readonly statements: Statements;
  private readonly insertBatch: (batch: readonly NewMessage[]) => MessageRecord[];
  private readonly markDeliveredBatch: (entries: readonly { id: number; at: number }[]) => void;
  private readonly deleteExpiredBoth: (roomBefore: number, privateBefore: number) => number[];
  private readonly deleteFilesBatch: (messageIds: readonly number[]) => string[];
  private closed = false;

  /** Opens (creating if needed) `<dataDir>/chat-line.db`; throws an Error saying what to do if it can't. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const dataDir = path.resolve(options.dataDir);
    ensureWritableDirectory(dataDir);
    const file = path.join(dataDir, options.fileName ?? DEFAULT_DB_FILE);
    return new SqliteStore(openDatabase(file), file);
  }

  /** A private database that lives as long as the store: for tests. */
  static openInMemory(): SqliteStore {
    return new SqliteStore(openDatabase(':memory:'), ':memory:');
  }

  private constructor(
    private readonly db: Database.Database,
    /** The file, for error messages. */
    readonly location: string,
  ) {
    this.statements = prepareStatements(db);
    const { insertMessage, countSentMessage, markDelivered, deleteExpiredRoom, deleteExpiredPrivate } = this.statements;
    // One transaction per batch: all or nothing, and one commit (WAL append) instead of one per message.
    this.insertBatch = db.transaction((batch: readonly NewMessage[]) =>
      batch.map((message) => {
        const { lastInsertRowid } = insertMessage.run(
          message.kind,
          message.parentId,
          message.quote,
          message.room,
          message.from,
          message.to,
          message.text,
          message.createdAt,
        );
        countSentMessage.run(message.from);
        return copyMessage(message, Number(lastInsertRowid));
      }),
    );
    this.markDeliveredBatch = db.transaction((entries: readonly { id: number; at: number }[]) => {
      for (const { id, at } of entries) markDelivered.run(at, id);
    });
    // Two statements so that each is a range scan of its own partial index.
    this.deleteExpiredBoth = db.transaction((roomBefore: number, privateBefore: number) =>
      [...deleteExpiredRoom.all(roomBefore), ...deleteExpiredPrivate.all(privateBefore)].sort((a, b) => a - b),
    );
    const { deleteFilesOf } = this.statements;
    this.deleteFilesBatch = db.transaction((messageIds: readonly number[]) => messageIds.flatMap((id) => deleteFilesOf.all(id)));
  }

  getUser(nick: string): Promise<UserRecord | undefined> {
    return this.use((s) => {
      const row = s.getUser.get(nick);
      return row && toUser(row);
    });
  }

  createUser(user: UserRecord): Promise<boolean> {
    return this.use(
      (s) =>
        s.insertUser.run(user.nick, user.passwordHash, user.createdAt, user.lastSeenAt, user.readCursor).changes === 1,
    );
  }

  updateReadState(nick: string, readCursor: number, lastSeenAt: number | null): Promise<void> {
    return this.use((s) => {
      s.updateReadState.run(readCursor, lastSeenAt, nick);
    });
  }

  countUsers(): Promise<number> {
    return this.use((s) => s.countUsers.get() ?? 0);
  }

  lookAlike(nick: string): Promise<string | undefined> {
    return this.use((s) => s.lookAlike.get(nickSkeleton(nick), nick));
  }

  setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
    return this.use((s) => s.updatePasswordHash.run(passwordHash, nick).changes === 1);
  }

  listIgnores(nick: string): Promise<string[]> {
    return this.use((s) => s.listIgnores.all(nick));
  }

  addIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use((s) => s.insertIgnore.run(nick, ignored).changes === 1);
  }

  removeIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use((s) => s.deleteIgnore.run(nick, ignored).changes === 1);
  }

  getPreference(nick: string, key: string): Promise<string | undefined> {
    return this.use((s) => s.getPreference.get(nick, key));
  }

  setPreference(nick: string, key: string, value: string): Promise<void> {
    return this.use((s) => {
      s.upsertPreference.run(nick, key, value);
    });
  }

  listMutes(): Promise<MuteRecord[]> {
    return this.use((s) => s.listMutes.all().map(toMute));
  }

  saveMute(mute: MuteRecord): Promise<void> {
    return this.use((s) => {
      s.upsertMute.run(mute.nick, mute.until, mute.by, mute.createdAt);
    });
  }

  deleteMute(nick: string): Promise<boolean> {
    return this.use((s) => s.deleteMute.run(nick).changes === 1);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.use((s) => s.getSetting.get(key));
  }

  setSetting(key: string, value: string | null): Promise<void> {
    return this.use((s) => {
      if (value === null) s.deleteSetting.run(key);
      else s.upsertSetting.run(key, value);
    });
  }

  setSettingIfAbsent(key: string, value: string): Promise<string> {
    // One synchronous statement: nothing else runs between the insert and the read.
    return this.use((s) => s.insertSettingIfAbsent.get(key, value) ?? s.getSetting.get(key) ?? value);
  }

  getRoom(name: string): Promise<RoomRecord | undefined> {
    return this.use((s) => {
      const row = s.getRoom.get(name);
      return row && toRoom(row);
    });
  }

  createRoom(room: RoomRecord): Promise<boolean> {
    return this.use((s) => s.insertRoom.run(room.name, room.visibility, room.owner, room.createdAt).changes === 1);
  }

  listRooms(): Promise<RoomRecord[]> {
    return this.use((s) => s.listRooms.all().map(toRoom));
  }

  addMember(membership: MembershipRecord): Promise<void> {
    return this.use((s) => {
      s.insertMembership.run(membership.room, membership.nick, membership.sinceId);
    });
  }

  removeMember(room: string, nick: string): Promise<void> {
    return this.use((s) => {
      s.deleteMembership.run(room, nick);
    });
  }

  listMemberships(): Promise<MembershipRecord[]> {
    return this.use((s) => s.listMemberships.all().map(toMembership));
  }

  appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
    return this.use(() => (batch.length === 0 ? [] : this.insertBatch(batch)));
  }

  roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
    return this.use((s) =>
      s.roomHistory
        .all(room, beforeId ?? Number.MAX_SAFE_INTEGER, Math.max(0, limit))
        .map(toMessage)
        .reverse(),
    );
  }

  unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
    return this.use((s) => {
      const params = { nick, afterId, limit: Math.max(0, limit) };
      return {
        messages: s.unreadNewest.all(params).map(toMessage),
        total: s.unreadCount.get(params) ?? 0,
      };
    });
  }

  getMessage(id: number): Promise<MessageRecord | undefined> {
    return this.use((s) => {
      const row = s.getMessage.get(id);
      return row && toMessage(row);
    });
  }

  countSent(nick: string): Promise<number> {
    return this.use((s) => s.countSent.get(nick) ?? 0);
  }

  lastMessageId(): Promise<number> {
    return this.use((s) => s.lastMessageId.get() ?? 0);
  }

  countMessages(): Promise<number> {
    return this.use((s) => s.countMessages.get() ?? 0);
  }

  threadOf(rootId: number): Promise<MessageRecord[]> {
    return this.use((s) => s.threadOf.all(rootId).map(toMessage));
  }

  markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
    return this.use(() => {
      if (entries.length > 0) this.markDeliveredBatch(entries);
    });
  }

  deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
    return this.use(() => this.deleteExpiredBoth(roomBefore, privateBefore));
  }

  addReport(report: ReportRecord): Promise<boolean> {
    return this.use((s) => s.insertReport.run(report.target, report.reporter, report.at).changes === 1);
  }

  listReports(target: string): Promise<ReportRecord[]> {
    return this.use((s) => s.listReports.all(target).map(toReport));
  }

  listAllReports(): Promise<ReportRecord[]> {
    return this.use((s) => s.listAllReports.all().map(toReport));
  }

  clearReports(target: string): Promise<void> {
    return this.use((s) => {
      s.deleteReports.run(target);
    });
  }

  setBan(ban: BanRecord): Promise<void> {
    return this.use((s) => {
      s.upsertBan.run(ban.nick, ban.until);
    });
  }

  clearBan(nick: string): Promise<void> {
    return this.use((s) => {
      s.deleteBan.run(nick);
    });
  }

  listBans(): Promise<BanRecord[]> {
    return this.use((s) => s.listBans.all().map(toBan));
  }

  incrementCounter(key: string, windowStart: number): Promise<number> {
    return this.use((s) => {
      const count = s.incrementCounter.get(key, windowStart);
      if (count === undefined) throw new Error(`chat-line store ${this.location}: counter upsert returned no row`);
      return count;
    });
  }

  getCounter(key: string, windowStart: number): Promise<number> {
    return this.use((s) => s.getCounter.get(key, windowStart) ?? 0);
  }

  deleteCountersBefore(windowStart: number): Promise<void> {
    return this.use((s) => {
      s.deleteCountersBefore.run(windowStart);
    });
  }

  addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
    return this.use((s) => {
      const row = s.insertScheduled.get(
        message.author,
        message.route,
        message.target,
        message.text,
        message.dueAt,
        message.createdAt,
      );
      if (!row) throw new Error(`chat-line store ${this.location}: scheduled insert returned no row`);
      return toScheduled(row);
    });
  }

  listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
    return this.use((s) =>
      (author === undefined ? s.listScheduled.all() : s.listScheduledOf.all(author)).map(toScheduled),
    );
  }

  takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
    return this.use((s) => {
      const row = s.takeScheduled.get(id);
      return row && toScheduled(row);
    });
  }

  addInvitation(invitation: InvitationRecord): Promise<void> {
    return this.use((s) => {
      s.insertInvitation.run(invitation.room, invitation.nick, invitation.invitedBy, invitation.createdAt);
    });
  }

  getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined> {
    return this.use((s) => {
      const row = s.getInvitation.get(room, nick);
      return row && toInvitation(row);
    });
  }

  removeInvitation(room: string, nick: string): Promise<boolean> {
    return this.use((s) => s.deleteInvitation.run(room, nick).changes === 1);
  }

  addJoinLink(link: JoinLinkRecord): Promise<void> {
    return this.use((s) => {
      s.insertJoinLink.run(link.tokenHash, link.room, link.createdBy, link.createdAt, link.expiresAt);
    });
  }

  getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined> {
    return this.use((s) => {
      const row = s.getJoinLink.get(tokenHash);
      return row && toJoinLink(row);
    });
  }

  removeJoinLinks(room: string): Promise<number> {
    return this.use((s) => s.deleteJoinLinks.run(room).changes);
  }

  addJoinRequest(request: JoinRequestRecord): Promise<boolean> {
    return this.use((s) => s.insertJoinRequest.run(request.room, request.nick, request.createdAt).changes === 1);
  }

  removeJoinRequest(room: string, nick: string): Promise<boolean> {
    return this.use((s) => s.deleteJoinRequest.run(room, nick).changes === 1);
  }

  listJoinRequests(room: string): Promise<JoinRequestRecord[]> {
    return this.use((s) => s.listJoinRequests.all(room).map(toJoinRequest));
  }

  addFile(file: FileRecord): Promise<void> {
    return this.use((s) => {
      s.insertFile.run(file.id, file.messageId, file.name, file.size, file.from, file.createdAt);
    });
  }

  getFile(id: string): Promise<FileRecord | undefined> {
    return this.use((s) => {
      const row = s.getFile.get(id);
      return row && toFile(row);
    });
  }

  removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
    return this.use(() => this.deleteFilesBatch(messageIds));
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.db.close();
    }
    return Promise.resolve();
  }

  /** Runs `work` against the open database; a throw (closed store included) becomes a rejection. */
  private use<T>(work: (statements: Statements) => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error(`chat-line store ${this.location} is closed`);
      resolve(work(this.statements));
    });
  }
}

// Row shapes, as the SQL in prepareStatements selects them.
interface UserRow {
  nick: string;
  password_hash: string;
  created_at: number;
  last_seen_at: number | null;
  read_cursor: number;
}

interface RoomRow {
  name: string;
  visibility: RoomVisibility;
  owner: string | null;
  created_at: number;
}

interface MembershipRow {
  room: string;
  nick: string;
  since_id: number;
}

/**
 * Everything is prepared once, here (messages, rules and scheduled messages in their own
 * files). The type arguments of `prepare` are where the row shapes are asserted
 * (better-sqlite3 does not check them): keep them in step with the SQL.
 */
function prepareStatements(db: Database.Database) {
  return {
    getUser: db.prepare<[string], UserRow>('SELECT * FROM users WHERE nick = ?'),
    insertUser: db.prepare<[string, string, number, number | null, number]>(
      `INSERT INTO users (nick, password_hash, created_at, last_seen_at, read_cursor)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    updateReadState: db.prepare<[number, number | null, string]>(
      // A null lastSeenAt leaves the recorded one alone.
      `UPDATE users SET read_cursor = max(read_cursor, ?), last_seen_at = coalesce(?, last_seen_at)
       WHERE nick = ?`,
    ),
    countUsers: db.prepare<[], number>('SELECT count(*) FROM users').pluck(),
    // The expression is the one users_by_skeleton indexes (migration 6); `<>` compares NOCASE.
    lookAlike: db.prepare<[string, string], string>(`SELECT nick FROM users WHERE ${skeletonSql('nick')} = ? AND nick <> ? LIMIT 1`).pluck(),
    getRoom: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE name = ?'),
    insertRoom: db.prepare<[string, RoomVisibility, string | null, number]>(
      'INSERT INTO rooms (name, visibility, owner, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    listRooms: db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY name'),

    insertMembership: db.prepare<[string, string, number]>(
      'INSERT INTO memberships (room, nick, since_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteMembership: db.prepare<[string, string]>('DELETE FROM memberships WHERE room = ? AND nick = ?'),
    listMemberships: db.prepare<[], MembershipRow>('SELECT * FROM memberships ORDER BY room, nick'),

    ...prepareMessageStatements(db),
    ...prepareRuleStatements(db),
    ...prepareScheduledStatements(db),
    ...preparePrivateRoomStatements(db),
    ...prepareFileStatements(db),
    ...prepareProfileStatements(db),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function toUser(row: UserRow): UserRecord {
  return {
    nick: row.nick,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    readCursor: row.read_cursor,
  };
}

function toRoom(row: RoomRow): RoomRecord {
  return { name: row.name, visibility: row.visibility, owner: row.owner, createdAt: row.created_at };
}

function toMembership(row: MembershipRow): MembershipRecord {
  return { room: row.room, nick: row.nick, sinceId: row.since_id };
}
