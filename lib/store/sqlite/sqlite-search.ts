import type Database from 'better-sqlite3';
import type { SearchQuery } from '../message-store.js';
import { searchWords } from '../search-words.js';

/**
 * SqliteStore's full-text search: an FTS5 table, `messages_fts` (migration 10), that holds
 * the search words of each message (lib/store/search-words.ts, space-separated) under its
 * id. It stores no text (contentless) and no positions (detail=none): only which words each
 * message has. SqliteMessages writes it in the transaction that writes the message.
 */

/** The SQL function migration 10 fills the index with; registered on every connection the store opens. */
export const SEARCH_WORDS_FUNCTION = 'chat_line_search_words';

/** A message's search words as the index holds them. */
export function indexedWords(text: string): string {
  return searchWords(text).join(' ');
}

export function registerSearchWords(db: Database.Database): void {
  db.function(SEARCH_WORDS_FUNCTION, { deterministic: true }, (text: unknown) => indexedWords(String(text)));
}

/** An FTS5 query for messages with every word: each quoted (they hold no quote), side by side (AND). */
export function matchAll(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
}

export interface SearchParams {
  match: string;
  rooms: string;
  me: string | null;
  with: string | null;
  from: string | null;
  since: number | null;
  expired: number | null;
  limit: number;
  offset: number;
}

export function searchParams(query: SearchQuery): SearchParams {
  return {
    match: matchAll(query.words),
    rooms: JSON.stringify(query.rooms),
    me: query.privateOf,
    with: query.privateWith ?? null,
    from: query.from ?? null,
    since: query.since ?? null,
    expired: query.expiredUpTo,
    // One more than asked for: whether there are more.
    limit: query.limit + 1,
    offset: query.offset,
  };
}

/**
 * Walks the index's matches newest first (FTS5 gives rowids in either order without a
 * sort) and keeps those in the searcher's rooms or private conversations, stopping once
 * the page is full: a common word in a big room costs a page's worth of lookups, not one
 * per match. Nicks compare in any case (the columns are NOCASE).
 */
export function searchSql(columns: string): string {
  return `WITH scope(room) AS (SELECT value FROM json_each(@rooms))
    SELECT ${columns} FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH @match
      AND (m.room IN scope
        OR (@me IS NOT NULL AND m.kind = 'private' AND (m.from_nick = @me OR m.to_nick = @me)
            AND (@with IS NULL OR m.from_nick = @with OR m.to_nick = @with)))
      AND (@from IS NULL OR m.from_nick = @from)
      AND (@since IS NULL OR m.created_at >= @since)
      AND (@expired IS NULL OR (m.kind = 'room' AND m.created_at > @expired)
        OR (m.kind = 'private' AND (m.delivered_at IS NULL OR m.delivered_at > @expired)))
    ORDER BY messages_fts.rowid DESC LIMIT @limit OFFSET @offset`;
}
