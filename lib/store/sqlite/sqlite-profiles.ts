import type Database from 'better-sqlite3';
import type { MuteRecord } from '../profile-store.js';

/**
 * SqliteStore's statements for the ProfileStore part (migration 5): passwords, ignore
 * lists, preferences, mutes and server settings. Nicks compare case-insensitively through
 * the columns' NOCASE collation; preference and setting keys compare exactly.
 */

interface MuteRow {
  nick: string;
  until: number;
  by_nick: string;
  created_at: number;
}

/** Prepared once, with the other statements; the type arguments assert the row shape above. */
export function prepareProfileStatements(db: Database.Database) {
  return {
    updatePasswordHash: db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE nick = ?'),

    listIgnores: db.prepare<[string], string>('SELECT ignored FROM ignores WHERE nick = ? ORDER BY ignored').pluck(),
    insertIgnore: db.prepare<[string, string]>('INSERT INTO ignores (nick, ignored) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    deleteIgnore: db.prepare<[string, string]>('DELETE FROM ignores WHERE nick = ? AND ignored = ?'),

    getPreference: db.prepare<[string, string], string>('SELECT value FROM preferences WHERE nick = ? AND key = ?').pluck(),
    upsertPreference: db.prepare<[string, string, string]>(
      'INSERT INTO preferences (nick, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
    ),

    // A new mute replaces the old one whole, the nick's display form included.
    upsertMute: db.prepare<[string, number, string, number]>(
      `INSERT INTO mutes (nick, until, by_nick, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (nick) DO UPDATE SET nick = excluded.nick, until = excluded.until, by_nick = excluded.by_nick, created_at = excluded.created_at`,
    ),
    deleteMute: db.prepare<[string]>('DELETE FROM mutes WHERE nick = ?'),
    listMutes: db.prepare<[], MuteRow>('SELECT nick, until, by_nick, created_at FROM mutes ORDER BY nick'),

    getSetting: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
    upsertSetting: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value'),
    deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
    // Returns the value when it was inserted, nothing when the key had one.
    insertSettingIfAbsent: db.prepare<[string, string], string>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING value').pluck(),
  };
}

export function toMute(row: MuteRow): MuteRecord {
  return { nick: row.nick, until: row.until, by: row.by_nick, createdAt: row.created_at };
}
