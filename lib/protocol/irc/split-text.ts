import type { IrcMessage } from './irc-message.js';
import { IRC_MESSAGE_BODY_BYTES } from './limits.js';

/**
 * Cutting text to fit IRC lines. A chat-line message may be far longer than the 512 bytes
 * an IRC line holds once `:nick!user@host PRIVMSG #room :` is in front of it; IRC clients
 * get it as several PRIVMSGs, cut between words where there is a space to cut at, never
 * inside a character (UTF-8 sequence or surrogate pair) and, where it can be helped, not
 * inside a grapheme (an emoji with its skin tone, a letter with its accents).
 */

/** Made on the first long message: building one loads ~2.5 MB of ICU data a server that never cuts a line does not need. */
let graphemes: Intl.Segmenter | undefined;

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Index into `text` (from `start`) of the end of the longest run that fits `maxBytes` of
 * UTF-8, at a character boundary: never between the halves of a surrogate pair.
 */
function fitEnd(text: string, start: number, maxBytes: number): number {
  let bytes = 0;
  let i = start;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let size = 3; // the rest of the BMP, and a lone surrogate (sent as U+FFFD)
    let units = 1;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    }
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += units;
  }
  return i;
}

/** The longest start of `text` within `maxBytes` of UTF-8, cut between characters. */
export function cutToBytes(text: string, maxBytes: number): string {
  return text.slice(0, fitEnd(text, 0, maxBytes));
}

/** The last grapheme boundary in text[start, end) after `start`, or `end` if there is none. */
function lastGraphemeBoundary(text: string, start: number, end: number): number {
  let boundary = start;
  // Segmenting one character past the cut shows whether the cut splits a grapheme.
  for (const { index } of (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text.slice(start, Math.min(text.length, end + 8)))) {
    if (start + index > end) break;
    boundary = start + index;
  }
  return boundary > start ? boundary : end;
}

/**
 * Cuts `text` into pieces of at most `maxBytes` of UTF-8 each (maxBytes >= 4, so any
 * character fits). A cut goes at the last space that fits, and that run of spaces is
 * dropped; a word longer than a whole piece is cut at the last grapheme boundary that
 * fits, or the last character boundary if one grapheme is larger than a piece. Text that
 * fits comes back whole, '' as [''].
 */
export function splitText(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError(`a piece needs room for one character (4 bytes), got ${maxBytes}`);
  // Most messages are short: at most 3 bytes per UTF-16 unit, no need to count.
  if (text.length * 3 <= maxBytes) return [text];
  const pieces: string[] = [];
  let start = 0;
  for (;;) {
    const end = fitEnd(text, start, maxBytes);
    if (end === text.length) {
      // Spaces skipped at a cut may have been all that was left; a text of spaces alone still makes one line.
      if (start < text.length) pieces.push(text.slice(start));
      else if (pieces.length === 0) pieces.push(text.slice(0, fitEnd(text, 0, maxBytes)));
      return pieces;
    }
    let cut: number;
    let next: number;
    const space = text.lastIndexOf(' ', end);
    if (space > start) {
      // Cut before the run of spaces that holds `space`, go on after it.
      cut = space;
      while (cut > start && text.charCodeAt(cut - 1) === 0x20) cut--;
      next = space;
      while (next < text.length && text.charCodeAt(next) === 0x20) next++;
      if (cut === start) {
        // Only spaces before this point: nothing worth a line of its own.
        start = next;
        continue;
      }
    } else {
      cut = lastGraphemeBoundary(text, start, end);
      next = cut;
    }
    pieces.push(text.slice(start, cut));
    start = next;
    if (start >= text.length) return pieces;
  }
}

/**
 * Bytes left for the text of `command` from `source` to `target` (`:alice!alice@chat.local
 * PRIVMSG #general :`). Tags are not counted: they have their own budget.
 */
export function textRoom(source: string, command: string, target: string): number {
  // What serializing `:source command target :` and measuring it would give, without the
  // serializing: this runs once for every message delivered to IRC clients.
  return IRC_MESSAGE_BODY_BYTES - Buffer.byteLength(`:${source} ${command} ${target} :`, 'utf8');
}

/** `text` as the PRIVMSG (or NOTICE) lines it takes, each within 512 bytes. */
export function splitIrcText(source: string, command: 'PRIVMSG' | 'NOTICE', target: string, text: string): IrcMessage[] {
  return splitText(text, textRoom(source, command, target)).map((piece) => ({ source, command, params: [target, piece] }));
}
