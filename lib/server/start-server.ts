import type { AddressInfo } from 'node:net';
import { format } from 'date-fns';
import { Accounts } from '../auth/accounts.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from '../auth/login-throttle.js';
import { PasswordHasher } from '../auth/password.js';
import { RegistrationThrottle } from '../auth/registration-throttle.js';
import { ScryptPool } from '../auth/scrypt-pool.js';
import { buildCommandTable } from '../commands/index.js';
import { VERSION, type ServerConfig } from '../config.js';
import { removeFilesOfExpired } from '../chat/files/file-expiry.js';
import { FileVault } from '../chat/files/file-vault.js';
import { ChatHub } from '../chat/chat-hub.js';
import { ClusterPresence, PRESENCE_HEARTBEAT_MS } from '../cluster/cluster-presence.js';
import { LocalBus, type EventBus } from '../chat/events.js';
import { RedisBus } from '../cluster/redis-bus.js';
import { STATUS_NOTE, createHttpServer, type StatusReport } from '../ops/http-server.js';
import { countingLogger } from '../ops/metrics-logger.js';
import { Metrics } from '../ops/metrics.js';
import { isOperator } from '../chat/moderation/operators.js';
import { ChatRules } from '../chat/chat-rules.js';
import { MuteGate } from '../chat/moderation/mute-gate.js';
import type { ChatStore } from '../store/chat-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { RedisStore } from '../store/redis-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { systemClock, type Clock } from '../util/clock.js';
import { createLogger, type Logger } from '../util/logger.js';
import { FlushScheduler } from '../session/flush-scheduler.js';
import { ChatServer } from './chat-server.js';
import { lineFrontEnd } from '../protocol/line/line-front-end.js';
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

export interface RunningServer {
  server: ChatServer;
  hub: ChatHub;
  rules: ChatRules;
  store: ChatStore;
  metrics: Metrics;
  address: AddressInfo | undefined;
  /** Where the TLS listener is (`--tls-port`), if any. */
  tlsAddress: AddressInfo | undefined;
  /** Where the HTTP endpoint is (`--http-port`), if any. */
  httpAddress: AddressInfo | undefined;
}

export async function openStore(config: ServerConfig, logger?: Logger): Promise<ChatStore> {
  switch (config.store) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite':
      return SqliteStore.open({ dataDir: config.dataDir });
    case 'redis':
      return RedisStore.connect(requireRedisUrl(config), {
        keyPrefix: config.redisKeyPrefix,
        logger,
        dataDir: config.dataDir,
        acceptReset: config.redisAcceptReset,
      });
  }
}

/**
 * In-process events for one server; through Redis when several share a Redis store, so that
 * every server hears of every message, join, leave and ban (the hubs keep rooms and
 * memberships in memory and learn of other servers' changes only from these events).
 */
export async function openBus(config: ServerConfig, logger: Logger): Promise<EventBus> {
  if (config.store !== 'redis') return new LocalBus();
  return RedisBus.connect(requireRedisUrl(config), { keyPrefix: config.redisKeyPrefix, logger });
}

function requireRedisUrl(config: ServerConfig): string {
  if (config.redisUrl === null) throw new Error('the redis store needs a Redis URL: pass --redis redis://host:port');
  return config.redisUrl;
}

/** An unfinished upload this old in a shared data directory is not being written by anyone. */
const STALE_UPLOAD_MS = 3_600_000;

/** Wires storage, hub, accounts and commands together and starts listening. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const metrics = new Metrics();
  const logger = countingLogger(options.logger ?? createLogger({ level: config.logLevel }), metrics);
  const store = options.store ?? (await openStore(config, logger));
  let bus: EventBus;
  try {
    bus = options.bus ?? (await openBus(config, logger));
  } catch (error) {
    await store.close();
    throw error;
  }
  // Other servers may share the bus (and the data directory, for files).
  const cluster = !(bus instanceof LocalBus);
  // Every session's output goes out through this, once per turn, and right after a stored batch is delivered.
  const flusher = new FlushScheduler();
  const hub = new ChatHub({
    store,
    clock,
    logger,
    bus,
    messageTtlMs: config.messageTtlMs,
    motd: config.motd,
    instruments: metrics,
    otherServers: cluster ? (local) => new ClusterPresence({ bus, clock, heartbeatMs: PRESENCE_HEARTBEAT_MS, local }) : undefined,
    storeHealth: store instanceof RedisStore ? store.health : undefined,
    afterCommit: () => {
      flusher.flushNow();
    },
  });
  // Before the chat rules' gates: a muted user is told about the mute, not about a rate limit.
  const mutes = new MuteGate({ store, clock, logger, bus, isOperator: (nick) => isOperator(config, nick) });
  hub.useGate(mutes);
  const rules = new ChatRules(hub, store, bus, config, clock, logger);
  const vault = new FileVault(config.dataDir);
  rules.expiry.onExpired(removeFilesOfExpired(store, vault));
  try {
    await mutes.load();
    // Uploads cut off by the last stop can never complete; in a cluster, only old ones are
    // surely cut off: the others may be on their way to another server.
    await vault.sweepTemp(cluster ? STALE_UPLOAD_MS : 0);
    await hub.start();
    await rules.start();
  } catch (error) {
    await rules.stop();
    await hub.close();
    await store.close();
    throw error;
  }
  // Unless lent one, a pool of the server's own: its threads start with the first login and end when the server closes.
  const hashing = options.hashing ?? new ScryptPool();
  const accounts = new Accounts(store, clock, logger, new PasswordHasher(hashing, config.scrypt), {
    login: new LoginThrottle(clock, {
      ...DEFAULT_LOGIN_LIMITS,
      perPair: config.loginAttempts,
      perAddress: config.loginAddressAttempts,
      perAccount: config.loginAccountAttempts,
    }),
    registration: new RegistrationThrottle(clock, { limit: config.registerLimit, windowMs: config.registerWindowMs }),
  });
  const frontEnd = lineFrontEnd({ rules, accounts, commands: buildCommandTable() });
  const server = new ChatServer({ hub, rules, frontEnd, config, logger, clock, flusher, hashing: options.hashing ? undefined : hashing });
  metrics.watch({ connections: () => server.connectionCount, usersOnline: () => hub.stats().usersHere, rooms: () => hub.stats().rooms });
  const running: RunningServer = { server, hub, rules, store, metrics, address: undefined, tlsAddress: undefined, httpAddress: undefined };
  if (options.listen === false) return running;
  try {
    await listenAll(running, config, clock, logger);
  } catch (error) {
    await server.close('could not start');
    throw error;
  }
  return running;
}

/** The plain listener, then the TLS one and the HTTP endpoint when configured. */
async function listenAll(running: RunningServer, config: ServerConfig, clock: Clock, logger: Logger): Promise<void> {
  const { server, hub, store, metrics } = running;
  const tls = config.tls && createTlsListener(server, config.tls, logger);
  running.address = await server.listen();
  if (config.tls && tls) running.tlsAddress = await server.serve(tls, config.tls.port, config.host, 'tls');
  if (!config.http) return;
  const health = store instanceof RedisStore ? store.health : undefined;
  const status = async (): Promise<StatusReport> => {
    const now = clock.now();
    const stats = hub.stats();
    const storeLost = health?.lost;
    return {
      note: STATUS_NOTE,
      time: format(now, "yyyy-MM-dd'T'HH:mm:ss.SSSxxx"),
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
  const http = createHttpServer({ status, problem, metrics, logger });
  http.on('close', metrics.monitorEventLoop());
  running.httpAddress = await server.serve(http, config.http.port, config.http.host, 'http');
}
