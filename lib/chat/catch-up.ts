import type { BanRecord, MessageRecord } from '../store/records.js';
import type { ChatCore } from './chat-core.js';
import type { CatchUpCutoff } from './hub/delivery-order.js';
import { mentions } from './text/mentions.js';
import { DEFAULT_ROOM } from './text/names.js';
import type { OnlineUser } from './hub/online-user.js';

/** Who reads stored messages: whose they leave out (`/ignore`), and who they are (mentions). */
export type Reader = Pick<OnlineUser, 'nick' | 'ignores'>;

/** A reader at one session, which shows colour or not. */
export interface Viewer extends Reader {
  colour: boolean;
}

/** Room messages that name the viewer; private ones are theirs anyway. */
export function mentionsViewer(message: MessageRecord, viewer: Reader): boolean {
  return message.kind === 'room' && message.from.toLowerCase() !== viewer.nick.toLowerCase() && mentions(message.text, viewer.nick);
}

/** Leaves out what `viewer` ignores. */
export function visibleTo(messages: readonly MessageRecord[], viewer: Reader | undefined): readonly MessageRecord[] {
  if (!viewer || viewer.ignores.size === 0) return messages;
  return messages.filter((m) => !viewer.ignores.has(m.from.toLowerCase()));
}

/** What a user is shown right after logging in, for a front end to put in its words. */
export interface CatchUp {
  motd: string | null;
  /** The last messages of #general they had already seen. */
  history: { room: string; messages: readonly MessageRecord[] };
  /** Everything unread since their last session, oldest first, without what they ignore. */
  unread: readonly MessageRecord[];
  /** Unread messages in all, shown or not (older ones past the limit are only counted). */
  unreadTotal: number;
  /** There are more than unreadTotal: the store stopped counting (UnreadPage.totalIsLowerBound). */
  unreadTotalIsLowerBound: boolean;
  /** Rooms (and private conversations, as one) the unread messages are in. */
  conversations: number;
  /**
   * Unread messages that expired before they came back (`--message-ttl`, `ttlMs`): deleted
   * since their last catch-up, or past their lifetime and not deleted yet.
   */
  expired: { count: number; ttlMs: number };
  /** Unread messages that mention them. */
  mentions: number;
  /** Where they stand with the rules: a ban in force, or reports filed while they were away. */
  ban: BanRecord | undefined;
  reports: number;
  banThreshold: number;
}

export interface CatchUpLimits {
  /** Messages of #general shown. */
  history: number;
  /** Most unread messages shown; older ones are counted. */
  unread: number;
  banThreshold: number;
}

/**
 * The catch-up of a user who just attached with read cursor `readCursor`. `cutoff` says
 * which messages had been delivered here when live delivery took over; the others arrive
 * live and are not repeated. Private messages shown start their lifetime now.
 */
export async function catchUp(chat: ChatCore, user: OnlineUser, readCursor: number, cutoff: CatchUpCutoff, limits: CatchUpLimits): Promise<CatchUp> {
  const { hub, messages } = chat;
  const seenUpTo = Math.min(readCursor, cutoff.newest);
  const history = visibleTo(await messages.history(DEFAULT_ROOM, limits.history, seenUpTo + 1), user);
  const page = await chat.unreadFor(user.nick, readCursor, limits.unread);
  const here = page.messages.filter((m) => cutoff.includes(m.id));
  const unread = here.filter((m) => !messages.isExpired(m));
  // Taken (and so told) once; what is past its lifetime but not swept yet is counted here,
  // and the read cursor moves past it with this login, so no sweep counts it again.
  const expired = (await chat.takeExpiredUnread(user.nick)) + (here.length - unread.length);
  hub.readState.noteDelivered(user.nick, unread);
  const shown = visibleTo(unread, user);
  const ban = chat.reports.activeBan(user.nick);
  return {
    motd: hub.motd,
    history: { room: DEFAULT_ROOM, messages: history },
    unread: shown,
    unreadTotal: page.total - (here.length - shown.length),
    unreadTotalIsLowerBound: page.totalIsLowerBound,
    expired: { count: expired, ttlMs: chat.expiry.ttlMs },
    conversations: new Set(shown.map((m) => (m.kind === 'private' ? 'private' : m.room))).size,
    mentions: shown.filter((m) => mentionsViewer(m, user)).length,
    ban,
    reports: ban ? 0 : (await chat.reports.reportsAgainst(user.nick)).length,
    banThreshold: limits.banThreshold,
  };
}
