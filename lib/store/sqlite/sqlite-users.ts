import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { UserRecord } from '../records.js';
import type { ReadStateUpdate, UserStore } from '../user-store.js';
import { nickSkeleton, skeletonSql } from '../nick-skeleton.js';
import type { SqliteCore } from './sqlite-core.js';

/** SqliteStore's accounts. Nicks compare case-insensitively through the column's NOCASE collation. */

interface UserRow {
  nick: string;
  password_hash: string;
  created_at: number;
  last_seen_at: number | null;
  read_cursor: number;
}

/**
 * Prepared once, when the store opens. The type arguments of `prepare` are where the row
 * shapes are asserted (better-sqlite3 does not check them): keep them in step with the SQL.
 */
function prepareUserStatements(db: Database.Database) {
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
    expiredUnread: db.prepare<[string], number>('SELECT expired_unread FROM users WHERE nick = ?').pluck(),
    clearExpiredUnread: db.prepare<[string]>('UPDATE users SET expired_unread = 0 WHERE nick = ? AND expired_unread <> 0'),
    countUsers: db.prepare<[], number>('SELECT count(*) FROM users').pluck(),
    // The expression is the one users_by_skeleton indexes (migration 6); `<>` compares NOCASE.
    lookAlike: db.prepare<[string, string], string>(`SELECT nick FROM users WHERE ${skeletonSql('nick')} = ? AND nick <> ? LIMIT 1`).pluck(),
  };
}

function toUser(row: UserRow): UserRecord {
  return {
    nick: row.nick,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    readCursor: row.read_cursor,
  };
}

export function sqliteUsers<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteUsers extends base implements UserStore {
    private readonly userSql = prepareUserStatements(this.db);

    getUser(nick: string): Promise<UserRecord | undefined> {
      return this.use(() => {
        const row = this.userSql.getUser.get(nick);
        return row && toUser(row);
      });
    }

    createUser(user: UserRecord): Promise<boolean> {
      return this.use(
        () =>
          this.userSql.insertUser.run(user.nick, user.passwordHash, user.createdAt, user.lastSeenAt, user.readCursor).changes === 1,
      );
    }

    updateReadStates(updates: readonly ReadStateUpdate[]): Promise<void> {
      return this.use(() => {
        if (updates.length > 0) this.updateReadStatesNow(updates);
      });
    }

    private readonly updateReadStatesNow = this.db.transaction((updates: readonly ReadStateUpdate[]) => {
      for (const { nick, readCursor, lastSeenAt } of updates) this.userSql.updateReadState.run(readCursor, lastSeenAt, nick);
    });

    takeExpiredUnread(nick: string): Promise<number> {
      return this.use(() => this.takeExpiredUnreadNow(nick));
    }

    private readonly takeExpiredUnreadNow = this.db.transaction((nick: string): number => {
      const count = this.userSql.expiredUnread.get(nick) ?? 0;
      if (count > 0) this.userSql.clearExpiredUnread.run(nick);
      return count;
    });

    countUsers(): Promise<number> {
      return this.use(() => this.userSql.countUsers.get() ?? 0);
    }

    lookAlike(nick: string): Promise<string | undefined> {
      return this.use(() => this.userSql.lookAlike.get(nickSkeleton(nick), nick));
    }
  };
}
