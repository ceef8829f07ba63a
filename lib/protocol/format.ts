import { format, formatDistanceStrict, isSameDay } from 'date-fns';
import type { MessageRecord } from '../store/records.js';
import { actionOf } from './action.js';
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
  return clockTime(at);
}

/**
 * `HH:mm`, remembering the last minute asked for: messages come in bursts within one
 * minute, each is formatted once per variant (plain, colour), and date-fns' format costs
 * microseconds. Time zone offsets are whole minutes, so the minute decides the text.
 */
let lastMinute = NaN;
let lastClockTime = '';
function clockTime(at: number): string {
  const minute = Math.floor(at / 60_000);
  if (minute !== lastMinute) {
    lastClockTime = format(at, 'HH:mm');
    lastMinute = minute;
  }
  return lastClockTime;
}

/** How the parts of a message line are dressed: as they are, or in colour (lib/protocol/colour.ts). */
export interface LinePaint {
  time(text: string): string;
  id(text: string): string;
  nick(nick: string): string;
}

const asIs = (text: string): string => text;
export const NO_PAINT: LinePaint = { time: asIs, id: asIs, nick: asIs };

/**
 * The one line a message is shown as:
 *   [14:05] #general [3f] <alice> hello
 *   [14:05] #general [3g] * alice waves          (/me)
 *   [14:05] (private) [3h] <alice -> bob> hi
 *   [14:06] #general [3i] <bob> (re [3f] alice: "hello") hi!
 * Formatted once per message (and per paint) and written to every recipient as is.
 */
export function formatMessage(message: MessageRecord, now?: number, paint: LinePaint = NO_PAINT): string {
  const time = paint.time(formatTime(message.createdAt, now));
  const id = paint.id(shortId(message.id));
  const reply = message.parentId === null ? '' : `(re [${paint.id(shortId(message.parentId))}] ${message.quote ?? ''}) `;
  if (message.kind === 'private') {
    return `[${time}] (private) [${id}] <${paint.nick(message.from)} -> ${paint.nick(message.to ?? '?')}> ${reply}${message.text}`;
  }
  const action = actionOf(message.text);
  if (action !== undefined) return `[${time}] #${message.room ?? '?'} [${id}] * ${paint.nick(message.from)} ${reply}${action}`;
  return `[${time}] #${message.room ?? '?'} [${id}] <${paint.nick(message.from)}> ${reply}${message.text}`;
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
