import fs from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-schema.js';
import { registerSearchTerms } from './sqlite-search.js';
import { makeDirectorySync } from '../../util/make-directory.js';

let addonPath: string | undefined;

/**
 * better-sqlite3's compiled addon, by path. Without it better-sqlite3 asks the `bindings`
 * package, which searches for the file from the caller's stack trace: that fails where
 * the server is bundled into one file, and costs a start a few hundred path lookups.
 * Looked up on the first open, so that a server on another store starts without it.
 */
function sqliteAddon(): string {
  if (addonPath === undefined) {
    try {
      addonPath = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      throw new Error("better-sqlite3's native addon is not built: run `npm rebuild better-sqlite3` (it needs python3, make and a C++ compiler)");
    }
  }
  return addonPath;
}

/** How long a statement waits for a lock held by another connection (a backup, the sqlite3 shell). */
const BUSY_TIMEOUT_MS = 5000;

/** Creates the directory if missing; throws an Error naming it and saying what to do if it can't be written. */
export function ensureWritableDirectory(dataDir: string): void {
  try {
    makeDirectorySync(dataDir);
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new Error(
      `data directory ${dataDir} is not writable: ${messageOf(err)}. ` +
        'Create it with write permission for this user, or choose another data directory.',
      { cause: err },
    );
  }
}

/** Opens, configures, checks and migrates; on failure closes again and explains. */
export function openDatabase(location: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(location, { nativeBinding: sqliteAddon() });
    // WAL: readers don't block the writer and a commit is one append to the log.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs only at checkpoints: a committed transaction survives the
    // process crashing or being killed (-9), since the OS already has the write; only a
    // power cut or OS crash can lose the last few commits. That is what we promise, and it
    // is what makes appendMessages fast (no fsync per batch).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkIntegrity(db, location);
    // Before migrating: migration 10 fills the search index with it.
    registerSearchTerms(db);
    migrate(db, location);
    return db;
  } catch (err) {
    closeQuietly(db);
    throw explainOpenError(err, location);
  }
}

function checkIntegrity(db: Database.Database, location: string): void {
  // One row 'ok', or a row per problem found (the first few are enough to report).
  const problems = db.pragma('quick_check(5)') as { quick_check: string }[];
  if (problems.length !== 1 || problems[0]?.quick_check !== 'ok') {
    throw corruptError(location, problems.map((row) => row.quick_check).join('; '));
  }
}

function explainOpenError(err: unknown, location: string): Error {
  if (err instanceof Database.SqliteError) {
    if (err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_CORRUPT')) {
      return corruptError(location, err.message, err);
    }
    if (/^SQLITE_(CANTOPEN|READONLY|PERM|IOERR)/.test(err.code)) {
      return new Error(`cannot open ${location}: ${err.message}. Check that it is a file and that it and its directory are writable.`, {
        cause: err,
      });
    }
  }
  return err instanceof Error ? err : new Error(String(err));
}

function corruptError(location: string, detail: string, cause?: unknown): Error {
  return new Error(
    `${location} is not a chat-line database or is corrupt: ${detail}. ` +
      'Move it aside to start afresh, or restore it from a backup.',
    { cause },
  );
}

function closeQuietly(db: Database.Database | undefined): void {
  try {
    db?.close();
  } catch {
    // Already failing with a better error than this one.
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
