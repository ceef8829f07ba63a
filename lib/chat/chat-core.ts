import type { ChatStore, UnreadPage } from '../store/chat-store.js';
import type { StoreHealth } from '../store/store-health.js';
import type { UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { ChatHub } from './hub/chat-hub.js';
import type { CatchUpCutoff } from './hub/delivery-order.js';
import type { ShownIds } from './text/message-ids.js';
import { LocalBus, type EventBus } from './hub/events.js';
import { FileService } from './files/file-service.js';
import { History } from './history.js';
import { MessageLifetime } from './lifetime.js';
import { MessageExpiry } from './message-expiry.js';
import { Messages, type WriterInstruments } from './messages.js';
import { GeneralRateLimit } from './moderation/general-rate-limit.js';
import { MuteGate } from './moderation/mute-gate.js';
import { OperatorActions } from './moderation/operator-actions.js';
import { isOperator } from './moderation/operators.js';
import { ReportBans } from './moderation/report-bans.js';
import { DEFAULT_ROOM } from './text/names.js';
import type { OtherServersFactory } from './hub/other-servers.js';
import { Presence } from './presence.js';
import { PrivateRooms } from './private-rooms.js';
import { Profiles } from './profiles.js';
import { Rooms } from './rooms.js';
import { Scheduler } from './schedule/scheduler.js';
import { refuse } from './refusals.js';
import { Search } from './search.js';
import type { SessionPort } from './hub/session-port.js';
import type { OnlineUser } from './hub/online-user.js';

/** The rules and settings of the chat (part of the server's config, lib/config.ts). */
export interface ChatSettings {
  /** Lifetime of messages (room: since posted; private: since delivered); 0 = forever. */
  messageTtlMs: number;
  /** Reports from this many different users ban a user from sending, for this long. */
  banThreshold: number;
  banDurationMs: number;
  /** A report counts only from an account at least this old (operators' always count)... */
  reportMinAgeMs: number;
  /** ... and that has sent at least this many messages in all (expired ones included). */
  reportMinMessages: number;
  /** Messages per user to #general per window; 0 = unlimited. */
  rateLimit: number;
  rateWindowMs: number;
  /** How long after sending its author may edit a message (`/edit`); 0 = editing is off. */
  editWindowMs: number;
  /** How long a private room's join link works. */
  linkTtlMs: number;
  /** Nicks of the operators (`--admin`). */
  admins: readonly string[];
  /** The message of the day from `--motd` or `--motd-file`; null: the one last set with /motd. */
  motd: string | null;
  /** Where the database and sent files are kept. */
  dataDir: string;
}

/** What the chat reports for metrics (lib/ops/metrics.ts), kept narrow so it knows nothing of Prometheus. */
export interface ChatInstruments extends WriterInstruments {
  /** Sessions one message was handed to. */
  delivered(sessions: number): void;
}

export interface ChatCoreOptions {
  store: ChatStore;
  clock: Clock;
  logger: Logger;
  bus?: EventBus;
  settings: ChatSettings;
  /** In a cluster: who is online on the other servers. */
  otherServers?: OtherServersFactory;
  /** Metrics of the writer and of fan-out. */
  instruments?: ChatInstruments;
  storeHealth?: StoreHealth;
  /** Called once a stored batch has been handed to the bus (see Messages). */
  afterCommit?: () => void;
  gapRepairMs?: number;
  readStateFlushMs?: number;
}

/**
 * The chat, whatever protocols reach it: each service owns its rules, and all change what
 * others see through the hub's one publish hook. Front ends and commands call these
 * services and get structured results (records, summaries) or a ChatError back, never text.
 * Built once per server; `start` loads and starts them in order, `close` stops them in
 * reverse.
 */
export class ChatCore {
  readonly hub: ChatHub;
  readonly profiles: Profiles;
  readonly presence: Presence;
  readonly rooms: Rooms;
  readonly messages: Messages;
  readonly history: History;
  readonly search: Search;
  readonly privateRooms: PrivateRooms;
  readonly reports: ReportBans;
  readonly mutes: MuteGate;
  readonly rateLimit: GeneralRateLimit;
  readonly operators: OperatorActions;
  readonly scheduler: Scheduler;
  readonly expiry: MessageExpiry;
  readonly files: FileService;
  private readonly bus: EventBus;
  private readonly store: ChatStore;

  constructor(options: ChatCoreOptions) {
    const { store, clock, logger, settings, instruments } = options;
    this.store = store;
    const bus = (this.bus = options.bus ?? new LocalBus());
    const lifetime = new MessageLifetime(settings.messageTtlMs);
    const operator = (nick: string): boolean => isOperator(settings, nick);
    this.hub = new ChatHub({
      store,
      clock,
      logger,
      bus,
      lifetime,
      motd: settings.motd,
      otherServers: options.otherServers,
      storeHealth: options.storeHealth,
      gapRepairMs: options.gapRepairMs,
      readStateFlushMs: options.readStateFlushMs,
      delivered: instruments ? (sessions) => { instruments.delivered(sessions); } : undefined,
    });
    this.profiles = new Profiles(this.hub, store, logger);
    this.presence = new Presence(this.hub, logger);
    this.rooms = new Rooms(this.hub, store, this.presence, clock, logger);
    this.messages = new Messages({
      hub: this.hub,
      store,
      clock,
      logger,
      lifetime,
      profiles: this.profiles,
      instruments,
      afterCommit: options.afterCommit,
      editWindowMs: settings.editWindowMs,
      isOperator: operator,
    });
    this.history = new History(this.hub, store, this.messages, logger);
    this.search = new Search(this.hub, store, clock, lifetime, logger);
    this.privateRooms = new PrivateRooms(this.rooms, this.messages, store, clock, logger, settings.linkTtlMs);
    this.mutes = new MuteGate({ store, clock, logger, bus, isOperator: operator });
    this.reports = new ReportBans(store, bus, clock, logger, {
      threshold: settings.banThreshold,
      durationMs: settings.banDurationMs,
      minAgeMs: settings.reportMinAgeMs,
      minMessages: settings.reportMinMessages,
      isOperator: operator,
    }, this.hub);
    this.rateLimit = new GeneralRateLimit(store, clock, logger, { limit: settings.rateLimit, windowMs: settings.rateWindowMs });
    // Order matters: a muted user is told about the mute, not a rate limit; and the rate
    // limit counts what it lets through, so it goes last.
    this.messages.useGate(this.mutes);
    this.messages.useGate(this.reports);
    this.messages.useGate(this.rateLimit);
    this.operators = new OperatorActions(this.hub, this.presence, store, logger);
    this.scheduler = new Scheduler(this.hub, this.messages, store, clock, logger);
    bus.subscribe((event) => {
      if (event.type === 'schedule-changed') this.scheduler.changed();
    });
    this.expiry = new MessageExpiry(store, clock, logger, settings.messageTtlMs);
    this.files = new FileService({ store, messages: this.messages, clock, logger, dataDir: settings.dataDir, senderCheck: this.reports });
    this.expiry.onExpired((ids) => this.files.removeFilesOf(ids));
    this.messages.onDeleted((ids) => this.files.removeFilesOf(ids));
  }

  /** Whether the server shares its bus (and data directory) with others. */
  get clustered(): boolean {
    return !(this.bus instanceof LocalBus);
  }

  async start(): Promise<void> {
    await this.mutes.load();
    await this.files.sweep(this.clustered);
    await this.hub.start();
    await this.reports.load();
    await this.expiry.sweep();
    this.expiry.start();
    await this.scheduler.start();
  }

  /** Stops taking new work, stores what is on its way, then lets go of the bus. */
  async close(): Promise<void> {
    this.expiry.stop();
    await this.scheduler.stop();
    await this.messages.drain();
    await this.hub.close();
  }

  /**
   * A session whose user has logged in: they are always in #general. Returns the user and
   * which messages catch-up must read from the store (the others arrive live).
   *
   * A `guest` (an IRC client that gave no password) has a nick but no account: `record` is
   * made up, nothing of it is stored, and its nick is free again once it has gone. While it
   * is here no account may take the nick, and it may not take one that is online.
   */
  async attach(session: SessionPort, record: UserRecord, options: { guest?: boolean } = {}): Promise<{ user: OnlineUser; cutoff: CatchUpCutoff }> {
    const guest = options.guest === true;
    if (guest ? this.presence.of(record.nick).online : this.rooms.isGuest(record.nick)) throw refuse.nickInUse(record.nick);
    if (guest) this.rooms.guestArrived(record.nick);
    if (!this.rooms.isMember(DEFAULT_ROOM, record.nick)) await this.rooms.join(record.nick, DEFAULT_ROOM, { quiet: true });
    const profile = await this.profiles.load(record.nick);
    return this.hub.attach(session, record, profile);
  }

  async detach(session: SessionPort, user: OnlineUser): Promise<void> {
    await this.hub.detach(session, user);
    if (user.sessions.length === 0) this.rooms.guestLeft(user.nick);
  }

  /** How ids are shown to users and read back from them; known once started. */
  get ids(): ShownIds {
    return this.hub.ids;
  }

  /** The message of the day shown at login (lines separated by \n), or null. */
  get motd(): string | null {
    return this.hub.motd;
  }

  /** A registered user, by nick in any case. */
  user(nick: string): Promise<UserRecord | undefined> {
    return this.store.getUser(nick);
  }

  /** Unread messages of a user from the store (see ChatStore.unreadFor): for the catch-up. */
  unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
    return this.store.unreadFor(nick, afterId, limit);
  }

  /** Room messages deleted for their age before `nick` read them, since last asked (ChatStore.takeExpiredUnread). */
  takeExpiredUnread(nick: string): Promise<number> {
    return this.store.takeExpiredUnread(nick);
  }
}
