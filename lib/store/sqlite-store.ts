import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ChatStore, UnreadPage } from './chat-store.js';
import type {
  FileRecord,
  InvitationRecord,
  JoinLinkRecord,
  JoinRequestRecord,
  MembershipRecord,
  MessageKind,
  MessageRecord,
  NewMessage,
  RoomRecord,
  RoomVisibility,
  UserRecord,
} from './records.js';
import { ensureWritableDirectory, openDatabase } from './sqlite-open.js';

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
    const { insertMessage } = this.statements;
    // One transaction per batch: all or nothing, and one commit (WAL append) instead of one per message.
    this.insertBatch = db.transaction((batch: readonly NewMessage[]) =>
      batch.map((message) => {
        const { lastInsertRowid } = insertMessage.run(
          message.kind,
          message.room,
          message.from,
          message.to,
          message.text,
          message.createdAt,
        );
        return copyMessage(message, Number(lastInsertRowid));
      }),
    );
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

  lastMessageId(): Promise<number> {
    return this.use((s) => s.lastMessageId.get() ?? 0);
  }

  countMessages(): Promise<number> {
    return this.use((s) => s.countMessages.get() ?? 0);
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

interface MessageRow {
  id: number;
  kind: MessageKind;
  room: string | null;
  from_nick: string;
  to_nick: string | null;
  text: string;
  created_at: number;
}

interface InvitationRow {
  room: string;
  nick: string;
  invited_by: string;
  created_at: number;
}

interface JoinLinkRow {
  token_hash: string;
  room: string;
  created_by: string;
  created_at: number;
  expires_at: number;
}

interface JoinRequestRow {
  room: string;
  nick: string;
  created_at: number;
}

interface FileRow {
  id: string;
  message_id: number;
  name: string;
  size: number;
  from_nick: string;
  created_at: number;
}

interface UnreadParams {
  nick: string;
  afterId: number;
  limit: number;
}

const MESSAGE_COLUMNS = 'id, kind, room, from_nick, to_nick, text, created_at';

/**
 * Ids of the user's unread messages: room messages of their rooms above both `afterId` and
 * the membership's since_id, private ones to them, and private ones from them (minus those
 * to themselves, already counted). Each branch is a range scan of a covering index.
 */
const UNREAD_IDS = `
  SELECT m.id FROM memberships ms
    JOIN messages m ON m.room = ms.room AND m.id > max(ms.since_id, @afterId)
    WHERE ms.nick = @nick
  UNION ALL
  SELECT id FROM messages WHERE kind = 'private' AND to_nick = @nick AND id > @afterId
  UNION ALL
  SELECT id FROM messages WHERE kind = 'private' AND from_nick = @nick AND id > @afterId AND to_nick <> @nick`;

/**
 * Everything is prepared once, here. The type arguments of `prepare` are where the row
 * shapes above are asserted (better-sqlite3 does not check them): keep them in step with the SQL.
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

    insertMessage: db.prepare<[MessageKind, string | null, string, string | null, string, number]>(
      'INSERT INTO messages (kind, room, from_nick, to_nick, text, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    roomHistory: db.prepare<[string, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    // The newest `limit` ids come from the indexes alone; only those rows are read.
    unreadNewest: db.prepare<[UnreadParams], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE id IN (SELECT id FROM (${UNREAD_IDS}) ORDER BY id DESC LIMIT @limit)
       ORDER BY id`,
    ),
    unreadCount: db.prepare<[UnreadParams], number>(`SELECT count(*) FROM (${UNREAD_IDS})`).pluck(),
    getMessage: db.prepare<[number], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    // AUTOINCREMENT's high-water mark: the highest id ever handed out, even if since deleted.
    lastMessageId: db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").pluck(),
    countMessages: db.prepare<[], number>('SELECT count(*) FROM messages').pluck(),

    insertInvitation: db.prepare<[string, string, string, number]>(
      'INSERT INTO invitations (room, nick, invited_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getInvitation: db.prepare<[string, string], InvitationRow>('SELECT * FROM invitations WHERE room = ? AND nick = ?'),
    deleteInvitation: db.prepare<[string, string]>('DELETE FROM invitations WHERE room = ? AND nick = ?'),

    insertJoinLink: db.prepare<[string, string, string, number, number]>(
      `INSERT INTO join_links (token_hash, room, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    getJoinLink: db.prepare<[string], JoinLinkRow>('SELECT * FROM join_links WHERE token_hash = ?'),
    deleteJoinLinks: db.prepare<[string]>('DELETE FROM join_links WHERE room = ?'),

    insertJoinRequest: db.prepare<[string, string, number]>(
      'INSERT INTO join_requests (room, nick, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteJoinRequest: db.prepare<[string, string]>('DELETE FROM join_requests WHERE room = ? AND nick = ?'),
    listJoinRequests: db.prepare<[string], JoinRequestRow>(
      'SELECT * FROM join_requests WHERE room = ? ORDER BY created_at, rowid',
    ),

    insertFile: db.prepare<[string, number, string, number, string, number]>(
      'INSERT INTO files (id, message_id, name, size, from_nick, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getFile: db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?'),
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

function toInvitation(row: InvitationRow): InvitationRecord {
  return { room: row.room, nick: row.nick, invitedBy: row.invited_by, createdAt: row.created_at };
}

function toJoinLink(row: JoinLinkRow): JoinLinkRecord {
  return {
    tokenHash: row.token_hash,
    room: row.room,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toJoinRequest(row: JoinRequestRow): JoinRequestRecord {
  return { room: row.room, nick: row.nick, createdAt: row.created_at };
}

function toFile(row: FileRow): FileRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    name: row.name,
    size: row.size,
    from: row.from_nick,
    createdAt: row.created_at,
  };
}

function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    kind: row.kind,
    room: row.room,
    from: row.from_nick,
    to: row.to_nick,
    text: row.text,
    createdAt: row.created_at,
  };
}

function copyMessage(message: NewMessage, id: number): MessageRecord {
  return {
    id,
    kind: message.kind,
    room: message.room,
    from: message.from,
    to: message.to,
    text: message.text,
    createdAt: message.createdAt,
  };
}
