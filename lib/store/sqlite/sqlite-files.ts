import type Database from 'better-sqlite3';
import type { FileStore } from '../file-store.js';
import type { Constructor } from '../mixin.js';
import type { FileRecord } from '../records.js';
import type { SqliteCore } from './sqlite-core.js';

/** SqliteStore's records of sent files (migration 4): statements, row shape and methods. */

interface FileRow {
  id: string;
  message_id: number;
  name: string;
  size: number;
  from_nick: string;
  created_at: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shape above. */
function prepareFileStatements(db: Database.Database) {
  return {
    insertFile: db.prepare<[string, number, string, number, string, number]>(
      'INSERT INTO files (id, message_id, name, size, from_nick, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getFile: db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?'),
    deleteFilesOf: db.prepare<[number], string>('DELETE FROM files WHERE message_id = ? RETURNING id').pluck(),
  };
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

export function sqliteFiles<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteFiles extends base implements FileStore {
    private readonly fileSql = prepareFileStatements(this.db);

    private readonly deleteFilesBatch = this.db.transaction((messageIds: readonly number[]) =>
      messageIds.flatMap((id) => this.fileSql.deleteFilesOf.all(id)),
    );

    addFile(file: FileRecord): Promise<void> {
      return this.use(() => {
        this.fileSql.insertFile.run(file.id, file.messageId, file.name, file.size, file.from, file.createdAt);
      });
    }

    getFile(id: string): Promise<FileRecord | undefined> {
      return this.use(() => {
        const row = this.fileSql.getFile.get(id);
        return row && toFile(row);
      });
    }

    removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
      return this.use(() => this.deleteFilesBatch(messageIds));
    }
  };
}
