import type { MessageRecord } from '../../store/records.js';
import { actionOf } from '../../chat/text/action.js';
import type { ShownMessageIds } from '../../chat/text/message-ids.js';
import { formatTime } from '../../util/time-text.js';
import { INFO_PREFIX } from './wire.js';

/** How the parts of a message line are dressed: as they are, or in colour (colour.ts). */
export interface LinePaint {
  time(text: string): string;
  id(text: string): string;
  nick(nick: string): string;
  /** What the server adds: `(edited)`. */
  mark(text: string): string;
  /** What the author wrote (search results highlight the words searched for). */
  text(text: string): string;
}

const asIs = (text: string): string => text;
export const NO_PAINT: LinePaint = { time: asIs, id: asIs, nick: asIs, mark: asIs, text: asIs };

/**
 * The one line a message is shown as:
 *   [14:05] #general [hxdbrws] <alice> hello
 *   [14:05] #general [0m4tz8e] * alice waves          (/me)
 *   [14:05] (private) [wq61hs2] <alice -> bob> hi
 *   [14:06] #general [q7m2vd1] <bob> (re [hxdbrws] alice: "hello") hi!
 *   [14:07] #general [hxdbrws] <alice> (edited) hello all     (/edit)
 *   [14:08] #general [q7m2vd1] <bob> (re [hxdbrws] deleted message) hi!
 * Formatted once per message (and per paint) and written to every recipient as is.
 */
export function formatMessage(message: MessageRecord, shown: ShownMessageIds, now?: number, paint: LinePaint = NO_PAINT): string {
  const time = paint.time(formatTime(message.createdAt, now));
  const id = paint.id(shown.id);
  const edited = message.editedAt === null ? '' : `${paint.mark('(edited)')} `;
  const reply = shown.parent === null ? '' : `(re [${paint.id(shown.parent)}] ${message.quote ?? paint.mark('deleted message')}) `;
  const after = edited + reply;
  if (message.kind === 'private') {
    return `[${time}] (private) [${id}] <${paint.nick(message.from)} -> ${paint.nick(message.to ?? '?')}> ${after}${paint.text(message.text)}`;
  }
  const action = actionOf(message.text);
  if (action !== undefined) return `[${time}] #${message.room ?? '?'} [${id}] * ${paint.nick(message.from)} ${after}${paint.text(action)}`;
  return `[${time}] #${message.room ?? '?'} [${id}] <${paint.nick(message.from)}> ${after}${paint.text(message.text)}`;
}

export function infoLine(text: string): string {
  return INFO_PREFIX + text;
}
