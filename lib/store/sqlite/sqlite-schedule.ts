import type Database from 'better-sqlite3';
import type { NewScheduledMessage, ScheduledMessageRecord } from '../records.js';

/** SqliteStore's statements for scheduled messages (migration 2), with their row shape. */

interface ScheduledRow {
  id: number;
  author: string;
  route: NewScheduledMessage['route'];
  target: string;
  text: string;
  due_at: number;
  created_at: number;
}

const SCHEDULED_COLUMNS = 'id, author, route, target, text, due_at, created_at';

/** Prepared once, with the other statements; the type arguments assert the row shape above. */
export function prepareScheduledStatements(db: Database.Database) {
  return {
    insertScheduled: db.prepare<[string, NewScheduledMessage['route'], string, string, number, number], ScheduledRow>(
      `INSERT INTO scheduled_messages (author, route, target, text, due_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING ${SCHEDULED_COLUMNS}`,
    ),
    listScheduled: db.prepare<[], ScheduledRow>(
      `SELECT ${SCHEDULED_COLUMNS} FROM scheduled_messages ORDER BY due_at, id`,
    ),
    listScheduledOf: db.prepare<[string], ScheduledRow>(
      `SELECT ${SCHEDULED_COLUMNS} FROM scheduled_messages WHERE author = ? ORDER BY due_at, id`,
    ),
    // Find and remove in one statement: of two callers taking the same id, only one gets the row.
    takeScheduled: db.prepare<[number], ScheduledRow>(
      `DELETE FROM scheduled_messages WHERE id = ? RETURNING ${SCHEDULED_COLUMNS}`,
    ),
  };
}

export function toScheduled(row: ScheduledRow): ScheduledMessageRecord {
  return {
    id: row.id,
    author: row.author,
    route: row.route,
    target: row.target,
    text: row.text,
    dueAt: row.due_at,
    createdAt: row.created_at,
  };
}
