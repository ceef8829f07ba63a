import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import { UNREAD_COUNT_CAP, type Conversation, type MessageStore, type PageFrom, type SearchPage, type SearchQuery, type UnreadPage } from '../message-store.js';
import type { MessageKind, MessageRecord, NewMessage } from '../records.js';
import { copyMessage } from '../records.js';
import type { SqliteCore } from './sqlite-core.js';
import { appendTo, countAbove } from '../sorted-ids.js';
import { indexedTerms, matchExpression, searchParams, searchSql, type SearchParams } from './sqlite-search.js';

/** SqliteStore's messages: their statements, row shape and methods. */

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
  edited_at: number | null;
}

interface PairParams {
  a: string;
  b: string;
  after: number;
  before: number;
  limit: number;
}

const MESSAGE_COLUMNS = 'id, kind, parent_id, quote, room, from_nick, to_nick, text, created_at, delivered_at, edited_at';

/**
 * A page of the private messages `a` and `b` exchanged with after < id < before: the
 * `limit` ids nearest one end (DESC: the newest, ASC: the oldest) of each direction, each
 * a range of messages_private_pair, and the nearest `limit` of those, oldest first. A note
 * to oneself is in the first branch only.
 */
function pairPage(order: 'DESC' | 'ASC'): string {
  const branch = (from: string, to: string, extra: string): string =>
    `SELECT id FROM (SELECT id FROM messages WHERE kind = 'private' AND from_nick = ${from} AND to_nick = ${to}${extra}
       AND id > @after AND id < @before ORDER BY id ${order} LIMIT @limit)`;
  return `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (
    ${branch('@a', '@b', '')} UNION ALL ${branch('@b', '@a', ' AND from_nick <> to_nick')}
    ORDER BY id ${order} LIMIT @limit) ORDER BY id`;
}

/** Prepared once, when the store opens; the type arguments assert the row shape above. */
function prepareMessageStatements(db: Database.Database) {
  return {
    insertMessage: db.prepare<
      [MessageKind, number | null, string | null, string | null, string, string | null, string, number]
    >(
      `INSERT INTO messages (kind, parent_id, quote, room, from_nick, to_nick, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // In the batch's transaction, once per sender of the batch: a message is counted exactly when it is stored.
    countSentMessages: db.prepare<[string, number]>(
      'INSERT INTO sent_counts (nick, count) VALUES (?, ?) ON CONFLICT (nick) DO UPDATE SET count = count + excluded.count',
    ),
    countSent: db.prepare<[string], number>('SELECT count FROM sent_counts WHERE nick = ?').pluck(),
    roomNewest: db.prepare<[string, number, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room = ? AND id > ? AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
    roomOldest: db.prepare<[string, number, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room = ? AND id > ? AND id < ? ORDER BY id LIMIT ?`,
    ),
    // Both directions, each through its index; NOCASE columns compare nicks in any case.
    pairNewest: db.prepare<[PairParams], MessageRow>(pairPage('DESC')),
    pairOldest: db.prepare<[PairParams], MessageRow>(pairPage('ASC')),
    // Unread (unreadFor), one source at a time, each a range of its index read from the
    // newest end, and counted only up to UNREAD_COUNT_CAP: a user back after a busy day must
    // not hold up everyone else while hundreds of thousands of ids are counted or sorted.
    membershipsOf: db.prepare<[string], { room: string; since_id: number }>('SELECT room, since_id FROM memberships WHERE nick = ?'),
    privateToNewest: db.prepare<[string, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE kind = 'private' AND to_nick = ? AND id > ? ORDER BY id DESC LIMIT ?`,
    ),
    // Minus those to themselves, already in the branch above.
    privateFromNewest: db.prepare<[string, number, string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE kind = 'private' AND from_nick = ? AND id > ? AND to_nick <> ? ORDER BY id DESC LIMIT ?`,
    ),
    roomCountUpTo: db.prepare<[string, number, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM messages WHERE room = ? AND id > ? LIMIT ?)',
    ).pluck(),
    privateToCountUpTo: db.prepare<[string, number, number], number>(
      "SELECT count(*) FROM (SELECT 1 FROM messages WHERE kind = 'private' AND to_nick = ? AND id > ? LIMIT ?)",
    ).pluck(),
    privateFromCountUpTo: db.prepare<[string, number, string, number], number>(
      "SELECT count(*) FROM (SELECT 1 FROM messages WHERE kind = 'private' AND from_nick = ? AND id > ? AND to_nick <> ? LIMIT ?)",
    ).pluck(),
    getMessage: db.prepare<[number], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`),
    // AUTOINCREMENT's high-water mark: the highest id ever handed out, even if since deleted.
    lastMessageId: db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'").pluck(),
    countMessages: db.prepare<[], number>('SELECT count(*) FROM messages').pluck(),

    threadOf: db.prepare<[number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE parent_id = ? ORDER BY id`,
    ),
    // The search index (sqlite-search.ts), written with the message.
    indexTerms: db.prepare<[number, string]>('INSERT INTO messages_fts (rowid, terms) VALUES (?, ?)'),
    unindexTerms: db.prepare<[number]>('DELETE FROM messages_fts WHERE rowid = ?'),
    search: db.prepare<[SearchParams], MessageRow>(searchSql(MESSAGE_COLUMNS)),
    editMessage: db.prepare<[string, number, number], MessageRow>(`UPDATE messages SET text = ?, edited_at = ? WHERE id = ? RETURNING ${MESSAGE_COLUMNS}`),
    deleteMessage: db.prepare<[number], MessageRow>(`DELETE FROM messages WHERE id = ? RETURNING ${MESSAGE_COLUMNS}`),
    // Comments quote their original as it is now; when it goes they stay, without a quote.
    requoteComments: db.prepare<[string | null, number]>('UPDATE messages SET quote = ? WHERE parent_id = ?'),
    // The first delivery counts: a message already marked keeps its time.
    markDelivered: db.prepare<[number, number]>(
      'UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL',
    ),
    // In deleteExpired's transaction: the room messages going, and then, per room, where each
    // registered member had read up to (the predicate of unreadFor's room branch), so that
    // what each had not read is counted from the ids alone. Never a scan of what members
    // have not read, which for everyone away during a busy hour is most of the table.
    deleteExpiredRoom: db.prepare<[number], { id: number; room: string }>("DELETE FROM messages WHERE kind = 'room' AND created_at < ? RETURNING id, room"),
    roomReaders: db.prepare<[string], { nick: string; seen: number }>(
      'SELECT ms.nick AS nick, max(ms.since_id, u.read_cursor) AS seen FROM memberships ms JOIN users u ON u.nick = ms.nick WHERE ms.room = ?',
    ),
    addExpiredUnread: db.prepare<[number, string]>('UPDATE users SET expired_unread = expired_unread + ? WHERE nick = ?'),
    // Undelivered private messages are kept, however old.
    deleteExpiredPrivate: db
      .prepare<[number], number>(
        `DELETE FROM messages WHERE kind = 'private' AND delivered_at IS NOT NULL AND delivered_at < ?
         RETURNING id`,
      )
      .pluck(),
  };
}

function toMessage(row: MessageRow): MessageRecord {
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
    editedAt: row.edited_at,
  };
}

export function sqliteMessages<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteMessages extends base implements MessageStore {
    private readonly messageSql = prepareMessageStatements(this.db);

    // One transaction per batch: all or nothing, and one commit (WAL append) instead of one per message.
    private readonly insertBatch = this.db.transaction((batch: readonly NewMessage[]) => {
      const { insertMessage, countSentMessages, indexTerms } = this.messageSql;
      const sentBy = new Map<string, number>();
      const stored = batch.map((message) => {
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
        sentBy.set(message.from, (sentBy.get(message.from) ?? 0) + 1);
        const id = Number(lastInsertRowid);
        indexTerms.run(id, indexedTerms(message));
        return copyMessage(message, id);
      });
      for (const [nick, count] of sentBy) countSentMessages.run(nick, count);
      return stored;
    });

    private readonly markDeliveredBatch = this.db.transaction((entries: readonly { id: number; at: number }[]) => {
      const { markDelivered } = this.messageSql;
      for (const { id, at } of entries) markDelivered.run(at, id);
    });

    private readonly deleteOne = this.db.transaction((id: number) => {
      const row = this.messageSql.deleteMessage.get(id);
      if (!row) return undefined;
      this.messageSql.requoteComments.run(null, id);
      this.messageSql.unindexTerms.run(id);
      return toMessage(row);
    });

    private readonly editOne = this.db.transaction((id: number, text: string, editedAt: number, commentQuote: string) => {
      const row = this.messageSql.editMessage.get(text, editedAt, id);
      if (!row) return undefined;
      this.messageSql.requoteComments.run(commentQuote, id);
      const edited = toMessage(row);
      this.messageSql.unindexTerms.run(id);
      this.messageSql.indexTerms.run(id, indexedTerms(edited));
      return edited;
    });

    // Two deletions so that each is a range scan of its own partial index.
    private readonly deleteExpiredBoth = this.db.transaction((roomBefore: number, privateBefore: number) => {
      const { deleteExpiredRoom, deleteExpiredPrivate, unindexTerms } = this.messageSql;
      const roomIds = deleteExpiredRoom.all(roomBefore);
      this.countExpiredUnread(roomIds);
      const ids = [...roomIds.map((row) => row.id), ...deleteExpiredPrivate.all(privateBefore)].sort((a, b) => a - b);
      for (const id of ids) unindexTerms.run(id);
      return ids;
    });

    /** Adds to each registered member's expired_unread the expiring messages of their rooms above what they had read. */
    private countExpiredUnread(expiring: readonly { id: number; room: string }[]): void {
      const { roomReaders, addExpiredUnread } = this.messageSql;
      const byRoom = new Map<string, number[]>();
      for (const { id, room } of expiring) appendTo(byRoom, room, id);
      const unreadBy = new Map<string, number>();
      for (const [room, ids] of byRoom) {
        ids.sort((a, b) => a - b);
        for (const { nick, seen } of roomReaders.all(room)) {
          const unread = countAbove(ids, seen);
          if (unread > 0) unreadBy.set(nick, (unreadBy.get(nick) ?? 0) + unread);
        }
      }
      for (const [nick, count] of unreadBy) addExpiredUnread.run(count, nick);
    }

    appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
      return this.use(() => (batch.length === 0 ? [] : this.insertBatch(batch)));
    }

    roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
      return this.conversation({ room }, 0, beforeId, limit, 'newest');
    }

    conversation(of: Conversation, afterId: number, beforeId: number | undefined, limit: number, from: PageFrom): Promise<MessageRecord[]> {
      return this.use(() => {
        const before = beforeId ?? Number.MAX_SAFE_INTEGER;
        const take = Math.max(0, limit);
        const sql = this.messageSql;
        if ('room' in of) {
          const rows = (from === 'newest' ? sql.roomNewest : sql.roomOldest).all(of.room, afterId, before, take).map(toMessage);
          return from === 'newest' ? rows.reverse() : rows;
        }
        const [a, b] = of.between;
        return (from === 'newest' ? sql.pairNewest : sql.pairOldest).all({ a, b, after: afterId, before, limit: take }).map(toMessage);
      });
    }

    unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
      return this.use(() => {
        const sql = this.messageSql;
        const take = Math.max(0, limit);
        // The newest `take` of each source: the newest `take` of all are among them.
        const candidates: MessageRow[] = [];
        let total = 0;
        let totalIsLowerBound = false;
        const count = (counted: number): void => {
          total += counted;
          if (counted >= UNREAD_COUNT_CAP) totalIsLowerBound = true;
        };
        for (const { room, since_id: sinceId } of sql.membershipsOf.all(nick)) {
          const after = Math.max(afterId, sinceId);
          candidates.push(...sql.roomNewest.all(room, after, Number.MAX_SAFE_INTEGER, take));
          count(sql.roomCountUpTo.get(room, after, UNREAD_COUNT_CAP) ?? 0);
        }
        candidates.push(...sql.privateToNewest.all(nick, afterId, take), ...sql.privateFromNewest.all(nick, afterId, nick, take));
        count(sql.privateToCountUpTo.get(nick, afterId, UNREAD_COUNT_CAP) ?? 0);
        count(sql.privateFromCountUpTo.get(nick, afterId, nick, UNREAD_COUNT_CAP) ?? 0);
        candidates.sort((a, b) => a.id - b.id);
        return { messages: candidates.slice(Math.max(0, candidates.length - take)).map(toMessage), total, totalIsLowerBound };
      });
    }

    getMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(() => {
        const row = this.messageSql.getMessage.get(id);
        return row && toMessage(row);
      });
    }

    countSent(nick: string): Promise<number> {
      return this.use(() => this.messageSql.countSent.get(nick) ?? 0);
    }

    lastMessageId(): Promise<number> {
      return this.use(() => this.messageSql.lastMessageId.get() ?? 0);
    }

    countMessages(): Promise<number> {
      return this.use(() => this.messageSql.countMessages.get() ?? 0);
    }

    search(query: SearchQuery): Promise<SearchPage> {
      return this.use(() => {
        const match = matchExpression(query);
        if (match === undefined || query.limit <= 0) return { messages: [], more: false };
        const rows = this.messageSql.search.all(searchParams(query, match));
        return { messages: rows.slice(0, query.limit).map(toMessage), more: rows.length > query.limit };
      });
    }

    threadOf(rootId: number): Promise<MessageRecord[]> {
      return this.use(() => this.messageSql.threadOf.all(rootId).map(toMessage));
    }

    editMessage(id: number, text: string, editedAt: number, commentQuote: string): Promise<MessageRecord | undefined> {
      return this.use(() => this.editOne(id, text, editedAt, commentQuote));
    }

    deleteMessage(id: number): Promise<MessageRecord | undefined> {
      return this.use(() => this.deleteOne(id));
    }

    markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
      return this.use(() => {
        if (entries.length > 0) this.markDeliveredBatch(entries);
      });
    }

    deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
      return this.use(() => this.deleteExpiredBoth(roomBefore, privateBefore));
    }
  };
}
