import { nickKey } from '../collation.js';
import type { SearchPage, SearchQuery } from '../message-store.js';
import type { MessageRecord } from '../records.js';
import { searchWords } from '../search-words.js';

/** MemoryStore's full-text search: an inverted index, word -> ids of the messages that have it. */
export type WordIndex = Map<string, Set<number>>;

/** Adds a message's words to the index, or takes them out. */
export function indexWords(index: WordIndex, message: Pick<MessageRecord, 'id' | 'text'>, add: boolean): void {
  for (const word of searchWords(message.text)) {
    let ids = index.get(word);
    if (add) {
      if (!ids) index.set(word, (ids = new Set()));
      ids.add(message.id);
    } else if (ids) {
      ids.delete(message.id);
      if (ids.size === 0) index.delete(word);
    }
  }
}

/** Whether a message with all the words is one the query looks for (where, from whom, since when, not expired). */
function wanted(message: MessageRecord, query: SearchQuery): boolean {
  const { expiredUpTo } = query;
  if (message.kind === 'room') {
    if (message.room === null || !query.rooms.includes(message.room)) return false;
    if (expiredUpTo !== null && message.createdAt <= expiredUpTo) return false;
  } else {
    if (query.privateOf === null) return false;
    const [from, to, me] = [nickKey(message.from), nickKey(message.to ?? ''), nickKey(query.privateOf)];
    if (from !== me && to !== me) return false;
    // With someone: the messages between the two, either way (with oneself: notes to oneself).
    const other = query.privateWith === undefined ? undefined : nickKey(query.privateWith);
    if (other !== undefined && !((from === me && to === other) || (from === other && to === me))) return false;
    if (expiredUpTo !== null && message.deliveredAt !== null && message.deliveredAt <= expiredUpTo) return false;
  }
  if (query.from !== undefined && nickKey(message.from) !== nickKey(query.from)) return false;
  return query.since === undefined || message.createdAt >= query.since;
}

/** The page of messages the query finds, newest first: from the rarest word's ids, those with every word. */
export function searchIndex(index: WordIndex, messages: ReadonlyMap<number, MessageRecord>, query: SearchQuery): SearchPage {
  const sets = query.words.map((word) => index.get(word) ?? new Set<number>());
  const [rarest, ...others] = [...sets].sort((a, b) => a.size - b.size);
  const found: MessageRecord[] = [];
  for (const id of rarest ?? []) {
    const message = messages.get(id);
    if (message && others.every((ids) => ids.has(id)) && wanted(message, query)) found.push(message);
  }
  found.sort((a, b) => b.id - a.id);
  const page = found.slice(query.offset, query.offset + query.limit);
  return { messages: page.map((message) => ({ ...message })), more: found.length > query.offset + query.limit };
}
