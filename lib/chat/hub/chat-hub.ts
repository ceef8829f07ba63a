import type { ChatStore } from '../../store/chat-store.js';
import type { StoreHealth } from '../../store/store-health.js';
import type { RoomRecord, UserRecord } from '../../store/records.js';
import type { Clock } from '../../util/clock.js';
import type { Logger } from '../../util/logger.js';
import { DeliveryOrder, type CatchUpCutoff } from './delivery-order.js';
import { LocalBus, type EventBus, type HubEvent, type PresenceEntry } from './events.js';
import { subscribeHeld, type HeldSubscription } from './held-events.js';
import type { MessageLifetime } from '../lifetime.js';
import { newIdSecret, shownIds, type ShownIds } from '../text/message-ids.js';
import { DEFAULT_ROOM } from '../text/names.js';
import { FanOut } from './fan-out.js';
import { ALONE, type OtherServers, type OtherServersFactory } from './other-servers.js';
import { ReadState } from './read-state.js';
import { RoomDirectory, type RoomIndex } from './room-directory.js';
import { applyRoomEvent } from './room-events.js';
import { type SessionPort } from './session-port.js';
import { ignoreSet, type OnlineUser, type Profile } from './online-user.js';

/**
 * How long apart the checks for messages missing in a cluster are (one missing at two
 * checks is read from the store). Not shorter: under a load that delays the bus by a second
 * or two, reading what is merely late would add to the load exactly when it hurts.
 */
const GAP_REPAIR_MS = 2500;

/** The setting that keeps the secret behind the ids users see: one for the chat, every server the same. */
const ID_SECRET_SETTING = 'id-secret';

export interface ChatHubOptions {
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  bus?: EventBus;
  lifetime: MessageLifetime;
  /** How often read cursors of online users are written to storage. */
  readStateFlushMs?: number;
  /** In a cluster: who is online on the other servers (lib/cluster/cluster-presence.ts). Default: this server is alone. */
  otherServers?: OtherServersFactory;
  /** In a cluster: a message missing this long (stored by another server, its event not come) is read from the store. */
  gapRepairMs?: number;
  /** The message of the day from the config; when null, the one last set with /motd. */
  motd?: string | null;
  /** Sessions a message was handed to (metrics). */
  delivered?: (sessions: number) => void;
  /** A shared store that can lose its data under the server (Redis): checked with the read state, and heeded once lost. */
  storeHealth?: StoreHealth;
}

/**
 * Who is online here and what they are in, and the one place that state changes: `apply`,
 * fed by the bus, whether the event came from this process or, in a cluster, from another
 * server. Messages and notices go out through it to every session that should have them,
 * each rendered once per way of showing it. The services (lib/chat/*.ts) change things by
 * storing them and publishing an event; they read this state through the hub.
 */
export class ChatHub {
  private readonly bus: EventBus;
  private readonly directory = new RoomDirectory();
  private readonly online = new Map<string, OnlineUser>();
  private sessionCount = 0;
  /** Which message ids were delivered here: catch-up takes those from the store, later ones arrive live. */
  private readonly order: DeliveryOrder;
  readonly others: OtherServers;
  readonly readState: ReadState;
  private readonly fanOut: FanOut;
  private readonly events: HeldSubscription;
  private motdText: string | null = null;
  private shown: ShownIds | undefined;
  readonly startedAt: number;

  constructor(private readonly options: ChatHubOptions) {
    const { clock, store, logger } = options;
    this.bus = options.bus ?? new LocalBus();
    this.startedAt = clock.now();
    this.order = new DeliveryOrder({ clock, repairAfterMs: options.gapRepairMs ?? GAP_REPAIR_MS, repair: (ids) => this.fanOut.repair(ids) });
    const local = (): PresenceEntry[] => [...this.online.values()].map((user) => ({ nick: user.nick, sessions: user.sessions.length, away: user.away }));
    this.others = options.otherServers?.(local) ?? ALONE;
    this.readState = new ReadState({ store, clock, logger, online: () => this.online.values(), handledUpTo: () => this.order.handledUpTo });
    this.fanOut = new FanOut({
      store,
      clock,
      logger,
      lifetime: options.lifetime,
      order: this.order,
      readState: this.readState,
      rooms: this.directory,
      online: this.online,
      ids: () => this.ids.messages,
      delivered: options.delivered,
    });
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
    const { store, clock } = this.options;
    const [rooms, memberships, lastId] = await Promise.all([store.listRooms(), store.listMemberships(), store.lastMessageId()]);
    this.directory.load(rooms, memberships);
    this.order.start(lastId);
    this.shown = shownIds(await store.setSettingIfAbsent(ID_SECRET_SETTING, newIdSecret()));
    this.motdText = this.options.motd ?? (await store.getSetting('motd')) ?? null;
    if (!this.directory.get(DEFAULT_ROOM)) {
      const general: RoomRecord = { name: DEFAULT_ROOM, visibility: 'public', owner: null, createdAt: clock.now() };
      await store.createRoom(general);
      this.directory.addRoom(general);
    }
    this.events.release();
    this.others.start();
    this.readState.start(this.options.readStateFlushMs ?? 2000, () => void this.options.storeHealth?.verify());
  }

  /** After the messages on their way are stored (the caller drains them first). */
  async close(): Promise<void> {
    this.readState.stop();
    this.order.stop();
    await this.readState.flush();
    this.others.stop();
    await this.bus.close();
  }

  /** The one way anything is told to every server (this one included): see `apply`. */
  publish(event: HubEvent): void {
    this.bus.publish(event);
  }

  // ---- what is known here ----------------------------------------------------------

  /** Rooms and who is in them, to read; changed only by `apply`. */
  get rooms(): RoomIndex {
    return this.directory;
  }

  /** How ids are shown to users and read back from them (lib/chat/text/message-ids.ts); known once started. */
  get ids(): ShownIds {
    if (!this.shown) throw new Error('the hub has not started: ids are not known yet');
    return this.shown;
  }

  /** The message of the day shown at login (lines separated by \n), or null. */
  get motd(): string | null {
    return this.motdText;
  }

  onlineUser(nick: string): OnlineUser | undefined {
    return this.online.get(nick.toLowerCase());
  }

  onlineUsers(): IterableIterator<OnlineUser> {
    return this.online.values();
  }

  /** Users and sessions on this server. */
  get here(): { users: number; sessions: number } {
    return { users: this.online.size, sessions: this.sessionCount };
  }

  /** A room created on another server a moment ago, whose event has not come: applied as it would be. */
  learnRoom(record: RoomRecord): void {
    this.apply({ type: 'room-created', room: record });
  }

  // ---- sessions --------------------------------------------------------------------

  /** Registers a logged-in session. Returns its user and which messages catch-up must read from the store. */
  attach(session: SessionPort, record: UserRecord, profile: Profile): { user: OnlineUser; cutoff: CatchUpCutoff } {
    let user = this.online.get(record.nick.toLowerCase());
    if (!user) {
      // Every field written out (no spread), so all fit in the object itself: one per online user.
      user = { nick: record.nick, sessions: [], readCursor: record.readCursor, persistedCursor: record.readCursor, ignores: profile.ignores, away: null, mentionedIn: 0 };
      this.online.set(record.nick.toLowerCase(), user);
      for (const room of this.directory.roomsOf(record.nick)) this.directory.get(room)?.online.add(user);
    }
    if (!user.sessions.includes(session)) user.sessions = [...user.sessions, session];
    this.sessionCount++;
    this.others.changed(user.nick, user.sessions.length);
    return { user, cutoff: this.order.cutoff() };
  }

  async detach(session: SessionPort, user: OnlineUser): Promise<void> {
    if (!user.sessions.includes(session)) return;
    user.sessions = user.sessions.filter((other) => other !== session);
    this.sessionCount--;
    this.others.changed(user.nick, user.sessions.length);
    if (user.sessions.length > 0) return;
    this.online.delete(user.nick.toLowerCase());
    for (const room of this.directory.roomsOf(user.nick)) this.directory.get(room)?.online.delete(user);
    await this.readState.persist([user]);
  }

  /** The rooms a user's sessions are talking in now (their current rooms). */
  currentRoomsOf(nick: string): string[] {
    const user = this.online.get(nick.toLowerCase());
    return user ? [...new Set(user.sessions.map((s) => s.currentRoom))] : [];
  }

  /** Tells every online session of a user something, on whichever server; nothing if offline. */
  notifyUser(nick: string, text: string): void {
    this.publish({ type: 'notice', to: nick, text });
  }

  /** Tells the online members of a room something, on every server. */
  notifyRoomMembers(room: string, text: string): void {
    this.publish({ type: 'room-notice', room, text });
  }

  /** Tells every session here something, now (shutdown). */
  broadcastNotice(text: string): void {
    this.fanOut.tell(this.online.values(), { kind: 'server', text });
  }

  // ---- the one place state changes -------------------------------------------------

  private apply(event: HubEvent): void {
    switch (event.type) {
      case 'message':
        this.fanOut.deliver(event.message);
        break;
      case 'message-edited':
        this.fanOut.edited(event.message);
        break;
      case 'message-deleted':
        this.fanOut.deleted(event.message, event.by);
        break;
      case 'room-created':
        this.directory.addRoom(event.room);
        break;
      case 'topic-changed':
      case 'member-joined':
      case 'member-left':
      case 'member-kicked':
      case 'invited':
        applyRoomEvent(event, this.directory, this.online, this.fanOut);
        break;
      case 'notice': {
        const user = this.online.get(event.to.toLowerCase());
        if (user) this.fanOut.tell([user], { kind: 'server', text: event.text });
        break;
      }
      case 'room-notice': {
        const state = this.directory.get(event.room);
        if (state) this.fanOut.tell(state.online, { kind: 'server', text: event.text });
        break;
      }
      case 'presence':
      case 'presence-query':
      case 'server-stopped':
        this.others.apply(event);
        break;
      case 'profile-changed': {
        const user = this.online.get(event.nick.toLowerCase());
        const { away, ignores } = event.change;
        if (user && away !== undefined) user.away = away;
        if (away !== undefined) {
          this.others.noteAway(event.nick, away);
          this.fanOut.tell(this.roomMatesOf(event.nick), { kind: 'away', nick: event.nick, away });
        }
        if (user && ignores) user.ignores = ignoreSet(ignores);
        break;
      }
      case 'user-disconnected':
        for (const session of [...(this.online.get(event.nick.toLowerCase())?.sessions ?? [])]) session.disconnect(event.by);
        break;
      case 'announcement':
        this.fanOut.tell(this.online.values(), { kind: 'announcement', from: event.from, text: event.text });
        break;
      case 'motd-changed':
        this.motdText = event.motd;
        break;
    }
  }

  /** Users online here who share a room with `nick`, not `nick` itself. */
  private roomMatesOf(nick: string): Set<OnlineUser> {
    const mates = new Set<OnlineUser>();
    const self = this.online.get(nick.toLowerCase());
    for (const room of this.directory.roomsOf(nick)) for (const user of this.directory.get(room)?.online ?? []) if (user !== self) mates.add(user);
    return mates;
  }

  /**
   * The store lost its data (StoreHealth): it refuses everything from now on, so users get
   * an error for whatever they try; they are told once, and nothing more is delivered here.
   */
  private lostStore(reason: string): void {
    this.fanOut.stopped = true;
    this.options.logger.error('store.lost', { reason, usersOnline: this.online.size, hint: 'restart the servers; see "Redis persistence" in the README' });
    this.broadcastNotice(`the chat's storage lost its data: nothing you send is stored or delivered, and nobody can log in, until an operator restarts the servers.`);
  }
}
