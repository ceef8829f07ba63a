import type Database from 'better-sqlite3';
import type { FileRecord } from '../records.js';

/** SqliteStore's statements for what is known about sent files (migration 4). */

interface FileRow {
  id: string;
  message_id: number;
  name: string;
  size: number;
  from_nick: string;
  created_at: number;
}

/** Prepared once, with the other statements; the type arguments assert the row shape above. */
export function prepareFileStatements(db: Database.Database) {
  return {
    insertFile: db.prepare<[string, number, string, number, string, number]>(
      'INSERT INTO files (id, message_id, name, size, from_nick, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getFile: db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?'),
    deleteFilesOf: db.prepare<[number], string>('DELETE FROM files WHERE message_id = ? RETURNING id').pluck(),
  };
}

export function toFile(row: FileRow): FileRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    name: row.name,
    size: row.size,
    from: row.from_nick,
    createdAt: row.created_at,
  };
}
