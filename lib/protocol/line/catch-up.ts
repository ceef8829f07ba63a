import type { ServerConfig } from '../../config.js';
import type { ChatHub } from '../../chat/chat-hub.js';
import type { CatchUpCutoff } from '../../chat/delivery-order.js';
import type { OnlineUser } from '../../chat/session-port.js';
import type { ChatRules } from '../../chat/chat-rules.js';
import { COLOUR_PAINT, highlightLine } from './colour.js';
import { NO_PAINT, formatMessage, infoLine } from './format.js';
import { shownIdsOf } from '../../chat/message-ids.js';
import { formatWhen } from '../../util/time-text.js';
import { plural } from '../../util/text-layout.js';
import type { OpaqueIds } from '../../chat/message-ids.js';
import { mentions } from '../../chat/mentions.js';
import { DEFAULT_ROOM } from '../../chat/names.js';
import type { MessageRecord } from '../../store/records.js';

/** Whom stored messages are shown to: whose they leave out (`/ignore`), and whether in colour. */
export type Viewer = Pick<OnlineUser, 'nick' | 'ignores' | 'color'>;

/** Room messages that name the viewer; private ones are theirs anyway. */
function mentionsViewer(message: MessageRecord, viewer: Viewer): boolean {
  return message.kind === 'room' && message.from.toLowerCase() !== viewer.nick.toLowerCase() && mentions(message.text, viewer.nick);
}

/** A stored message as `viewer` sees it: in their colours, highlighted if it mentions them (no bell: it is not news). */
function viewLine(message: MessageRecord, ids: OpaqueIds, now: number, viewer: Viewer | undefined): string {
  const line = formatMessage(message, shownIdsOf(message, ids), now, viewer?.color ? COLOUR_PAINT : NO_PAINT);
  return viewer && mentionsViewer(message, viewer) ? highlightLine(line, viewer.color) : line;
}

/** Leaves out what `viewer` ignores. */
function visibleTo(messages: readonly MessageRecord[], viewer: Viewer | undefined): readonly MessageRecord[] {
  if (!viewer || viewer.ignores.size === 0) return messages;
  return messages.filter((m) => !viewer.ignores.has(m.from.toLowerCase()));
}

/** Stored messages as `viewer` sees them: without what they ignore, in their colours, mentions highlighted. */
export function viewerLines(messages: readonly MessageRecord[], ids: OpaqueIds, now: number, viewer: Viewer | undefined): string[] {
  return visibleTo(messages, viewer).map((m) => viewLine(m, ids, now, viewer));
}

/** `-- motd: ...`, one line per line of the message of the day. */
export function motdLines(motd: string | null): string[] {
  return motd === null ? [] : motd.split('\n').map((line) => infoLine(`motd: ${line}`));
}

/** `-- last 3 messages of #dev:` … `-- end of history`, shared by login, /chats and /history. */
export function historyLines(room: string, messages: readonly MessageRecord[], ids: OpaqueIds, now: number, viewer?: Viewer): string[] {
  const shown = viewerLines(messages, ids, now, viewer);
  if (shown.length === 0) return [infoLine(`no messages in #${room} yet`)];
  return [infoLine(`history: last ${plural(shown.length, 'message')} of #${room}:`), ...shown, infoLine('end of history')];
}

/** `-- thread of [id], 2 comments:`, the message and its comments, `-- end of thread`. */
export function threadLines(root: MessageRecord, comments: readonly MessageRecord[], ids: OpaqueIds, now: number, viewer?: Viewer): string[] {
  return [
    infoLine(`thread of [${ids.encode(root.id)}], ${plural(comments.length, 'comment')}:`),
    ...viewerLines([root, ...comments], ids, now, viewer),
    infoLine('end of thread'),
  ];
}

/**
 * What a user sees right after logging in: the message of the day, the last messages of
 * `general` they had already seen, then everything unread since their last session,
 * oldest first, with how many mention them. `cutoff` says which messages had been
 * delivered when live delivery took over; the others arrive live and are not repeated here.
 */
export async function catchUpLines(
  hub: ChatHub,
  config: ServerConfig,
  nick: string,
  readCursor: number,
  cutoff: CatchUpCutoff,
): Promise<string[]> {
  const now = hub.clock.now();
  const viewer = hub.onlineUser(nick);
  const seenUpTo = Math.min(readCursor, cutoff.newest);
  const history = await hub.history(DEFAULT_ROOM, config.historySize, seenUpTo + 1);
  const lines = [...motdLines(hub.motd), ...historyLines(DEFAULT_ROOM, history, hub.ids.messages, now, viewer)];
  const page = await hub.store.unreadFor(nick, readCursor, config.catchUpLimit);
  const unread = page.messages.filter((m) => cutoff.includes(m.id) && !hub.isExpired(m, now));
  hub.noteDelivered(nick, unread);
  const shown = visibleTo(unread, viewer);
  if (shown.length === 0) {
    lines.push(infoLine('no unread messages'));
    return lines;
  }
  const total = page.total - (unread.length - shown.length);
  const places = new Set(shown.map((m) => (m.kind === 'private' ? 'private' : m.room)));
  const mentioning = viewer ? shown.filter((m) => mentionsViewer(m, viewer)).length : 0;
  const mentionText = mentioning > 0 ? `, ${mentioning} ${mentioning === 1 ? 'mentions' : 'mention'} you` : '';
  lines.push(infoLine(`unread since your last visit: ${plural(total, 'message')} in ${plural(places.size, 'conversation')}${mentionText}:`));
  if (total > shown.length) {
    lines.push(infoLine(`(${total - shown.length} older unread not shown; /history in a room shows more)`));
  }
  lines.push(...shown.map((m) => viewLine(m, hub.ids.messages, now, viewer)), infoLine('end of unread'));
  return lines;
}

/** Where the user stands with the rules: a ban in force, or reports filed while away. */
export async function standingLines(rules: ChatRules, config: ServerConfig, nick: string, now: number): Promise<string[]> {
  const ban = rules.reports.activeBan(nick);
  if (ban) return [infoLine(`you are banned from sending until ${formatWhen(ban.until, now)}; you can still read`)];
  const reports = (await rules.reports.reportsAgainst(nick)).length;
  if (reports === 0) return [];
  return [infoLine(`${plural(reports, 'user has', 'users have')} reported you; at ${config.banThreshold} you are banned from sending for a while`)];
}
