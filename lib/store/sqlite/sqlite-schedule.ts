import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { NewScheduledMessage, ScheduledMessageRecord } from '../records.js';
import type { ScheduleStore } from '../schedule-store.js';
import type { SqliteCore } from './sqlite-core.js';

/** SqliteStore's scheduled messages (migration 2): statements, row shape and methods. */

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

/** Prepared once, when the store opens; the type arguments assert the row shape above. */
function prepareScheduleStatements(db: Database.Database) {
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

function toScheduled(row: ScheduledRow): ScheduledMessageRecord {
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

export function sqliteSchedule<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteSchedule extends base implements ScheduleStore {
    private readonly scheduleSql = prepareScheduleStatements(this.db);

    addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
      return this.use(() => {
        const row = this.scheduleSql.insertScheduled.get(
          message.author,
          message.route,
          message.target,
          message.text,
          message.dueAt,
          message.createdAt,
        );
        if (!row) throw new Error(`chat-line store ${this.location}: scheduled insert returned no row`);
        return toScheduled(row);
      });
    }

    listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
      return this.use(() =>
        (author === undefined ? this.scheduleSql.listScheduled.all() : this.scheduleSql.listScheduledOf.all(author)).map(toScheduled),
      );
    }

    takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
      return this.use(() => {
        const row = this.scheduleSql.takeScheduled.get(id);
        return row && toScheduled(row);
      });
    }
  };
}
