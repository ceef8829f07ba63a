import type { ChatStore } from '../store/chat-store.js';
import type { Conversation } from '../store/message-store.js';
import type { MessageRecord } from '../store/records.js';
import type { Logger } from '../util/logger.js';
import type { ChatHub } from './hub/chat-hub.js';
import type { Messages } from './messages.js';
import { refuse } from './refusals.js';
import { SYSTEM_SENDER } from './text/names.js';

/** Which page: the newest messages (below `before` if given), or the oldest above `after`. */
export type PageBound = { readonly before?: number } | { readonly after: number };

/** Whose history a user reads: a room's, or their private conversation with another user. */
export type HistoryOf = { readonly room: string } | { readonly with: string };

/** A page of history, oldest first, and whose it is (the other user's nick as registered). */
export interface HistoryPage {
  readonly of: HistoryOf;
  readonly messages: readonly MessageRecord[];
}

/**
 * History page by page (`/history`): of a room the user is in, or of their private
 * conversation with someone, the newest messages or those before, after or around one.
 * A room the user cannot see answers as a missing one; expired messages are left out.
 */
export class History {
  constructor(
    private readonly hub: ChatHub,
    private readonly store: ChatStore,
    private readonly messages: Messages,
    private readonly logger: Logger,
  ) {}

  /** At most `limit` messages of `of`: the newest (below `bound.before`), or the oldest above `bound.after`. */
  async page(nick: string, of: HistoryOf, limit: number, bound: PageBound): Promise<HistoryPage> {
    const { shown, conversation } = await this.conversation(nick, of);
    this.logger.debug('history.page', { nick, ...bound, limit });
    return { of: shown, messages: await this.read(conversation, limit, bound) };
  }

  /**
   * About `limit` messages around message `id`, it included: the older half up to it and
   * the newer half after it. Its conversation unless `of` is given, which must be its own;
   * a message the user cannot see is NO_SUCH_MESSAGE.
   */
  async around(nick: string, id: number, limit: number, of?: HistoryOf): Promise<HistoryPage> {
    const message = await this.messages.visible(nick, id);
    const own = this.ofMessage(nick, message);
    if (of !== undefined && !sameConversation(of, own)) throw refuse.noSuchMessage(this.hub.ids.messages.encode(id));
    const { shown, conversation } = await this.conversation(nick, own);
    const older = await this.read(conversation, Math.ceil(limit / 2), { before: id + 1 });
    const newer = await this.read(conversation, limit - older.length, { after: id });
    return { of: shown, messages: [...older, ...newer] };
  }

  /** Whose history a message is part of, as `nick` sees it. */
  private ofMessage(nick: string, message: MessageRecord): HistoryOf {
    if (message.room !== null) return { room: message.room };
    const other = message.from.toLowerCase() === nick.toLowerCase() ? message.to : message.from;
    return { with: other ?? nick };
  }

  private async conversation(nick: string, of: HistoryOf): Promise<{ shown: HistoryOf; conversation: Conversation }> {
    if ('room' in of) {
      requireMember(this.hub, of.room, nick);
      return { shown: of, conversation: { room: of.room } };
    }
    // The server's own notices are a conversation too, though no user has its name.
    const other = of.with === SYSTEM_SENDER ? of.with : (await this.store.getUser(of.with))?.nick;
    if (other === undefined) throw refuse.noSuchUser(of.with);
    return { shown: { with: other }, conversation: { between: [nick, other] } };
  }

  private async read(conversation: Conversation, limit: number, bound: PageBound): Promise<MessageRecord[]> {
    if (limit <= 0) return [];
    const page = 'after' in bound
      ? this.store.conversation(conversation, bound.after, undefined, limit, 'oldest')
      : this.store.conversation(conversation, 0, bound.before, limit, 'newest');
    return (await page).filter((m) => !this.messages.isExpired(m));
  }
}

/** Refuses a room `nick` is not in: NOT_A_MEMBER if it is public, NO_SUCH_ROOM (as for a missing one) if not. */
export function requireMember(hub: ChatHub, room: string, nick: string): void {
  if (hub.rooms.isMember(room, nick)) return;
  if (hub.rooms.get(room)?.record.visibility === 'public') throw refuse.notAMember(room, true);
  throw refuse.noSuchRoom(room);
}

function sameConversation(a: HistoryOf, b: HistoryOf): boolean {
  if ('room' in a) return 'room' in b && a.room === b.room;
  return 'with' in b && a.with.toLowerCase() === b.with.toLowerCase();
}
