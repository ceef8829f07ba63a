import type Database from 'better-sqlite3';
import { nickKey } from '../collation.js';
import type { SearchQuery } from '../message-store.js';
import type { MessageRecord } from '../records.js';
import { searchWords } from '../search-words.js';

/**
 * SqliteStore's full-text search: an FTS5 table, `messages_fts` (migration 10), holding the
 * terms of each message under its id: its search words (lib/store/search-words.ts) and the
 * places it is in, as terms no word can be (they start with a private-use character): its
 * room, or each of its two users and their conversation. A search asks for the words AND
 * one of the places the searcher may read, so FTS5 finds only messages there: the cost of
 * a search follows its words and places, not the matches elsewhere. The table stores no
 * text (contentless) and no positions (detail=none); SqliteMessages writes it in the
 * transaction that writes the message.
 */

/** The SQL function migration 10 fills the index with; registered on every connection the store opens. */
export const SEARCH_TERMS_FUNCTION = 'chat_line_search_terms';

/** Starts every place term: private use, so never part of a word. */
const PLACE = '\ue000';

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** Room terms made so far: every message of a room needs its term, and rooms are few. */
const roomTerms = new Map<string, string>();
const MAX_ROOM_TERMS = 10_000;

function roomTerm(room: string): string {
  let term = roomTerms.get(room);
  if (term === undefined) {
    if (roomTerms.size >= MAX_ROOM_TERMS) roomTerms.clear();
    term = `${PLACE}r${hex(room)}`;
    roomTerms.set(room, term);
  }
  return term;
}

/** Private messages to or from a user. */
function userTerm(nick: string): string {
  return `${PLACE}u${hex(nickKey(nick))}`;
}

/** The private messages two users exchanged. */
function pairTerm(a: string, b: string): string {
  return `${PLACE}c${hex([nickKey(a), nickKey(b)].sort().join(' '))}`;
}

/** A message's terms as the index holds them, space-separated (the ascii tokenizer splits at nothing else: see migration 10). */
export function indexedTerms(message: Pick<MessageRecord, 'text' | 'room' | 'from' | 'to'>): string {
  const { room, from, to } = message;
  const words = searchWords(message.text);
  if (room !== null) return words.length === 0 ? roomTerm(room) : `${words.join(' ')} ${roomTerm(room)}`;
  const places = [...new Set([userTerm(from), userTerm(to ?? from)]), pairTerm(from, to ?? from)];
  return [...words, ...places].join(' ');
}

export function registerSearchTerms(db: Database.Database): void {
  db.function(SEARCH_TERMS_FUNCTION, { deterministic: true }, (text: unknown, room: unknown, from: unknown, to: unknown) =>
    indexedTerms({ text: String(text), room: typeof room === 'string' ? room : null, from: String(from), to: typeof to === 'string' ? to : null }),
  );
}

function quoted(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** The FTS5 query: every word, and one of the places the query may look in; undefined when it may look nowhere. */
export function matchExpression(query: SearchQuery): string | undefined {
  const { privateOf, privateWith } = query;
  const privately = privateOf === null ? [] : [privateWith === undefined ? userTerm(privateOf) : pairTerm(privateOf, privateWith)];
  const places = [...query.rooms.map(roomTerm), ...privately];
  if (places.length === 0 || query.words.length === 0) return undefined;
  return `${query.words.map(quoted).join(' ')} AND (${places.map(quoted).join(' OR ')})`;
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

export function searchParams(query: SearchQuery, match: string): SearchParams {
  return {
    match,
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
 * sort), stopping once the page is full. The places are checked again on the rows, as are
 * sender, time and expiry. Nicks compare in any case (the columns are NOCASE).
 */
export function searchSql(columns: string): string {
  return `WITH scope(room) AS (SELECT value FROM json_each(@rooms))
    SELECT ${columns} FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH @match
      AND (m.room IN scope
        OR (@me IS NOT NULL AND m.kind = 'private' AND (m.from_nick = @me OR m.to_nick = @me)
            AND (@with IS NULL OR (m.from_nick = @me AND m.to_nick = @with) OR (m.from_nick = @with AND m.to_nick = @me))))
      AND (@from IS NULL OR m.from_nick = @from)
      AND (@since IS NULL OR m.created_at >= @since)
      AND (@expired IS NULL OR (m.kind = 'room' AND m.created_at > @expired)
        OR (m.kind = 'private' AND (m.delivered_at IS NULL OR m.delivered_at > @expired)))
    ORDER BY messages_fts.rowid DESC LIMIT @limit OFFSET @offset`;
}
