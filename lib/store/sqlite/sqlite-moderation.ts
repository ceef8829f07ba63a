import type Database from 'better-sqlite3';
import type { BanRecord, ReportRecord } from '../records.js';

/**
 * SqliteStore's statements for reports, bans and rate-limit counters (migration 2), with
 * their row shapes. Nicks compare case-insensitively through the columns' NOCASE collation;
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

/** Prepared once, with the other statements; the type arguments assert the row shapes above. */
export function prepareRuleStatements(db: Database.Database) {
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

export function toReport(row: ReportRow): ReportRecord {
  return { target: row.target, reporter: row.reporter, at: row.at };
}

export function toBan(row: BanRow): BanRecord {
  return { nick: row.nick, until: row.until };
}
