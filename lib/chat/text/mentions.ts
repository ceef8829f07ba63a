import { actionOf } from './action.js';

/**
 * Words of a message that could be nicks: a letter, then up to 23 letters, digits, `_` or
 * `-`, not glued to more of those on either side. `@alice,` and `alice:` mention alice;
 * `malice` and `alice2` do not.
 */
const NICK_WORD = /(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9_-]{0,23}(?![A-Za-z0-9_-])/g;

/**
 * The lower-cased words of a message that could be nicks, each once. Delivery looks them
 * up in the map of online users, so a message is scanned once however many read it.
 */
export function nickWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of (actionOf(text) ?? text).matchAll(NICK_WORD)) words.add(match[0].toLowerCase());
  return words;
}

/** Whether a message's text mentions `nick` (case-insensitive, as a whole word). */
export function mentions(text: string, nick: string): boolean {
  return nickWords(text).has(nick.toLowerCase());
}
