import { format, formatDistanceStrict, isSameDay } from 'date-fns';
import type { MessageRecord } from '../store/records.js';
import { INFO_PREFIX } from './wire.js';

/** Message ids are shown in base 36: short to type (`/thread 3f`), unique, ordered. */
export function shortId(id: number): string {
  return id.toString(36);
}

export function parseShortId(text: string): number | undefined {
  const clean = text.replace(/^\[|\]$/g, '').toLowerCase();
  if (!/^[0-9a-z]{1,10}$/.test(clean)) return undefined;
  const id = parseInt(clean, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** `14:05` for today; `Nov 22 14:05` for older lines, so history stays readable. */
export function formatTime(at: number, now?: number): string {
  if (now !== undefined && !isSameDay(at, now)) return format(at, 'MMM d HH:mm');
  return format(at, 'HH:mm');
}

/**
 * The one line a message is shown as:
 *   [14:05] #general [3f] <alice> hello
 *   [14:05] (private) [3g] <alice -> bob> hi
 *   [14:06] #general [3h] <bob> (re [3f] alice: "hello") hi!
 * Formatted once per message and written to every recipient as is.
 */
export function formatMessage(message: MessageRecord, now?: number): string {
  const time = formatTime(message.createdAt, now);
  const id = shortId(message.id);
  const reply = message.parentId === null ? '' : `(re [${shortId(message.parentId)}] ${message.quote ?? ''}) `;
  if (message.kind === 'private') {
    return `[${time}] (private) [${id}] <${message.from} -> ${message.to ?? '?'}> ${reply}${message.text}`;
  }
  return `[${time}] #${message.room ?? '?'} [${id}] <${message.from}> ${reply}${message.text}`;
}

/** `14:05 (in 3 hours)`, or `Nov 24 09:00 (in 1 day)` when not today: when a ban ends, a schedule fires. */
export function formatWhen(at: number, now: number): string {
  return `${formatTime(at, now)} (${formatDistanceStrict(at, now, { addSuffix: true })})`;
}

export function infoLine(text: string): string {
  return INFO_PREFIX + text;
}

/** Aligns rows of cells into columns for list output (`/who`, `/get_chats`). */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '));
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
