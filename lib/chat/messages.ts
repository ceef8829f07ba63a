import type { ChatStore } from '../store/chat-store.js';
import type { Conversation, PageFrom } from '../store/message-store.js';
import type { MessageRecord, NewMessage } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { ACTION_MARK, actionOf } from './text/action.js';
import type { ChatHub } from './hub/chat-hub.js';
import { ChatError } from './errors.js';
import type { MessageLifetime } from './lifetime.js';
import { MessageWriter } from './message-writer.js';
import type { SendAttempt, SendGate } from './moderation/send-gate.js';
import { SYSTEM_SENDER } from './text/names.js';
import type { Profiles } from './profiles.js';
import { sanitizeText } from './text/sanitize.js';
import { refuse, refusalOf } from './refusals.js';
import { formatSpan } from '../util/date-text.js';

const EXCERPT_LENGTH = 30;

/** The start of a message, for quoting it in a comment. */
function excerpt(text: string): string {
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 3)}...`;
}

function sameNick(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** How comments quote the message they comment on: `alice: "start of it..."`. */
function quoteOf(root: Pick<MessageRecord, 'from' | 'text'>): string {
  return `${root.from}: "${excerpt(root.text)}"`;
}

/** What users typed, made safe for other people's terminals; nothing left is an error. */
export function cleanText(text: string): string {
  const clean = sanitizeText(text);
  if (clean.trim() === '') throw refuse.emptyMessage();
  return clean;
}

/** A message that passed the gates and has its place in the order, on its way to storage. */
export interface QueuedMessage {
  readonly message: NewMessage;
  /** Resolves once it is stored (and so delivered); rejects with STORAGE_FAILED. */
  readonly stored: Promise<MessageRecord>;
}

/** What the writer reports for metrics, kept narrow so the core knows nothing of Prometheus. */
export interface WriterInstruments {
  /** Runs one batch write of the message writer, timing it. */
  timeAppend<T>(write: () => Promise<T>): Promise<T>;
  stored(records: readonly MessageRecord[]): void;
}

export interface MessagesOptions {
  hub: ChatHub;
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  lifetime: MessageLifetime;
  profiles: Profiles;
  instruments?: WriterInstruments;
  /**
   * Called once a stored batch has been handed to the bus. With the local bus its messages
   * have just been queued for their readers: writing them out now, rather than on the next
   * event-loop turn, takes a turn (milliseconds under load) off every message's latency.
   */
  afterCommit?: () => void;
  /** How long after sending its author may edit a message; 0 = not at all. */
  editWindowMs?: number;
  /** Operators may delete any message they can see. */
  isOperator?: (nick: string) => boolean;
}

/**
 * Messages: to rooms, private, comments and threads, server notices, history. Every
 * message goes through `send`: the gates (bans, mutes, the rate limit), then the writer
 * (one transaction per turn), then the bus, and only then to its readers.
 */
export class Messages {
  private readonly writer: MessageWriter;
  private readonly gates: SendGate[] = [];
  private readonly deletedHandlers: ((ids: readonly number[]) => Promise<void>)[] = [];

  constructor(private readonly options: MessagesOptions) {
    const { store, hub, instruments } = options;
    const appender = instruments ? { appendMessages: (batch: readonly NewMessage[]) => instruments.timeAppend(() => store.appendMessages(batch)) } : store;
    this.writer = new MessageWriter(appender, (records) => {
      instruments?.stored(records);
      for (const message of records) hub.publish({ type: 'message', message });
      options.afterCommit?.();
    });
  }

  /** Resolves once every message on its way is stored (before shutting down). */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  /** Runs `handler` with the id of every message deleted with `/delete` (e.g. to remove its file). */
  onDeleted(handler: (ids: readonly number[]) => Promise<void>): void {
    this.deletedHandlers.push(handler);
  }

  /** Adds a rule asked before every send; gates run in the order they were added. */
  useGate(gate: SendGate): void {
    this.gates.push(gate);
  }

  /** A message to a room; an `action` is shown as `* alice waves` (/me). */
  async post(from: string, room: string, text: string, options: { action?: boolean } = {}): Promise<QueuedMessage> {
    if (!this.options.hub.rooms.isMember(room, from)) throw refuse.notAMember(room, this.options.hub.rooms.get(room)?.record.visibility === 'public');
    const clean = options.action ? ACTION_MARK + cleanText(text) : cleanText(text);
    const now = this.options.clock.now();
    return this.send(
      { from, route: 'room', target: room, at: now },
      { kind: 'room', room, from, to: null, text: clean, createdAt: now, parentId: null, quote: null },
    );
  }

  /** To a registered user, online or not, or to a guest (no account) while it is connected. */
  async sendPrivate(from: string, to: string, text: string): Promise<QueuedMessage> {
    const recipient = (await this.options.store.getUser(to))?.nick ?? this.guestNamed(to);
    if (recipient === undefined) throw refuse.noSuchUser(to);
    const clean = cleanText(text);
    const now = this.options.clock.now();
    return this.send(
      { from, route: 'private', target: recipient, at: now },
      { kind: 'private', room: null, from, to: recipient, text: clean, createdAt: now, parentId: null, quote: null },
    );
  }

  /** An online user with no account is a guest (here, or on another server of the cluster). */
  private guestNamed(nick: string): string | undefined {
    const { hub } = this.options;
    return hub.onlineUser(nick)?.nick ?? (hub.others.userElsewhere(nick).sessions > 0 ? nick : undefined);
  }

  /**
   * A comment goes to the audience of the message it comments on: its room, or the two
   * parties of a private conversation. A message the commenter cannot see answers exactly
   * like one that does not exist.
   */
  async comment(from: string, messageId: number, text: string): Promise<QueuedMessage> {
    const target = await this.visible(from, messageId);
    // A comment on a comment joins the same thread; its root has the same audience.
    const root = target.parentId === null ? target : ((await this.options.store.getMessage(target.parentId)) ?? target);
    const clean = cleanText(text);
    const now = this.options.clock.now();
    const quote = quoteOf(root);
    if (root.kind === 'room' && root.room !== null) {
      return this.send(
        { from, route: 'room', target: root.room, at: now },
        { kind: 'room', room: root.room, from, to: null, text: clean, createdAt: now, parentId: root.id, quote },
      );
    }
    const other = root.from.toLowerCase() === from.toLowerCase() ? root.to : root.from;
    if (other === null) throw this.noSuchMessage(messageId);
    return this.send(
      { from, route: 'private', target: other, at: now },
      { kind: 'private', room: null, from, to: other, text: clean, createdAt: now, parentId: root.id, quote },
    );
  }

  /**
   * `/edit`: the author changes the text of their message within the edit window. The
   * rules of sending apply (a banned or muted user cannot, the rate limit counts it); its
   * audience online sees it again, marked as edited. A /me stays an action.
   */
  async edit(nick: string, id: number, text: string): Promise<MessageRecord> {
    const { clock, store, hub, logger } = this.options;
    const message = await this.visible(nick, id);
    const shown = hub.ids.messages.encode(id);
    if (!sameNick(message.from, nick)) throw refuse.notYourMessage(shown, 'edit');
    const now = clock.now();
    const window = this.options.editWindowMs ?? 0;
    if (window <= 0) throw refuse.editWindowPassed(shown, null);
    if (now - message.createdAt > window) throw refuse.editWindowPassed(shown, formatSpan(window));
    const clean = actionOf(message.text) === undefined ? cleanText(text) : ACTION_MARK + cleanText(text);
    const target = message.room ?? message.to ?? nick;
    for (const gate of this.gates) await gate.check({ from: nick, route: message.kind, target, at: now });
    const edited = await store.editMessage(id, clean, now, quoteOf({ from: message.from, text: clean }));
    if (!edited) throw this.noSuchMessage(id);
    logger.info('message.edited', { id, by: nick });
    hub.publish({ type: 'message-edited', message: edited });
    return edited;
  }

  /**
   * `/delete`: its author, an operator, or the owner of the private room it is in removes a
   * message. Its audience online is told; its comments stay.
   */
  async delete(nick: string, id: number): Promise<MessageRecord> {
    const { store, hub, logger } = this.options;
    const message = await this.visible(nick, id);
    const room = message.room === null ? undefined : hub.rooms.get(message.room)?.record;
    const owner = room?.visibility === 'private' && room.owner !== null && sameNick(room.owner, nick);
    if (!sameNick(message.from, nick) && !owner && !(this.options.isOperator?.(nick) ?? false)) {
      throw refuse.notYourMessage(hub.ids.messages.encode(id), 'delete');
    }
    const deleted = await store.deleteMessage(id);
    if (!deleted) throw this.noSuchMessage(id);
    logger.info('message.deleted', { id, by: nick, author: deleted.from });
    for (const handler of this.deletedHandlers) await handler([id]);
    const { kind, from, to } = deleted;
    hub.publish({ type: 'message-deleted', message: { id, kind, room: deleted.room, from, to }, by: nick });
    return deleted;
  }

  /** A message `nick` may read and that has not expired; NO_SUCH_MESSAGE otherwise. */
  async visible(nick: string, id: number): Promise<MessageRecord> {
    const message = await this.options.store.getMessage(id);
    if (!message || !this.canSee(nick, message) || this.isExpired(message)) throw this.noSuchMessage(id);
    return message;
  }

  private noSuchMessage(id: number): ChatError {
    return refuse.noSuchMessage(this.options.hub.ids.messages.encode(id));
  }

  /** The comments on a visible message, oldest first. */
  async thread(nick: string, id: number): Promise<{ root: MessageRecord; comments: MessageRecord[] }> {
    const root = await this.visible(nick, id);
    const comments = (await this.options.store.threadOf(root.id)).filter((m) => this.canSee(nick, m) && !this.isExpired(m));
    return { root, comments };
  }

  /** Whether `nick` may read a message: a member of its room, or a party to the private one. */
  canSee(nick: string, message: MessageRecord): boolean {
    if (message.kind === 'private') {
      const me = nick.toLowerCase();
      return message.from.toLowerCase() === me || message.to?.toLowerCase() === me;
    }
    return message.room !== null && this.options.hub.rooms.isMember(message.room, nick);
  }

  isExpired(message: MessageRecord, now = this.options.clock.now()): boolean {
    return this.options.lifetime.isExpired(message, now);
  }

  /** The newest `limit` messages of a room (below `beforeId` if given), oldest first, without expired ones. */
  async history(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
    if (limit <= 0) return [];
    const now = this.options.clock.now();
    return (await this.options.store.roomHistory(room, limit, beforeId)).filter((m) => !this.isExpired(m, now));
  }

  /**
   * A page of one conversation as `reader` may see it (IRC's CHATHISTORY): a room they are
   * in, or their private messages with someone, from `since` on (when their account, or a
   * guest's connection, began: a nick used before by someone else shows them nothing of
   * theirs); without what expired or what they ignore. See ChatStore.conversation.
   */
  async conversation(
    reader: { nick: string; ignores: ReadonlySet<string>; since: number },
    of: Conversation,
    afterId: number,
    beforeId: number | undefined,
    limit: number,
    from: PageFrom,
  ): Promise<MessageRecord[]> {
    if ('room' in of) {
      const { rooms } = this.options.hub;
      if (!rooms.isMember(of.room, reader.nick)) throw rooms.get(of.room)?.record.visibility === 'public' ? refuse.notAMember(of.room, true) : refuse.noSuchRoom(of.room);
    }
    const now = this.options.clock.now();
    const page = await this.options.store.conversation(of, afterId, beforeId, limit, from);
    return page.filter((m) => !this.isExpired(m, now) && !reader.ignores.has(m.from.toLowerCase()) && (m.kind === 'room' || m.createdAt >= reader.since));
  }

  /**
   * A notice to one user from the server (an invitation, a join request, an answer to one):
   * a private message from SYSTEM_SENDER, so it is stored, shown to an offline user in their
   * catch-up, and delivered to nobody else. One that another user can cause at will
   * (`causedBy`) is dropped, not even stored, when the recipient ignores that user, who is
   * not told: ignoring someone must stop their invitation spam too. Undefined when dropped.
   */
  async notify(nick: string, text: string, causedBy?: string): Promise<MessageRecord | undefined> {
    if (causedBy !== undefined && (await this.options.profiles.ignores(nick, causedBy))) {
      this.options.logger.info('notice.ignored', { to: nick, causedBy });
      return undefined;
    }
    const at = this.options.clock.now();
    const queued = await this.send(
      { from: SYSTEM_SENDER, route: 'private', target: nick, at },
      { kind: 'private', room: null, from: SYSTEM_SENDER, to: nick, text: sanitizeText(text), createdAt: at, parentId: null, quote: null },
    );
    return queued.stored;
  }

  /**
   * Every message goes through here: the gates, then the writer, then (via the bus)
   * delivery. Resolves as soon as the message has its place in the order, so a sender's
   * next line can be handled while this one is being stored; `stored` says when it is.
   */
  private async send(attempt: SendAttempt, message: NewMessage): Promise<QueuedMessage> {
    for (const gate of this.gates) await gate.check(attempt);
    const { logger } = this.options;
    const stored = this.writer.append(message).then(
      (record) => {
        logger.debug('message.sent', { id: record.id, from: record.from, route: attempt.route, target: attempt.target });
        return record;
      },
      (error: unknown) => {
        logger.error('store.append_failed', { error: String(error) });
        // A refusal with its own line (STORE_RESET) is passed on as such.
        const refusal = refusalOf(error);
        if (refusal) throw refusal;
        throw refuse.storageFailed();
      },
    );
    // Logged above; a caller that does not wait for `stored` must not crash the process.
    stored.catch(() => undefined);
    return { message, stored };
  }
}
