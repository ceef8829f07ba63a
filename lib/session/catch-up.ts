import type { ServerConfig } from '../config.js';
import type { ChatHub } from '../hub/chat-hub.js';
import type { CatchUpCutoff } from '../hub/delivery-order.js';
import type { ChatRules } from '../rules/chat-rules.js';
import { formatMessage, formatWhen, infoLine, plural } from '../protocol/format.js';
import { DEFAULT_ROOM } from '../protocol/names.js';
import type { MessageRecord } from '../store/records.js';

/** `-- last 3 messages of #dev:` … `-- end of history`, shared by login, /chats and /history. */
export function historyLines(room: string, messages: readonly MessageRecord[], now: number): string[] {
  if (messages.length === 0) return [infoLine(`no messages in #${room} yet`)];
  return [
    infoLine(`history: last ${plural(messages.length, 'message')} of #${room}:`),
    ...messages.map((m) => formatMessage(m, now)),
    infoLine('end of history'),
  ];
}

/**
 * What a user sees right after logging in: the last messages of `general` they had
 * already seen, then everything unread since their last session, oldest first.
 * `cutoff` says which messages had been delivered when live delivery took over; the
 * others arrive live and are not repeated here.
 */
export async function catchUpLines(
  hub: ChatHub,
  config: ServerConfig,
  nick: string,
  readCursor: number,
  cutoff: CatchUpCutoff,
): Promise<string[]> {
  const now = hub.clock.now();
  const seenUpTo = Math.min(readCursor, cutoff.newest);
  const history = await hub.history(DEFAULT_ROOM, config.historySize, seenUpTo + 1);
  const lines = historyLines(DEFAULT_ROOM, history, now);
  const page = await hub.store.unreadFor(nick, readCursor, config.catchUpLimit);
  const unread = page.messages.filter((m) => cutoff.includes(m.id) && !hub.isExpired(m, now));
  hub.noteDelivered(nick, unread);
  if (unread.length === 0) {
    lines.push(infoLine('no unread messages'));
    return lines;
  }
  const places = new Set(unread.map((m) => (m.kind === 'private' ? 'private' : m.room)));
  lines.push(infoLine(`unread since your last visit: ${plural(page.total, 'message')} in ${plural(places.size, 'conversation')}:`));
  if (page.total > unread.length) {
    lines.push(infoLine(`(${page.total - unread.length} older unread not shown; /history in a room shows more)`));
  }
  lines.push(...unread.map((m) => formatMessage(m, now)), infoLine('end of unread'));
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
