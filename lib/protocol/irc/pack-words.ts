import { serializeIrcMessage, type IrcMessage } from './irc-message.js';
import { IRC_MESSAGE_BODY_BYTES } from './limits.js';

/**
 * Many replies are a list cut into as many lines as it takes (CAP LS, 005 ISUPPORT, 353
 * NAMES, 319 WHOIS channels, 303 ISON). This is the cutting, kept apart from what is listed.
 */

/** Bytes a message's message part takes on the wire: tags (their own budget) and CRLF not counted. */
export function messageBytes(message: IrcMessage): number {
  return Buffer.byteLength(serializeIrcMessage({ ...message, tags: undefined }), 'utf8');
}

/**
 * Bytes left for the last parameter of `message` (whose last parameter is written as a
 * trailing ':' one) before the line would pass 512 bytes with its CRLF.
 */
export function roomForLastParam(message: IrcMessage): number {
  return IRC_MESSAGE_BODY_BYTES - messageBytes(message);
}

/**
 * Cuts words into groups, in order, each fitting `maxBytes` once joined by single spaces
 * and holding at most `maxWords`. Throws a RangeError for a word longer than `maxBytes`
 * on its own: no line could carry it. No words gives no groups.
 */
export function packWords(words: readonly string[], maxBytes: number, maxWords = Infinity): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let used = 0;
  for (const word of words) {
    const size = Buffer.byteLength(word, 'utf8');
    if (size > maxBytes) throw new RangeError(`${JSON.stringify(word)} takes ${size} bytes; a line has room for ${maxBytes}`);
    const cost = group.length === 0 ? size : used + 1 + size;
    if (group.length > 0 && (cost > maxBytes || group.length >= maxWords)) {
      groups.push(group);
      group = [word];
      used = size;
    } else {
      group.push(word);
      used = cost;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
