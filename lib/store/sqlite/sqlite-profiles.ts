import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { MuteRecord, ProfileStore } from '../profile-store.js';
import type { SqliteCore } from './sqlite-core.js';

/**
 * SqliteStore's ProfileStore part (migration 5): passwords, ignore lists, preferences,
 * mutes and server settings, with their statements and methods. Nicks compare
 * case-insensitively through the columns' NOCASE collation; preference and setting keys
 * compare exactly.
 */

interface MuteRow {
  nick: string;
  until: number;
  by_nick: string;
  created_at: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shape above. */
function prepareProfileStatements(db: Database.Database) {
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

function toMute(row: MuteRow): MuteRecord {
  return { nick: row.nick, until: row.until, by: row.by_nick, createdAt: row.created_at };
}

export function sqliteProfiles<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteProfiles extends base implements ProfileStore {
    private readonly profileSql = prepareProfileStatements(this.db);

    setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
      return this.use(() => this.profileSql.updatePasswordHash.run(passwordHash, nick).changes === 1);
    }

    listIgnores(nick: string): Promise<string[]> {
      return this.use(() => this.profileSql.listIgnores.all(nick));
    }

    addIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(() => this.profileSql.insertIgnore.run(nick, ignored).changes === 1);
    }

    removeIgnore(nick: string, ignored: string): Promise<boolean> {
      return this.use(() => this.profileSql.deleteIgnore.run(nick, ignored).changes === 1);
    }

    getPreference(nick: string, key: string): Promise<string | undefined> {
      return this.use(() => this.profileSql.getPreference.get(nick, key));
    }

    setPreference(nick: string, key: string, value: string): Promise<void> {
      return this.use(() => {
        this.profileSql.upsertPreference.run(nick, key, value);
      });
    }

    listMutes(): Promise<MuteRecord[]> {
      return this.use(() => this.profileSql.listMutes.all().map(toMute));
    }

    saveMute(mute: MuteRecord): Promise<void> {
      return this.use(() => {
        this.profileSql.upsertMute.run(mute.nick, mute.until, mute.by, mute.createdAt);
      });
    }

    deleteMute(nick: string): Promise<boolean> {
      return this.use(() => this.profileSql.deleteMute.run(nick).changes === 1);
    }

    getSetting(key: string): Promise<string | undefined> {
      return this.use(() => this.profileSql.getSetting.get(key));
    }

    setSetting(key: string, value: string | null): Promise<void> {
      return this.use(() => {
        if (value === null) this.profileSql.deleteSetting.run(key);
        else this.profileSql.upsertSetting.run(key, value);
      });
    }

    setSettingIfAbsent(key: string, value: string): Promise<string> {
      // One synchronous statement: nothing else runs between the insert and the read.
      return this.use(() => this.profileSql.insertSettingIfAbsent.get(key, value) ?? this.profileSql.getSetting.get(key) ?? value);
    }
  };
}
