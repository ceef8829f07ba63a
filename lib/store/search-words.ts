/**
 * The words of a message that search finds it by, the same for every store (the SQLite
 * full-text index stores exactly these, space-separated): runs of letters, digits and
 * combining marks, in lower case, each once. A leading `\x01TAG ` (the mark of a /me
 * action) is not part of the text. Private-use characters are not part of words: stores
 * may use them to mark terms of their own (sqlite-search.ts).
 */

/** A run of letters, digits (of any script) and combining marks. */
export const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/** A word longer than this is cut (nobody searches for one; the index stays small). */
export const MAX_WORD_LENGTH = 64;

/** The search word a run of WORD_RUN is. */
export function searchWordOf(run: string): string {
  return run.toLowerCase().slice(0, MAX_WORD_LENGTH);
}

export function searchWords(text: string): string[] {
  const body = text.startsWith('\u0001') ? text.slice(text.indexOf(' ') + 1) : text;
  // match() hands back the runs as strings, without a match object each: a third faster,
  // and this runs for every message stored.
  const runs = body.match(WORD_RUN);
  if (runs === null) return [];
  const words = new Set<string>();
  for (const run of runs) words.add(searchWordOf(run));
  return [...words];
}
