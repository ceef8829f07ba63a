import type Database from 'better-sqlite3';
import type { KeyStore, PublicKeyRecord } from '../key-store.js';
import type { Constructor } from '../mixin.js';
import type { SqliteCore } from './sqlite-core.js';

/** SqliteStore's SSH public keys (migration 8): statements, row shape and methods. */

interface KeyRow {
  fingerprint: string;
  nick: string;
  type: string;
  blob: string;
  comment: string;
  added_at: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shape above. */
function prepareKeyStatements(db: Database.Database) {
  return {
    insertKey: db.prepare<[string, string, string, string, string, number]>(
      'INSERT OR IGNORE INTO ssh_keys (fingerprint, nick, type, blob, comment, added_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    keysOf: db.prepare<[string], KeyRow>('SELECT * FROM ssh_keys WHERE nick = ? ORDER BY added_at, rowid'),
    findKey: db.prepare<[string], KeyRow>('SELECT * FROM ssh_keys WHERE fingerprint = ?'),
    deleteKey: db.prepare<[string, string]>('DELETE FROM ssh_keys WHERE nick = ? AND fingerprint = ?'),
  };
}

function toKey(row: KeyRow): PublicKeyRecord {
  return { fingerprint: row.fingerprint, nick: row.nick, type: row.type, blob: row.blob, comment: row.comment, addedAt: row.added_at };
}

export function sqliteKeys<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteKeys extends base implements KeyStore {
    private readonly keySql = prepareKeyStatements(this.db);

    addKey(key: PublicKeyRecord): Promise<boolean> {
      return this.use(() => this.keySql.insertKey.run(key.fingerprint, key.nick, key.type, key.blob, key.comment, key.addedAt).changes === 1);
    }

    listKeys(nick: string): Promise<PublicKeyRecord[]> {
      return this.use(() => this.keySql.keysOf.all(nick).map(toKey));
    }

    findKey(fingerprint: string): Promise<PublicKeyRecord | undefined> {
      return this.use(() => {
        const row = this.keySql.findKey.get(fingerprint);
        return row && toKey(row);
      });
    }

    removeKey(nick: string, fingerprint: string): Promise<boolean> {
      return this.use(() => this.keySql.deleteKey.run(nick, fingerprint).changes === 1);
    }
  };
}
