import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ChatStore } from '../chat-store.js';
import { SqliteCore } from './sqlite-core.js';
import { sqliteFiles } from './sqlite-files.js';
import { sqliteKeys } from './sqlite-keys.js';
import { sqliteMessages } from './sqlite-messages.js';
import { sqliteModeration } from './sqlite-moderation.js';
import { ensureWritableDirectory, openDatabase } from './sqlite-open.js';
import { sqlitePrivateRooms } from './sqlite-private-rooms.js';
import { sqliteProfiles } from './sqlite-profiles.js';
import { sqliteRooms } from './sqlite-rooms.js';
import { sqliteSchedule } from './sqlite-schedule.js';
import { sqliteUsers } from './sqlite-users.js';

export interface SqliteStoreOptions {
  /** Created (with its parents) if missing. */
  dataDir: string;
  /** Defaults to DEFAULT_DB_FILE. */
  fileName?: string;
}

export const DEFAULT_DB_FILE = 'chat-line.db';

/**
 * ChatStore on one SQLite file (better-sqlite3): the schema in sqlite-schema.ts, each area's
 * statements and methods in its own file, prepared once when the store opens.
 */
export class SqliteStore
  extends sqliteUsers(sqliteRooms(sqliteMessages(sqliteModeration(sqliteSchedule(sqlitePrivateRooms(sqliteFiles(sqliteProfiles(sqliteKeys(SqliteCore)))))))))
  implements ChatStore
{
  /** Opens (creating if needed) `<dataDir>/chat-line.db`; throws an Error saying what to do if it can't. */
  static open(options: SqliteStoreOptions): SqliteStore {
    const dataDir = path.resolve(options.dataDir);
    ensureWritableDirectory(dataDir);
    const file = path.join(dataDir, options.fileName ?? DEFAULT_DB_FILE);
    return new SqliteStore(openDatabase(file), file);
  }

  /** A private database that lives as long as the store: for tests. */
  static openInMemory(): SqliteStore {
    return new SqliteStore(openDatabase(':memory:'), ':memory:');
  }

  private constructor(db: Database.Database, location: string) {
    super(db, location);
  }
}
