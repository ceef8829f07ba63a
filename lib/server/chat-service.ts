import type { AddressInfo } from 'node:net';
import { Accounts } from '../auth/accounts.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from '../auth/login-throttle.js';
import { PasswordHasher } from '../auth/password.js';
import { RegistrationThrottle } from '../auth/registration-throttle.js';
import { ScryptPool } from '../auth/scrypt-pool.js';
import { loadSsh2 } from '../auth/ssh2-module.js';
import { ChatCore } from '../chat/chat-core.js';
import { LocalBus, type EventBus } from '../chat/hub/events.js';
import { ClusterPresence, PRESENCE_HEARTBEAT_MS } from '../cluster/cluster-presence.js';
import { buildCommandTable } from '../commands/index.js';
import { VERSION, type ServerConfig } from '../config.js';
import { STATUS_NOTE, createHttpServer, type StatusReport } from '../ops/http-server.js';
import { countingLogger } from '../ops/metrics-logger.js';
import { Metrics } from '../ops/metrics.js';
import { lineFrontEnd } from '../protocol/line/line-front-end.js';
import { ircFrontEnd } from '../protocol/irc/irc-front-end.js';
import type { FrontEnd } from '../session/front-end.js';
import { FlushScheduler } from '../session/flush-scheduler.js';
import type { ChatStore } from '../store/chat-store.js';
import { RedisStore } from '../store/redis/redis-store.js';
import type { StoreHealth } from '../store/store-health.js';
import { systemClock, type Clock } from '../util/clock.js';
import { formatDate } from '../util/date-text.js';
import { createLogger, type Logger } from '../util/logger.js';
import { ChatServer } from './chat-server.js';
import { openBus, openStore } from './open-store.js';
import { loadHostKey } from './ssh/host-key.js';
import { SshTransport } from './ssh/ssh-transport.js';
import { createTlsListener } from './tls-listener.js';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Use this store instead of the one the config names (tests). */
  store?: ChatStore;
  /** Use this event bus instead of the one the config implies (tests). */
  bus?: EventBus;
  /** Skip listening on a TCP port (tests that use `server.handle`). */
  listen?: boolean;
  /** Hash passwords on this pool, which stays its owner's, instead of on the server's own (tests share one). */
  hashing?: ScryptPool;
}

/** Undoes one step of the start, on the way down. */
type Closer = () => Promise<void> | void;

/**
 * One chat server from start to stop: it opens the store and the bus, starts the chat,
 * accepts connections and listens (plain, TLS, HTTP), and `close()` undoes each of these
 * in reverse order, so that afterwards no timer, socket, worker thread or Redis connection is left.
 */
export class ChatService {
  address: AddressInfo | undefined;
  /** Where the TLS listener is (`--tls-port`), if any. */
  tlsAddress: AddressInfo | undefined;
  /** Where the HTTP endpoint is (`--http-port`), if any. */
  httpAddress: AddressInfo | undefined;
  /** Where the SSH listener is (`--ssh-port`), if any. */
  sshAddress: AddressInfo | undefined;
  /** The SSH transport (`--ssh-port`), if any. */
  ssh: SshTransport | undefined;
  /** Where IRC clients connect (`--irc-port`, `--irc-tls-port`), if anywhere. */
  ircAddress: AddressInfo | undefined;
  ircTlsAddress: AddressInfo | undefined;
  /** The IRC front end, for `--irc-port` (and tests that hand it streams). */
  irc: FrontEnd | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    readonly config: ServerConfig,
    readonly server: ChatServer,
    readonly chat: ChatCore,
    readonly store: ChatStore,
    /** With an HTTP endpoint (`--http-port`) only. */
    readonly metrics: Metrics | undefined,
    private readonly closers: Closer[],
    private readonly logger: Logger,
  ) {}

  /** Starts everything the config asks for; on failure, closes what was opened and throws. */
  static async start(config: ServerConfig, options: StartOptions = {}): Promise<ChatService> {
    const clock = options.clock ?? systemClock;
    // Only an HTTP endpoint shows metrics: without one, nothing counts them.
    const metrics = config.http ? await Metrics.create() : undefined;
    const baseLogger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
    const logger = metrics ? countingLogger(baseLogger, metrics) : baseLogger;
    const closers: Closer[] = [];
    const undo = async (): Promise<void> => {
      for (const close of closers.splice(0).reverse()) await close();
    };
    try {
      const store = options.store ?? (await openStore(config, logger));
      closers.push(() => store.close());
      const bus = options.bus ?? (await openBus(config, logger));
      // Other servers may share the bus (and the data directory, for files).
      const cluster = !(bus instanceof LocalBus);
      // Every session's output goes out through this, once per turn, and right after a stored batch is delivered.
      const flusher = new FlushScheduler();
      const chat = new ChatCore({
        store,
        clock,
        logger,
        bus,
        settings: config,
        instruments: metrics,
        otherServers: cluster ? (local) => new ClusterPresence({ bus, clock, heartbeatMs: PRESENCE_HEARTBEAT_MS, local }) : undefined,
        storeHealth: healthOf(store),
        afterCommit: () => {
          flusher.flushNow();
        },
      });
      closers.push(() => chat.close());
      await chat.start();
      // Unless lent one, a pool of the server's own: its threads start with the first login
      // and end once the sessions have gone (a hash still running then cannot be answered).
      const hashing = options.hashing ?? new ScryptPool({ maxWaitMs: config.maxLoginWaitMs });
      if (!options.hashing) closers.push(() => hashing.close());
      const accounts = new Accounts(store, clock, logger, new PasswordHasher(hashing, config.scrypt), {
        login: new LoginThrottle(clock, { ...DEFAULT_LOGIN_LIMITS, perPair: config.loginAttempts, perAddress: config.loginAddressAttempts, perAccount: config.loginAccountAttempts }),
        registration: new RegistrationThrottle(clock, { limit: config.registerLimit, windowMs: config.registerWindowMs }),
        minPasswordLength: config.minPasswordLength,
        // Asked only of nicks with no account: one online is a guest's.
        nickInUse: (nick) => chat.presence.of(nick).online,
      });
      const commands = buildCommandTable();
      const frontEnd = lineFrontEnd({ accounts, commands });
      const server = new ChatServer({ chat, frontEnd, config, logger, clock, flusher });
      closers.push(() => server.close());
      // ssh2 is loaded only when SSH is served (lib/auth/ssh2-module.ts).
      if (config.ssh) await loadSsh2();
      const ssh = config.ssh ? new SshTransport({ server, accounts, commands, config, logger, clock }, loadHostKey(config.ssh.hostKeyFile, config.dataDir)) : undefined;
      // After the chat server's close, which ends the sessions on its connections.
      if (ssh) closers.push(() => { ssh.close(); });
      metrics?.watch({ connections: () => server.connectionCount, usersOnline: () => chat.presence.stats().usersHere, rooms: () => chat.hub.rooms.size });
      const service = new ChatService(config, server, chat, store, metrics, closers, logger);
      service.ssh = ssh;
      service.irc = ircFrontEnd({ accounts, commands });
      if (options.listen !== false) await service.listenAll(clock);
      return service;
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /**
   * Stops accepting, says goodbye to every session, stores the messages still on their way,
   * then stops the chat and closes the store: the start, undone in reverse.
   */
  close(reason = 'server shutting down'): Promise<void> {
    this.closing ??= (async () => {
      this.logger.info('server.closing', { reason, sessions: this.server.connectionCount });
      const closers = this.closers.splice(0).reverse();
      // The sessions first, with the reason they are told.
      await this.server.close(reason);
      for (const close of closers) await close();
      this.logger.info('server.closed');
    })();
    return this.closing;
  }

  /** The plain listener, then the TLS one and the HTTP endpoint when configured. */
  private async listenAll(clock: Clock): Promise<void> {
    const { server, chat, store, metrics, config, logger } = this;
    const tls = config.tls && (await createTlsListener(server, config.tls, logger));
    this.address = await server.listen();
    if (config.tls && tls) this.tlsAddress = await server.serve(tls, config.tls.port, config.host, 'tls');
    if (config.ssh && this.ssh) {
      const { hostKey } = this.ssh;
      logger.info('ssh.host_key', { fingerprint: hostKey.fingerprint, file: hostKey.file, generated: hostKey.generated });
      this.sshAddress = await server.serve(this.ssh.listener, config.ssh.port, config.host, 'ssh');
    }
    if (config.ircPort !== null) this.ircAddress = await server.listen(config.ircPort, config.host, this.irc, 'irc');
    if (config.ircTls) this.ircTlsAddress = await server.serve(await createTlsListener(server, config.ircTls, logger, this.irc), config.ircTls.port, config.host, 'irc-tls');
    if (!config.http || !metrics) return;
    const health = healthOf(store);
    const status = async (): Promise<StatusReport> => {
      const now = clock.now();
      const stats = chat.presence.stats();
      const storeLost = health?.lost;
      return {
        note: STATUS_NOTE,
        time: formatDate(now, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx"),
        uptimeSeconds: Math.floor((now - stats.startedAt) / 1000),
        version: VERSION,
        connections: server.connectionCount,
        usersOnline: stats.usersOnline,
        rooms: stats.rooms,
        messagesStored: storeLost === undefined ? await store.countMessages() : null,
        store: store.kind,
        storeLost,
      };
    };
    const problem = (): string | undefined => (server.state === 'running' ? health?.lost : 'shutting down');
    const http = await createHttpServer({ status, problem, metrics, logger });
    http.on('close', metrics.monitorEventLoop());
    this.httpAddress = await server.serve(http, config.http.port, config.http.host, 'http');
  }
}

/** A shared store that can lose its data under the server (Redis) says how it is. */
function healthOf(store: ChatStore): StoreHealth | undefined {
  return store instanceof RedisStore ? store.health : undefined;
}

/** Starts a chat server (see ChatService). */
export function startServer(config: ServerConfig, options: StartOptions = {}): Promise<ChatService> {
  return ChatService.start(config, options);
}
