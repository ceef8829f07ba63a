import type Database from 'better-sqlite3';
import type { MessageKind, MessageRecord } from '../records.js';

/** SqliteStore's statements for messages, with their row shape. */

interface MessageRow {
  id: number;
  kind: MessageKind;
  parent_id: number | null;
  quote: string | null;
  room: string | null;
  from_nick: string;
  to_nick: string | null;
  text: string;
  created_at: number;
  delivered_at: number | null;
}

interface UnreadParams {
  nick: string;
  afterId: number;
  limit: number;
}

const MESSAGE_COLUMNS = 'id, kind, parent_id, quote, room, from_nick, to_nick, text, created_at, delivered_at';

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

/** Prepared once, with the other statements; the type arguments assert the row shape above. */
export function prepareMessageStatements(db: Database.Database) {
  return {
    insertMessage: db.prepare<
      [MessageKind, number | null, string | null, string | null, string, string | null, string, number]
    >(
      `INSERT INTO messages (kind, parent_id, quote, room, from_nick, to_nick, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // In the batch's transaction: a message is counted exactly when it is stored.
    countSentMessage: db.prepare<[string]>(
      'INSERT INTO sent_counts (nick, count) VALUES (?, 1) ON CONFLICT (nick) DO UPDATE SET count = count + 1',
    ),
    countSent: db.prepare<[string], number>('SELECT count FROM sent_counts WHERE nick = ?').pluck(),
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

    threadOf: db.prepare<[number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE parent_id = ? ORDER BY id`,
    ),
    // The first delivery counts: a message already marked keeps its time.
    markDelivered: db.prepare<[number, number]>(
      'UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL',
    ),
    deleteExpiredRoom: db
      .prepare<[number], number>("DELETE FROM messages WHERE kind = 'room' AND created_at < ? RETURNING id")
      .pluck(),
    // Undelivered private messages are kept, however old.
    deleteExpiredPrivate: db
      .prepare<[number], number>(
        `DELETE FROM messages WHERE kind = 'private' AND delivered_at IS NOT NULL AND delivered_at < ?
         RETURNING id`,
      )
      .pluck(),
  };
}

export function toMessage(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parent_id,
    quote: row.quote,
    room: row.room,
    from: row.from_nick,
    to: row.to_nick,
    text: row.text,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

