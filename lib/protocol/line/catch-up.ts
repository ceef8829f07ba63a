import { mentionsViewer, visibleTo, type CatchUp, type Viewer } from '../../chat/catch-up.js';
import { shownIdsOf, type OpaqueIds } from '../../chat/text/message-ids.js';
import type { MessageRecord } from '../../store/records.js';
import { plural } from '../../util/text-layout.js';
import { formatSpan } from '../../util/date-text.js';
import { formatWhen } from '../../util/time-text.js';
import { COLOUR_PAINT, highlightLine } from './colour.js';
import { NO_PAINT, formatMessage, infoLine, type LinePaint } from './format.js';

/** A stored message as `viewer` sees it: in their colours (`colours`), highlighted if it mentions them (no bell: it is not news). */
function viewLine(message: MessageRecord, ids: OpaqueIds, now: number, viewer: Viewer | undefined, colours: LinePaint = COLOUR_PAINT): string {
  const line = formatMessage(message, shownIdsOf(message, ids), now, viewer?.colour === true ? colours : NO_PAINT);
  return viewer && mentionsViewer(message, viewer) ? highlightLine(line, viewer.colour) : line;
}

/** Stored messages as `viewer` sees them: without what they ignore, in their colours, mentions highlighted. */
export function viewerLines(messages: readonly MessageRecord[], ids: OpaqueIds, now: number, viewer: Viewer | undefined, colours?: LinePaint): string[] {
  return visibleTo(messages, viewer).map((m) => viewLine(m, ids, now, viewer, colours));
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
 * oldest first, with how many mention them; then where they stand with the rules.
 */
export function catchUpLines(catchUp: CatchUp, ids: OpaqueIds, now: number, viewer: Viewer): string[] {
  const lines = [...motdLines(catchUp.motd), ...historyLines(catchUp.history.room, catchUp.history.messages, ids, now, viewer)];
  const { unread, unreadTotal: total } = catchUp;
  const moreThan = catchUp.unreadTotalIsLowerBound ? 'more than ' : '';
  if (unread.length === 0) {
    lines.push(infoLine('no unread messages'));
  } else {
    const mentionText = catchUp.mentions > 0 ? `, ${catchUp.mentions} ${catchUp.mentions === 1 ? 'mentions' : 'mention'} you` : '';
    lines.push(infoLine(`unread since your last visit: ${moreThan}${plural(total, 'message')} in ${plural(catchUp.conversations, 'conversation')}${mentionText}:`));
    if (total > unread.length) lines.push(infoLine(`(${moreThan}${total - unread.length} older unread not shown; /history in a room shows more)`));
    lines.push(...unread.map((m) => viewLine(m, ids, now, viewer)), infoLine('end of unread'));
  }
  const { expired } = catchUp;
  if (expired.count > 0) lines.push(infoLine(`${plural(expired.count, 'unread message')} expired before you came back (messages are kept ${formatSpan(expired.ttlMs)})`));
  return [...lines, ...standingLines(catchUp, now)];
}

/** Where the user stands with the rules: a ban in force, or reports filed while away. */
function standingLines(catchUp: CatchUp, now: number): string[] {
  if (catchUp.ban) return [infoLine(`you are banned from sending until ${formatWhen(catchUp.ban.until, now)}; you can still read`)];
  if (catchUp.reports === 0) return [];
  return [infoLine(`${plural(catchUp.reports, 'user has', 'users have')} reported you; at ${catchUp.banThreshold} you are banned from sending for a while`)];
}
