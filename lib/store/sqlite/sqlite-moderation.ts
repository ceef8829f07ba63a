import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { ModerationStore } from '../moderation-store.js';
import type { BanRecord, ReportRecord } from '../records.js';
import type { SqliteCore } from './sqlite-core.js';

/**
 * SqliteStore's reports, bans and rate-limit counters (migration 2): statements, row shapes
 * and methods. Nicks compare case-insensitively through the columns' NOCASE collation;
 * counter keys are opaque and compare exactly.
 */

interface ReportRow {
  target: string;
  reporter: string;
  at: number;
}

interface BanRow {
  nick: string;
  until: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shapes above. */
function prepareModerationStatements(db: Database.Database) {
  return {
    insertReport: db.prepare<[string, string, number]>(
      'INSERT INTO reports (target, reporter, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    // rowid after at: reports filed at the same moment come back in the order they were filed.
    listReports: db.prepare<[string], ReportRow>(
      'SELECT target, reporter, at FROM reports WHERE target = ? ORDER BY at, rowid',
    ),
    // target is NOCASE: one target in any case sorts as one.
    listAllReports: db.prepare<[], ReportRow>('SELECT target, reporter, at FROM reports ORDER BY target, at, rowid'),
    deleteReports: db.prepare<[string]>('DELETE FROM reports WHERE target = ?'),

    // A new ban replaces the old one whole, the nick's display form included.
    upsertBan: db.prepare<[string, number]>(
      `INSERT INTO bans (nick, until) VALUES (?, ?)
       ON CONFLICT (nick) DO UPDATE SET nick = excluded.nick, until = excluded.until`,
    ),
    deleteBan: db.prepare<[string]>('DELETE FROM bans WHERE nick = ?'),
    listBans: db.prepare<[], BanRow>('SELECT nick, until FROM bans ORDER BY nick'),

    // One statement, so concurrent increments (other connections included) never lose a count.
    incrementCounter: db
      .prepare<[string, number], number>(
        `INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (window_start, key) DO UPDATE SET count = count + 1
         RETURNING count`,
      )
      .pluck(),
    getCounter: db
      .prepare<[string, number], number>('SELECT count FROM counters WHERE key = ? AND window_start = ?')
      .pluck(),
    deleteCountersBefore: db.prepare<[number]>('DELETE FROM counters WHERE window_start < ?'),
  };
}

function toReport(row: ReportRow): ReportRecord {
  return { target: row.target, reporter: row.reporter, at: row.at };
}

function toBan(row: BanRow): BanRecord {
  return { nick: row.nick, until: row.until };
}

export function sqliteModeration<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteModeration extends base implements ModerationStore {
    private readonly moderationSql = prepareModerationStatements(this.db);

    addReport(report: ReportRecord): Promise<boolean> {
      return this.use(() => this.moderationSql.insertReport.run(report.target, report.reporter, report.at).changes === 1);
    }

    listReports(target: string): Promise<ReportRecord[]> {
      return this.use(() => this.moderationSql.listReports.all(target).map(toReport));
    }

    listAllReports(): Promise<ReportRecord[]> {
      return this.use(() => this.moderationSql.listAllReports.all().map(toReport));
    }

    clearReports(target: string): Promise<void> {
      return this.use(() => {
        this.moderationSql.deleteReports.run(target);
      });
    }

    setBan(ban: BanRecord): Promise<void> {
      return this.use(() => {
        this.moderationSql.upsertBan.run(ban.nick, ban.until);
      });
    }

    clearBan(nick: string): Promise<void> {
      return this.use(() => {
        this.moderationSql.deleteBan.run(nick);
      });
    }

    listBans(): Promise<BanRecord[]> {
      return this.use(() => this.moderationSql.listBans.all().map(toBan));
    }

    incrementCounter(key: string, windowStart: number): Promise<number> {
      return this.use(() => {
        const count = this.moderationSql.incrementCounter.get(key, windowStart);
        if (count === undefined) throw new Error(`chat-line store ${this.location}: counter upsert returned no row`);
        return count;
      });
    }

    getCounter(key: string, windowStart: number): Promise<number> {
      return this.use(() => this.moderationSql.getCounter.get(key, windowStart) ?? 0);
    }

    deleteCountersBefore(windowStart: number): Promise<void> {
      return this.use(() => {
        this.moderationSql.deleteCountersBefore.run(windowStart);
      });
    }
  };
}
