import type Database from 'better-sqlite3';

/**
 * The schema as a list of migrations: MIGRATIONS[i] takes a database from version i to
 * version i + 1 (`PRAGMA user_version`). Append new entries for new features; never edit
 * one that has shipped, since existing databases have already run it.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: users, rooms, memberships, messages.
  `
  CREATE TABLE users (
    -- NOCASE: one account per nick whatever its case; the stored value keeps the display form.
    nick          TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER,
    read_cursor   INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE rooms (
    name       TEXT    NOT NULL PRIMARY KEY,
    visibility TEXT    NOT NULL CHECK (visibility IN ('public', 'private')),
    owner      TEXT,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE memberships (
    room     TEXT    NOT NULL,
    nick     TEXT    NOT NULL COLLATE NOCASE,
    since_id INTEGER NOT NULL,
    PRIMARY KEY (room, nick)
  );
  -- unreadFor starts from the user's memberships.
  CREATE INDEX memberships_by_nick ON memberships (nick);

  CREATE TABLE messages (
    -- AUTOINCREMENT so that an id is never handed out twice, even after deletes.
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    room       TEXT,
    from_nick  TEXT    NOT NULL COLLATE NOCASE,
    to_nick    TEXT    COLLATE NOCASE,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'room' AND room IS NOT NULL AND to_nick IS NULL)
        OR (kind = 'private' AND room IS NULL AND to_nick IS NOT NULL))
  );
  -- roomHistory and the room half of unreadFor.
  CREATE INDEX messages_by_room ON messages (room, id);
  -- The private half of unreadFor; partial, so the user's room messages are not in the way.
  CREATE INDEX messages_private_to ON messages (to_nick, id) WHERE kind = 'private';
  -- to_nick is in the second one so that "from them but not to themselves" is answered from the index.
  CREATE INDEX messages_private_from ON messages (from_nick, id, to_nick) WHERE kind = 'private';
  `,
  // 2: comments and quotes, delivery times and expiry, reports and bans, rate-limit counters,
  // scheduled messages.
  `
  -- No REFERENCES on parent_id: a root may expire before its comments.
  ALTER TABLE messages ADD COLUMN parent_id INTEGER;
  ALTER TABLE messages ADD COLUMN quote TEXT;
  ALTER TABLE messages ADD COLUMN delivered_at INTEGER;
  -- threadOf; partial, since most messages are not comments.
  CREATE INDEX messages_by_parent ON messages (parent_id, id) WHERE parent_id IS NOT NULL;
  -- deleteExpired, one range scan per kind: room messages by creation, private ones by delivery.
  CREATE INDEX messages_room_created ON messages (created_at) WHERE kind = 'room';
  CREATE INDEX messages_private_delivered ON messages (delivered_at)
    WHERE kind = 'private' AND delivered_at IS NOT NULL;

  CREATE TABLE reports (
    target   TEXT    NOT NULL COLLATE NOCASE,
    reporter TEXT    NOT NULL COLLATE NOCASE,
    at       INTEGER NOT NULL,
    -- One report per reporter and target, whatever the case of either nick.
    PRIMARY KEY (target, reporter)
  );

  CREATE TABLE bans (
    nick  TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    until INTEGER NOT NULL
  );

  CREATE TABLE counters (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    -- Window first, so that deleteCountersBefore is a range of the key itself.
    PRIMARY KEY (window_start, key)
  ) WITHOUT ROWID;

  CREATE TABLE scheduled_messages (
    -- AUTOINCREMENT: a taken (sent or cancelled) id never comes back.
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    author     TEXT    NOT NULL COLLATE NOCASE,
    route      TEXT    NOT NULL CHECK (route IN ('room', 'private')),
    target     TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    due_at     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  -- listScheduled, of everyone and of one author, in order without a sort.
  CREATE INDEX scheduled_by_due ON scheduled_messages (due_at, id);
  CREATE INDEX scheduled_by_author ON scheduled_messages (author, due_at, id);
  `,
  // 3: private rooms: invitations, join links (token hashes only) and pending join requests.
  `
  CREATE TABLE invitations (
    room       TEXT    NOT NULL,
    nick       TEXT    NOT NULL COLLATE NOCASE,
    invited_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room, nick)
  );

  CREATE TABLE join_links (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    room       TEXT    NOT NULL,
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  -- /unlink removes all links of a room.
  CREATE INDEX join_links_by_room ON join_links (room);

  CREATE TABLE join_requests (
    room       TEXT    NOT NULL,
    nick       TEXT    NOT NULL COLLATE NOCASE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room, nick)
  );
  `,
  // 4: files; the bytes live in <dataDir>/files/<id>, this is what is known about them.
  `
  CREATE TABLE files (
    id         TEXT    NOT NULL PRIMARY KEY,
    message_id INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    from_nick  TEXT    NOT NULL COLLATE NOCASE,
    created_at INTEGER NOT NULL
  );
  -- When messages expire, their files go with them.
  CREATE INDEX files_by_message ON files (message_id);
  `,
  // 5: ignore lists, user preferences, operator mutes, server settings (issue 7).
  `
  CREATE TABLE ignores (
    nick    TEXT NOT NULL COLLATE NOCASE,
    ignored TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (nick, ignored)
  );

  CREATE TABLE preferences (
    nick  TEXT NOT NULL COLLATE NOCASE,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (nick, key)
  );

  CREATE TABLE mutes (
    nick       TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    until      INTEGER NOT NULL,
    by_nick    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 6: look-alike nicks. The expression is skeletonSql('nick') of lib/store/nick-skeleton.ts,
  // written out since a migration never changes; lookAlike's query must match it to use it.
  `
  CREATE INDEX users_by_skeleton ON users (
    replace(replace(replace(replace(replace(replace(lower(nick), 'rn', 'm'), 'vv', 'w'), '0', 'o'), '1', 'l'), 'i', 'l'), '5', 's')
  );
  `,
  // 7: messages each user ever sent (report standing), counted from what is stored now.
  `
  CREATE TABLE sent_counts (
    nick  TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
    count INTEGER NOT NULL
  );
  -- GROUP BY the NOCASE column: one row per nick whatever the case it was sent under.
  INSERT INTO sent_counts (nick, count) SELECT from_nick, count(*) FROM messages GROUP BY from_nick;
  `,
  // 8: SSH public keys bound to accounts (/key add); a key belongs to one account at most.
  `
  CREATE TABLE ssh_keys (
    fingerprint TEXT    NOT NULL PRIMARY KEY,
    nick        TEXT    NOT NULL COLLATE NOCASE,
    type        TEXT    NOT NULL,
    blob        TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    added_at    INTEGER NOT NULL
  );
  CREATE INDEX ssh_keys_by_nick ON ssh_keys (nick, added_at);
  `,
  // 9: room topics (IRC's TOPIC, /topic).
  `
  ALTER TABLE rooms ADD COLUMN topic_text TEXT;
  ALTER TABLE rooms ADD COLUMN topic_by   TEXT;
  ALTER TABLE rooms ADD COLUMN topic_at   INTEGER;
  `,
  // 10: the history of a private conversation (/history @bob), one range per direction.
  `
  CREATE INDEX messages_private_pair ON messages (from_nick, to_nick, id) WHERE kind = 'private';
  `,
  // 11: edited messages (/edit) keep when they were last edited.
  `
  ALTER TABLE messages ADD COLUMN edited_at INTEGER;
  `,
  // 12: full-text search (/search), see sqlite-search.ts: the words and places of each
  // message, filled here by the function sqlite-open.ts registers, kept by the store from
  // then on. The ascii tokenizer splits only at the spaces between the terms, which are in
  // lower case already: exactly the words of search-words.ts, whatever their script.
  `
  CREATE VIRTUAL TABLE messages_fts USING fts5(terms, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
  INSERT INTO messages_fts (rowid, terms) SELECT id, chat_line_search_terms(text, room, from_nick, to_nick) FROM messages;
  `,
  // 13: room messages that expired before their reader read them, told at the next login.
  `
  ALTER TABLE users ADD COLUMN expired_unread INTEGER NOT NULL DEFAULT 0;
  `,
];

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to SCHEMA_VERSION, each migration in its own transaction together
 * with its version bump, so a crash leaves the database at a whole version.
 * Throws (with `location` in the message) on a database this code cannot use.
 */
export function migrate(db: Database.Database, location: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${location} has schema version ${version} but this chat-line only knows up to ${SCHEMA_VERSION}: ` +
        'upgrade chat-line, or point it at another data directory',
    );
  }
  if (version === 0 && hasForeignTables(db)) {
    throw new Error(
      `${location} is an SQLite database of some other program, not a chat-line database: ` +
        'point chat-line at another data directory',
    );
  }
  for (let next = version; next < SCHEMA_VERSION; next++) {
    const sql = MIGRATIONS[next];
    if (sql === undefined) break;
    db.transaction(() => {
      db.exec(sql);
      // user_version lives in the file header and is written by this same transaction.
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}

/** A fresh chat-line database is empty at version 0; anything else there is not ours. */
function hasForeignTables(db: Database.Database): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n > 0;
}
