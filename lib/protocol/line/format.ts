import { format, formatDistanceStrict, isSameDay } from 'date-fns';
import type { MessageRecord } from '../../store/records.js';
import { actionOf } from '../../chat/action.js';
import type { OpaqueIds } from '../../chat/message-ids.js';
import { INFO_PREFIX } from './wire.js';

/** A message's id and the id it replies to, as users see them (lib/chat/message-ids.ts). */
export interface ShownMessageIds {
  id: string;
  parent: string | null;
}

/** Worked out once per message, however many lines and readers it has: each id costs a few HMACs. */
export function shownIdsOf(message: MessageRecord, ids: OpaqueIds): ShownMessageIds {
  return { id: ids.encode(message.id), parent: message.parentId === null ? null : ids.encode(message.parentId) };
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

/** How the parts of a message line are dressed: as they are, or in colour (colour.ts). */
export interface LinePaint {
  time(text: string): string;
  id(text: string): string;
  nick(nick: string): string;
}

const asIs = (text: string): string => text;
export const NO_PAINT: LinePaint = { time: asIs, id: asIs, nick: asIs };

/**
 * The one line a message is shown as:
 *   [14:05] #general [hxdbrws] <alice> hello
 *   [14:05] #general [0m4tz8e] * alice waves          (/me)
 *   [14:05] (private) [wq61hs2] <alice -> bob> hi
 *   [14:06] #general [q7m2vd1] <bob> (re [hxdbrws] alice: "hello") hi!
 * Formatted once per message (and per paint) and written to every recipient as is.
 */
export function formatMessage(message: MessageRecord, shown: ShownMessageIds, now?: number, paint: LinePaint = NO_PAINT): string {
  const time = paint.time(formatTime(message.createdAt, now));
  const id = paint.id(shown.id);
  const reply = shown.parent === null ? '' : `(re [${paint.id(shown.parent)}] ${message.quote ?? ''}) `;
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
