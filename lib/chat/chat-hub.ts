import type { ChatStore } from '../store/chat-store.js';
import type { StoreHealth } from '../store/store-health.js';
import type { MessageRecord, NewMessage, RoomRecord, UserRecord } from '../store/records.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { ACTION_MARK } from './action.js';
import { ChatError, noSuchRoom, refusalOf } from './errors.js';
import { DEFAULT_ROOM, SYSTEM_SENDER } from './names.js';
import { newIdSecret, shownIds, type ShownIds } from './message-ids.js';
import { sanitizeText } from './sanitize.js';
import { ALONE, type OtherServers, type OtherServersFactory } from './other-servers.js';
import { DeliveryOrder, type CatchUpCutoff } from './delivery-order.js';
import { LocalBus, type EventBus, type HubEvent, type PresenceEntry } from './events.js';
import { subscribeHeld, type HeldSubscription } from './held-events.js';
import type { SessionPort, OnlineUser } from './session-port.js';
import { Delivery } from './delivery.js';
import { NoticeDelivery, type Notice } from './notice.js';
import { MessageWriter } from './message-writer.js';
import { RoomDirectory, type RoomState } from './room-directory.js';
import type { SendAttempt, SendGate } from './moderation/send-gate.js';

const EXCERPT_LENGTH = 30;

/**
 * How long apart the checks for messages missing in a cluster are (one missing at two
 * checks is read from the store). Not shorter: under a load that delays the bus by a second
 * or two, reading what is merely late would add to the load exactly when it hurts.
 */
const GAP_REPAIR_MS = 2500;

/** The start of a message, for quoting it in a comment. */
function excerpt(text: string): string {
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 3)}...`;
}

/** The setting that keeps the secret behind the ids users see: one for the chat, every server the same. */
const ID_SECRET_SETTING = 'id-secret';

/** Most users ignore nobody: they share one empty set rather than holding a table each. */
const NO_IGNORES: ReadonlySet<string> = new Set();

function ignoreSet(nicks: readonly string[]): ReadonlySet<string> {
  return nicks.length === 0 ? NO_IGNORES : new Set(nicks);
}

/** What users typed, made safe for other people's terminals; nothing left is an error. */
function cleanText(text: string): string {
  const clean = sanitizeText(text);
  if (clean.trim() === '') throw new ChatError('EMPTY_MESSAGE', 'There is nothing to send (control characters are removed).');
  return clean;
}

export interface ChatHubOptions {
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  bus?: EventBus;
  /** How often read cursors of online users are written to storage. */
  readStateFlushMs?: number;
  /** Messages older than this vanish (room: since posted; private: since delivered); 0 = never. */
  messageTtlMs?: number;
  /** In a cluster: who is online on the other servers (lib/cluster/cluster-presence.ts). Default: this server is alone. */
  otherServers?: OtherServersFactory;
  /** In a cluster: a message missing this long (stored by another server, its event not come) is read from the store. */
  gapRepairMs?: number;
  /** The message of the day from the config; when null, the one last set with /motd. */
  motd?: string | null;
  /** Metrics hooks (lib/ops/metrics.ts). */
  instruments?: HubInstruments;
  /** A shared store that can lose its data under the server (Redis): checked with the read state, and heeded once lost. */
  storeHealth?: StoreHealth;
  /**
   * Called once a stored batch has been handed to the bus. With the local bus its messages
   * have just been queued for their readers: writing them out now, rather than on the next
   * event-loop turn, takes a turn (milliseconds under load) off every message's latency.
   */
  afterCommit?: () => void;
}

/** What the hub reports for metrics, kept narrow so the hub knows nothing of Prometheus. */
export interface HubInstruments {
  /** Runs one batch write of the message writer, timing it. */
  timeAppend<T>(write: () => Promise<T>): Promise<T>;
  stored(records: readonly MessageRecord[]): void;
  /** Lines of one message written to sessions. */
  delivered(lines: number): void;
}

/** A message that passed the gates and has its place in the order, on its way to storage. */
export interface QueuedMessage {
  readonly message: NewMessage;
  /** Resolves once it is stored (and so delivered); rejects with STORAGE_FAILED. */
  readonly stored: Promise<MessageRecord>;
}

export interface RoomSummary {
  name: string;
  visibility: RoomRecord['visibility'];
  members: number;
  online: number;
}

export interface MemberPresence {
  nick: string;
  online: boolean;
  sessions: number;
  away: string | null;
}

/**
 * Owns rooms and online users and routes every message. Commands call its operations;
 * its state changes only in `apply`, fed by the bus, and delivery formats each message
 * once and writes the same bytes to every recipient.
 */
export class ChatHub {
  readonly store: ChatStore;
  readonly clock: Clock;
  /** Also for commands and the rules that act through the hub: they log what they change. */
  readonly logger: Logger;
  private readonly bus: EventBus;
  private readonly directory = new RoomDirectory();
  private readonly online = new Map<string, OnlineUser>();
  private readonly writer: MessageWriter;
  private readonly gates: SendGate[] = [];
  private readonly messageTtlMs: number;
  /** Private messages that reached their recipient, waiting to be recorded (lifetime starts then). */
  private deliveries: { id: number; at: number }[] = [];
  private readonly startedAt: number;
  private sessionCount = 0;
  /** Which message ids were delivered here: catch-up takes those from the store, later ones arrive live. */
  private readonly order: DeliveryOrder;
  /** Who is online on the other servers of a cluster. */
  private readonly presence: OtherServers;
  private readonly events: HeldSubscription;
  private flushTimer: Timer | undefined;
  private motdText: string | null = null;
  /** The store lost its data: nothing more is delivered, since ids no longer say what was. */
  private storeLost = false;
  private shown: ShownIds | undefined;

  constructor(private readonly options: ChatHubOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.logger = options.logger;
    this.bus = options.bus ?? new LocalBus();
    this.messageTtlMs = options.messageTtlMs ?? 0;
    this.startedAt = this.clock.now();
    const instruments = options.instruments;
    const appender = instruments ? { appendMessages: (batch: readonly NewMessage[]) => instruments.timeAppend(() => this.store.appendMessages(batch)) } : this.store;
    this.writer = new MessageWriter(appender, (records) => {
      instruments?.stored(records);
      for (const message of records) this.bus.publish({ type: 'message', message });
      options.afterCommit?.();
    });
    this.order = new DeliveryOrder({ clock: this.clock, repairAfterMs: options.gapRepairMs ?? GAP_REPAIR_MS, repair: (ids) => this.repair(ids) });
    const local = (): PresenceEntry[] => [...this.online.values()].map((user) => ({ nick: user.nick, sessions: user.sessions.length, away: user.away }));
    this.presence = options.otherServers?.(local) ?? ALONE;
    options.storeHealth?.trackIds(() => this.order.newest);
    options.storeHealth?.onLost((reason) => {
      this.lostStore(reason);
    });
    // Before anything is loaded: what other servers change during the load is applied after it.
    this.events = subscribeHeld(this.bus, (event) => {
      this.apply(event);
    });
  }

  async start(): Promise<void> {
    const [rooms, memberships, lastId] = await Promise.all([
      this.store.listRooms(),
      this.store.listMemberships(),
      this.store.lastMessageId(),
    ]);
    this.directory.load(rooms, memberships);
    this.order.start(lastId);
    this.shown = shownIds(await this.store.setSettingIfAbsent(ID_SECRET_SETTING, newIdSecret()));
    this.motdText = this.options.motd ?? (await this.store.getSetting('motd')) ?? null;
    if (!this.directory.get(DEFAULT_ROOM)) {
      const general: RoomRecord = { name: DEFAULT_ROOM, visibility: 'public', owner: null, createdAt: this.clock.now() };
      await this.store.createRoom(general);
      this.directory.addRoom(general);
    }
    this.events.release();
    this.presence.start();
    const flushMs = this.options.readStateFlushMs ?? 2000;
    this.flushTimer = this.clock.setInterval(() => {
      void this.options.storeHealth?.verify();
      void this.flushReadState();
    }, flushMs);
    this.flushTimer.unref?.();
  }

  async close(): Promise<void> {
    if (this.flushTimer) this.clock.clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    this.order.stop();
    await this.writer.drain();
    await this.flushReadState();
    this.presence.stop();
    await this.bus.close();
  }

  // ---- sessions -------------------------------------------------------------------

  /**
   * Registers a logged-in session and makes sure its user is in `general`. Returns the
   * user and which messages catch-up must read from the store (the others arrive live).
   */
  async attach(session: SessionPort, user: UserRecord): Promise<{ user: OnlineUser; cutoff: CatchUpCutoff }> {
    if (!this.directory.isMember(DEFAULT_ROOM, user.nick)) await this.joinRoom(user.nick, DEFAULT_ROOM, { quiet: true });
    const profile = await this.loadProfile(user.nick);
    let online = this.online.get(user.nick.toLowerCase());
    if (!online) {
      // Every field written out (no spread), so all fit in the object itself: one per online user.
      online = { nick: user.nick, sessions: [], readCursor: user.readCursor, persistedCursor: user.readCursor, ignores: profile.ignores, color: profile.color, away: null, mentionedIn: 0 };
      this.online.set(user.nick.toLowerCase(), online);
      for (const room of this.directory.roomsOf(user.nick)) this.directory.get(room)?.online.add(online);
    }
    if (!online.sessions.includes(session)) online.sessions = [...online.sessions, session];
    this.sessionCount++;
    this.presence.changed(online.nick, online.sessions.length);
    return { user: online, cutoff: this.order.cutoff() };
  }

  async detach(session: SessionPort, user: OnlineUser): Promise<void> {
    if (!user.sessions.includes(session)) return;
    user.sessions = user.sessions.filter((other) => other !== session);
    this.sessionCount--;
    this.presence.changed(user.nick, user.sessions.length);
    if (user.sessions.length > 0) return;
    this.online.delete(user.nick.toLowerCase());
    for (const room of this.directory.roomsOf(user.nick)) this.directory.get(room)?.online.delete(user);
    await this.persistReadState(user, this.clock.now());
  }

  /** How ids are shown to users and read back from them (lib/chat/message-ids.ts); known once started. */
  get ids(): ShownIds {
    if (!this.shown) throw new Error('the hub has not started: ids are not known yet');
    return this.shown;
  }

  onlineUser(nick: string): OnlineUser | undefined {
    return this.online.get(nick.toLowerCase());
  }

  // ---- messages -------------------------------------------------------------------

  /** Adds a rule asked before every send; gates run in the order they were added. */
  useGate(gate: SendGate): void {
    this.gates.push(gate);
  }

  /** A message to a room; an `action` is shown as `* alice waves` (/me). */
  async postToRoom(from: string, room: string, text: string, options: { action?: boolean } = {}): Promise<QueuedMessage> {
    this.requireMember(room, from);
    const clean = options.action ? ACTION_MARK + cleanText(text) : cleanText(text);
    const now = this.clock.now();
    return this.send(
      { from, route: 'room', target: room, at: now },
      { kind: 'room', room, from, to: null, text: clean, createdAt: now, parentId: null, quote: null },
    );
  }

  async sendPrivate(from: string, to: string, text: string): Promise<QueuedMessage> {
    const recipient = await this.store.getUser(to);
    if (!recipient) throw new ChatError('NO_SUCH_USER', `There is no user "${to}". /who lists the people in a room.`);
    const clean = cleanText(text);
    const now = this.clock.now();
    return this.send(
      { from, route: 'private', target: recipient.nick, at: now },
      { kind: 'private', room: null, from, to: recipient.nick, text: clean, createdAt: now, parentId: null, quote: null },
    );
  }

  /**
   * A comment goes to the audience of the message it comments on: its room, or the two
   * parties of a private conversation. A message the commenter cannot see answers exactly
   * like one that does not exist.
   */
  async postComment(from: string, messageId: number, text: string): Promise<QueuedMessage> {
    const target = await this.visibleMessage(from, messageId);
    // A comment on a comment joins the same thread; its root has the same audience.
    const root = target.parentId === null ? target : ((await this.store.getMessage(target.parentId)) ?? target);
    const clean = cleanText(text);
    const now = this.clock.now();
    const quote = `${root.from}: "${excerpt(root.text)}"`;
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

  /** A message `nick` may read and that has not expired; NO_SUCH_MESSAGE otherwise. */
  async visibleMessage(nick: string, id: number): Promise<MessageRecord> {
    const message = await this.store.getMessage(id);
    if (!message || !this.canSee(nick, message) || this.isExpired(message, this.clock.now())) throw this.noSuchMessage(id);
    return message;
  }

  private noSuchMessage(id: number): ChatError {
    return new ChatError('NO_SUCH_MESSAGE', `There is no message [${this.ids.messages.encode(id)}] that you can see. Ids are in brackets on every message line.`);
  }

  /** The comments on a visible message, oldest first. */
  async thread(nick: string, id: number): Promise<{ root: MessageRecord; comments: MessageRecord[] }> {
    const root = await this.visibleMessage(nick, id);
    const now = this.clock.now();
    const comments = (await this.store.threadOf(root.id)).filter((m) => this.canSee(nick, m) && !this.isExpired(m, now));
    return { root, comments };
  }

  isExpired(message: MessageRecord, now: number): boolean {
    if (this.messageTtlMs <= 0) return false;
    const start = message.kind === 'private' ? message.deliveredAt : message.createdAt;
    return start !== null && start + this.messageTtlMs <= now;
  }

  /** Notes that private messages reached `nick` (by catch-up), starting their lifetime. */
  noteDelivered(nick: string, messages: readonly MessageRecord[]): void {
    const me = nick.toLowerCase();
    const at = this.clock.now();
    for (const m of messages) if (m.kind === 'private' && m.deliveredAt === null && m.to?.toLowerCase() === me) this.deliveries.push({ id: m.id, at });
  }

  /**
   * A notice to one user from the server (an invitation, a join request, an answer to one):
   * a private message from SYSTEM_SENDER, so it is stored, shown to an offline user in their
   * catch-up, and delivered to nobody else. One that another user can cause at will
   * (`causedBy`) is dropped, not even stored, when the recipient ignores that user, who is
   * not told: ignoring someone must stop their invitation spam too. Undefined when dropped.
   */
  async notify(nick: string, text: string, causedBy?: string): Promise<MessageRecord | undefined> {
    if (causedBy !== undefined && (await this.ignores(nick, causedBy))) {
      this.logger.info('notice.ignored', { to: nick, causedBy });
      return undefined;
    }
    const at = this.clock.now();
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
    const stored = this.writer.append(message).then(
      (record) => {
        this.logger.debug('message.sent', { id: record.id, from: record.from, route: attempt.route, target: attempt.target });
        return record;
      },
      (error: unknown) => {
        this.logger.error('store.append_failed', { error: String(error) });
        // A refusal with its own line (STORE_RESET) is passed on as such.
        const refusal = refusalOf(error);
        if (refusal) throw refusal;
        throw new ChatError('STORAGE_FAILED', 'The message could not be stored and was not sent. Try again.');
      },
    );
    // Logged above; a caller that does not wait for `stored` must not crash the process.
    stored.catch(() => undefined);
    return { message, stored };
  }

  /** Whether `nick` may read a message: a member of its room, or a party to the private one. */
  canSee(nick: string, message: MessageRecord): boolean {
    if (message.kind === 'private') {
      const me = nick.toLowerCase();
      return message.from.toLowerCase() === me || message.to?.toLowerCase() === me;
    }
    return message.room !== null && this.directory.isMember(message.room, nick);
  }

  async history(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
    if (limit <= 0) return [];
    const now = this.clock.now();
    return (await this.store.roomHistory(room, limit, beforeId)).filter((m) => !this.isExpired(m, now));
  }

  /** Tells every online session of a user something (`-- text`), on whichever server; nothing if offline. */
  notifyUser(nick: string, text: string): void {
    this.bus.publish({ type: 'notice', to: nick, text });
  }

  /** Tells the online members of a room something (`-- text`), on every server. */
  notifyRoomMembers(room: string, text: string): void {
    this.bus.publish({ type: 'room-notice', room, text });
  }

  /** The rooms a user's sessions are talking in now (their current rooms). */
  currentRoomsOf(nick: string): string[] {
    const user = this.online.get(nick.toLowerCase());
    return user ? [...new Set(user.sessions.map((s) => s.currentRoom))] : [];
  }

  // ---- rooms ----------------------------------------------------------------------

  room(name: string): RoomState | undefined {
    return this.directory.get(name);
  }

  /**
   * The room, also when it was created on another server a moment ago and the event has
   * not arrived: then the store has it, and its record is applied here as the event would.
   */
  async findRoom(name: string): Promise<RoomState | undefined> {
    const known = this.directory.get(name);
    if (known) return known;
    const record = await this.store.getRoom(name);
    if (record) this.apply({ type: 'room-created', room: record });
    return this.directory.get(name);
  }

  isMember(room: string, nick: string): boolean {
    return this.directory.isMember(room, nick);
  }

  roomsOf(nick: string): string[] {
    return this.directory.roomsOf(nick);
  }

  /** Joins (creating the room if needed). Returns whether the room was new and whether the user already was a member. */
  async joinRoom(nick: string, name: string, options: { quiet?: boolean } = {}): Promise<{ created: boolean; joined: boolean }> {
    let created = false;
    if (!this.directory.get(name)) {
      const record: RoomRecord = { name, visibility: 'public', owner: nick, createdAt: this.clock.now() };
      created = await this.store.createRoom(record);
      const stored = (await this.store.getRoom(name)) ?? record;
      this.bus.publish({ type: 'room-created', room: stored });
      // Another server created it at the same moment, as a private room: not to be joined like this.
      if (stored.visibility !== 'public') throw noSuchRoom(name);
    }
    if (this.directory.isMember(name, nick)) return { created, joined: false };
    // The member's catch-up of this room starts after the newest message stored anywhere
    // now, not the newest delivered here: in a cluster, messages posted before the join may
    // still be on their way to this server (they are delivered live if they arrive after it).
    await this.store.addMember({ room: name, nick, sinceId: await this.store.lastMessageId() });
    this.bus.publish({ type: 'member-joined', room: name, nick });
    if (!options.quiet) this.logger.info('room.join', { nick, room: name, created });
    return { created, joined: true };
  }

  /** Creates a room with no members (private rooms); false if the name is taken. */
  async createRoom(record: RoomRecord): Promise<boolean> {
    if (this.directory.get(record.name) || !(await this.store.createRoom(record))) return false;
    this.bus.publish({ type: 'room-created', room: record });
    this.logger.info('room.create', { room: record.name, visibility: record.visibility, owner: record.owner });
    return true;
  }

  /** Removes a member on the owner's say: delivery to them stops at once, as does their catch-up. */
  async kick(room: string, nick: string, by: string): Promise<void> {
    this.requireMember(room, nick);
    await this.store.removeMember(room, nick);
    this.bus.publish({ type: 'member-kicked', room, nick, by });
    this.logger.info('room.kick', { nick, room, by });
  }

  async leaveRoom(nick: string, name: string): Promise<void> {
    if (name === DEFAULT_ROOM) throw new ChatError('CANNOT_LEAVE', `Everyone stays in #${DEFAULT_ROOM}. Use /chats <room> to talk elsewhere.`);
    this.requireMember(name, nick);
    await this.store.removeMember(name, nick);
    this.bus.publish({ type: 'member-left', room: name, nick });
    this.logger.info('room.leave', { nick, room: name });
  }

  /** Public rooms (and the private ones `viewer` belongs to), by name. */
  listRooms(viewer: string): RoomSummary[] {
    const rooms: RoomSummary[] = [];
    for (const state of this.directory.all()) {
      if (state.record.visibility !== 'public' && !state.members.has(viewer)) continue;
      rooms.push({ name: state.record.name, visibility: state.record.visibility, members: state.members.size, online: this.onlineIn(state) });
    }
    return rooms.sort((a, b) => a.name.localeCompare(b.name));
  }

  members(room: string): MemberPresence[] {
    const state = this.directory.get(room);
    if (!state) return [];
    return [...state.members]
      .map((nick) => ({ nick, ...this.presenceOf(nick) }))
      .sort((a, b) => Number(b.online) - Number(a.online) || a.nick.localeCompare(b.nick));
  }

  /** Whether a user is online on any server of the chat, with how many sessions in all, and their away message. */
  presenceOf(nick: string): Omit<MemberPresence, 'nick'> {
    const user = this.online.get(nick.toLowerCase());
    const elsewhere = this.presence.userElsewhere(nick);
    const sessions = (user?.sessions.length ?? 0) + elsewhere.sessions;
    return { online: sessions > 0, sessions, away: user?.away ?? elsewhere.away };
  }

  /** Members of a room online here or on another server. */
  private onlineIn(state: RoomState): number {
    if (this.presence.count === 0) return state.online.size;
    let online = 0;
    for (const nick of state.members) if (this.online.has(nick.toLowerCase()) || this.presence.userElsewhere(nick).sessions > 0) online++;
    return online;
  }

  private requireMember(room: string, nick: string): void {
    if (!this.directory.isMember(room, nick)) {
      throw new ChatError('NOT_A_MEMBER', `You are not in #${room}. Join it with /chats ${room}.`);
    }
  }

  // ---- status ---------------------------------------------------------------------

  /**
   * Sessions and users online on every server of a cluster (`servers` says how many are
   * up), and on this one alone (`…Here`, what this server's metrics report).
   */
  stats(): { startedAt: number; sessions: number; usersOnline: number; sessionsHere: number; usersHere: number; rooms: number; servers: number } {
    const elsewhere = this.presence.elsewhere();
    for (const key of this.online.keys()) elsewhere.users.add(key);
    return {
      startedAt: this.startedAt,
      sessions: this.sessionCount + elsewhere.sessions,
      usersOnline: elsewhere.users.size,
      sessionsHere: this.sessionCount,
      usersHere: this.online.size,
      rooms: this.directory.size,
      servers: 1 + this.presence.count,
    };
  }

  /** Tells every online session something (shutdown notices). */
  broadcastNotice(text: string): void {
    this.tell(this.online.values(), { kind: 'server', text });
  }

  // ---- presence, preferences and operator actions ---------------------------------

  /** Away with a message, or back with null; others see it in /who and /whois. Returns the message as stored. */
  setAway(nick: string, message: string | null): string | null {
    const away = message === null ? null : cleanText(message);
    this.bus.publish({ type: 'profile-changed', nick, change: { away } });
    this.logger.info('user.away', { nick, away });
    return away;
  }

  async setColor(nick: string, on: boolean): Promise<void> {
    await this.store.setPreference(nick, 'color', on ? 'on' : 'off');
    this.bus.publish({ type: 'profile-changed', nick, change: { color: on } });
    this.logger.info('user.color', { nick, on });
  }

  /** Starts (or stops) ignoring `target`; false when that was already so. */
  async setIgnored(nick: string, target: string, ignored: boolean): Promise<boolean> {
    const changed = ignored ? await this.store.addIgnore(nick, target) : await this.store.removeIgnore(nick, target);
    if (!changed) return false;
    const ignores = (await this.store.listIgnores(nick)).map((n) => n.toLowerCase());
    this.bus.publish({ type: 'profile-changed', nick, change: { ignores } });
    this.logger.info(ignored ? 'user.ignore' : 'user.unignore', { nick, target });
    return true;
  }

  /** Whether `nick` ignores `other`, online or not, as stored. */
  private async ignores(nick: string, other: string): Promise<boolean> {
    const key = other.toLowerCase();
    return (await this.store.listIgnores(nick)).some((ignored) => ignored.toLowerCase() === key);
  }

  private async loadProfile(nick: string): Promise<Pick<OnlineUser, 'ignores' | 'color'>> {
    const [ignores, color] = await Promise.all([this.store.listIgnores(nick), this.store.getPreference(nick, 'color')]);
    return { ignores: ignoreSet(ignores.map((n) => n.toLowerCase())), color: color === 'on' };
  }

  /** Closes every session of `nick` (an operator's /kick <nick>), on every server; returns how many there are. */
  disconnectUser(nick: string, by: string): number {
    const { sessions } = this.presenceOf(nick);
    this.logger.info('operator.kick', { by, nick, sessions });
    this.bus.publish({ type: 'user-disconnected', nick, by });
    return sessions;
  }

  /** Tells everyone online, now (an operator's /announce); not stored. */
  announce(from: string, text: string): void {
    const clean = cleanText(text);
    this.logger.info('operator.announce', { by: from, text: clean });
    this.bus.publish({ type: 'announcement', from, text: clean });
  }

  /** The message of the day shown at login (lines separated by \n), or null. */
  get motd(): string | null {
    return this.motdText;
  }

  /** Sets (null: removes) the message of the day; kept in storage across restarts. */
  async setMotd(text: string | null, by: string): Promise<void> {
    const motd = text === null ? null : cleanText(text);
    await this.store.setSetting('motd', motd);
    this.logger.info('operator.motd', { by, motd });
    this.bus.publish({ type: 'motd-changed', motd });
  }

  /** The send gate of a class (e.g. MuteGate), for the commands that manage it. */
  gate<T extends SendGate>(kind: abstract new (...args: never[]) => T): T | undefined {
    return this.gates.find((gate): gate is T => gate instanceof kind);
  }

  // ---- the one place state changes ------------------------------------------------

  private apply(event: HubEvent): void {
    switch (event.type) {
      case 'message':
        this.deliver(event.message);
        break;
      case 'room-created':
        this.directory.addRoom(event.room);
        break;
      case 'member-joined': {
        this.directory.addMember(event.room, event.nick);
        const state = this.directory.get(event.room);
        const user = this.online.get(event.nick.toLowerCase());
        if (state && user) state.online.add(user);
        if (state && event.room !== DEFAULT_ROOM) this.tell(state.online, { kind: 'joined', room: event.room, nick: event.nick });
        break;
      }
      case 'member-left':
      case 'member-kicked': {
        const state = this.directory.get(event.room);
        const notice: Notice = event.type === 'member-kicked' ? { kind: 'kicked', room: event.room, nick: event.nick, by: event.by } : { kind: 'left', room: event.room, nick: event.nick };
        if (state) this.tell(state.online, notice);
        this.directory.removeMember(event.room, event.nick);
        const user = this.online.get(event.nick.toLowerCase());
        if (state && user) state.online.delete(user);
        break;
      }
      case 'notice': {
        const user = this.online.get(event.to.toLowerCase());
        if (user) this.tell([user], { kind: 'server', text: event.text });
        break;
      }
      case 'room-notice': {
        const state = this.directory.get(event.room);
        if (state) this.tell(state.online, { kind: 'server', text: event.text });
        break;
      }
      case 'presence':
      case 'presence-query':
      case 'server-stopped':
        this.presence.apply(event);
        break;
      case 'profile-changed': {
        const user = this.online.get(event.nick.toLowerCase());
        const { away, color, ignores } = event.change;
        if (user && away !== undefined) user.away = away;
        if (away !== undefined) this.presence.noteAway(event.nick, away);
        if (user && color !== undefined) user.color = color;
        if (user && ignores) user.ignores = ignoreSet(ignores);
        break;
      }
      case 'user-disconnected':
        for (const session of [...(this.online.get(event.nick.toLowerCase())?.sessions ?? [])]) {
          session.disconnect(event.by);
        }
        break;
      case 'announcement':
        this.tell(this.online.values(), { kind: 'announcement', from: event.from, text: event.text });
        break;
      case 'motd-changed':
        this.motdText = event.motd;
        break;
    }
  }

  private deliver(message: MessageRecord): void {
    // A message comes once from the bus, but may have been read from the store first to fill a gap.
    if (this.storeLost || !this.order.accept(message.id)) return;
    const delivery = new Delivery(message, this.online, this.ids.messages);
    for (const user of delivery.mentioned) user.mentionedIn = message.id;
    let written = 0;
    if (message.kind === 'room') {
      const state = message.room === null ? undefined : this.directory.get(message.room);
      if (state) written = this.fanOut(state.online, delivery);
    } else {
      const sender = this.online.get(message.from.toLowerCase());
      const recipient = message.to === null ? undefined : this.online.get(message.to.toLowerCase());
      if (sender) written += this.fanOut([sender], delivery);
      if (recipient && recipient !== sender) {
        written += this.fanOut([recipient], delivery);
        this.deliveries.push({ id: message.id, at: this.clock.now() });
      }
    }
    this.options.instruments?.delivered(written);
  }

  /**
   * The hot loop of fan-out (1000 recipients a message is the benchmark). Everything that
   * depends only on the message is in the Delivery; per recipient there are two
   * comparisons (mentioned in this message? ignores anyone?), a Set lookup only for users
   * who ignore someone, and each session picks one of the few renderings the message has.
   * Returns the sessions reached.
   */
  private fanOut(users: Iterable<OnlineUser>, delivery: Delivery): number {
    const { id } = delivery.message;
    const { fromKey } = delivery;
    let written = 0;
    for (const user of users) {
      if (id > user.readCursor) user.readCursor = id;
      if (user.ignores.size !== 0 && user.ignores.has(fromKey)) continue;
      const { sessions } = user;
      const mentioned = user.mentionedIn === id;
      for (const session of sessions) session.deliver(delivery, mentioned);
      written += sessions.length;
    }
    return written;
  }

  /** One notice to many users, rendered once per way of showing it. */
  private tell(users: Iterable<OnlineUser>, notice: Notice): void {
    const delivery = new NoticeDelivery(notice);
    for (const user of users) for (const session of user.sessions) session.notify(delivery);
  }

  /**
   * Messages stored by another server whose events never came (it died between storing and
   * publishing, or the bus lost them): read from the store and delivered late rather than
   * never. One that is gone or expired meanwhile is only marked as handled.
   */
  private async repair(ids: readonly number[]): Promise<void> {
    try {
      const found = await Promise.all(ids.map((id) => this.store.getMessage(id)));
      const now = this.clock.now();
      this.logger.warn('bus.gap_repaired', { count: ids.length, found: found.filter(Boolean).length });
      ids.forEach((id, i) => {
        const message = found[i];
        if (message && !this.isExpired(message, now)) this.deliver(message);
        else this.order.accept(id);
      });
    } catch (error) {
      this.logger.error('bus.gap_repair_failed', { count: ids.length, error: String(error) });
    }
  }

  /**
   * The store lost its data (StoreHealth): it refuses everything from now on, so users get
   * an error for whatever they try; they are told once, and nothing more is delivered here.
   */
  private lostStore(reason: string): void {
    this.storeLost = true;
    this.logger.error('store.lost', { reason, usersOnline: this.online.size, hint: 'restart the servers; see "Redis persistence" in the README' });
    this.broadcastNotice(`the chat's storage lost its data: nothing you send is stored or delivered, and nobody can log in, until an operator restarts the servers.`);
  }

  // ---- read state -----------------------------------------------------------------

  private async flushReadState(): Promise<void> {
    const now = this.clock.now();
    if (this.deliveries.length > 0) {
      const deliveries = this.deliveries;
      this.deliveries = [];
      await this.store.markDelivered(deliveries).catch((error: unknown) => {
        this.logger.error('store.mark_delivered_failed', { error: String(error) });
      });
    }
    const dirty = [...this.online.values()].filter((user) => this.readUpTo(user) > user.persistedCursor);
    for (const user of dirty) await this.persistReadState(user, now);
  }

  /**
   * How far a user has read, as far as storage is told: never past a message that has not
   * reached this server yet (in a cluster one can arrive after a higher id), so that their
   * next catch-up shows it if no session of theirs got it live.
   */
  private readUpTo(user: OnlineUser): number {
    return Math.min(user.readCursor, this.order.handledUpTo);
  }

  private async persistReadState(user: OnlineUser, now: number): Promise<void> {
    const cursor = this.readUpTo(user);
    try {
      await this.store.updateReadState(user.nick, cursor, now);
      user.persistedCursor = Math.max(user.persistedCursor, cursor);
    } catch (error) {
      this.logger.error('store.read_state_failed', { nick: user.nick, error: String(error) });
    }
  }
}
