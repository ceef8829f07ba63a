import type { ScryptParams } from './auth/password.js';
import { DEFAULT_MIN_NEW_PASSWORD, DEFAULT_SCRYPT } from './auth/password.js';
import { DEFAULT_LOGIN_LIMITS } from './auth/login-throttle.js';
import { DEFAULT_REGISTRATION_LIMITS } from './auth/registration-throttle.js';
import { DEFAULT_MAX_HASH_WAIT_MS } from './auth/scrypt-pool.js';
import type { LogFormat, LogLevel } from './util/logger.js';
import type { ChatSettings } from './chat/chat-core.js';

export type StoreKind = 'sqlite' | 'memory' | 'redis';

/** A TLS listener serving the same protocol as the plain one. */
export interface TlsConfig {
  port: number;
  certFile: string;
  keyFile: string;
}

/** The SSH listener (`--ssh-port`): the same chat, logged in with SSH. */
export interface SshConfig {
  port: number;
  /** The host's private key (`--ssh-host-key`); null: the one kept in the data directory, made on first start. */
  hostKeyFile: string | null;
}

/** The HTTP endpoint for operations: /status, /healthz, /metrics. */
export interface HttpConfig {
  port: number;
  host: string;
}

/**
 * Everything the server can be told, with the defaults the brief and the seeds give: the
 * chat's own settings (lib/chat/chat-core.ts) and how the server runs it.
 */
export interface ServerConfig extends ChatSettings {
  host: string;
  port: number;
  store: StoreKind;
  /** With store 'redis': the Redis every server of the chat shares (storage and events). */
  redisUrl: string | null;
  /** Prefix of every key and of the event channel, so several chats can share one Redis. */
  redisKeyPrefix: string;
  /** Start even on a Redis that lost the data this server ran on (`--redis-accept-reset`), going on with it as it is. */
  redisAcceptReset: boolean;
  /** Messages of a room shown on joining it (and of `general` at login). */
  historySize: number;
  /** Messages per page of /search results. */
  searchPageSize: number;
  /** At most this many unread messages are replayed at login; older ones are counted. */
  catchUpLimit: number;
  /** Longest input line in bytes; longer lines are refused and discarded. */
  maxLineBytes: number;
  /** Pending output per session before a client that stopped reading is disconnected. */
  maxQueueBytes: number;
  /** A connection that has not logged in by then is closed. */
  loginTimeoutMs: number;
  /** Connections open at once, in all; more are refused with TOO_MANY_CONNECTIONS. */
  maxConnections: number;
  /** Connections open at once from one IP address (127.0.0.1 included). */
  maxPerAddress: number;
  /** A session that sends no line for this long is closed; 0 = never. */
  idleTimeoutMs: number;
  /** Lines per second a connection may keep sending; faster lines wait their turn. 0 = no limit. */
  floodRate: number;
  /** Lines a connection may send at once before floodRate applies. 0 = no limit. */
  floodBurst: number;
  /** Failed passwords allowed on one connection before it is closed. */
  maxLoginFailures: number;
  /** Failed passwords for one nick from one address before each further try must wait. */
  loginAttempts: number;
  /** ... from one address, for all nicks together. */
  loginAddressAttempts: number;
  /** ... for one nick, from all addresses it has not logged in from before. */
  loginAccountAttempts: number;
  /** New accounts one address may register per registerWindowMs; 0 = no limit. */
  registerLimit: number;
  registerWindowMs: number;
  /** A login whose password check would wait longer than this is refused SERVER_BUSY; 0 = never. */
  maxLoginWaitMs: number;
  /** The shortest password a new account (or /password) may choose; existing accounts log in whatever theirs is. */
  minPasswordLength: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** `--log-file`: the log is appended here instead of written to stderr. */
  logFile: string | null;
  scrypt: ScryptParams;
  /** Largest file a user may send; a larger announced size is refused before any byte is read. */
  maxFileBytes: number;
  /** An upload with no byte for this long is abandoned (and the connection closed). */
  uploadStallMs: number;
  /** A download in progress when its connection is closed (shutdown, kick) gets this long to finish. */
  downloadGraceMs: number;
  /** `--tls-port` and its certificate, or null for no TLS listener. */
  tls: TlsConfig | null;
  /** `--http-port`, or null for no HTTP endpoint. */
  http: HttpConfig | null;
  /** `--ssh-port` and its host key, or null for no SSH listener. */
  ssh: SshConfig | null;
  /** `--irc-port`: also serve IRC clients (lib/protocol/irc) on this port; null for none. */
  ircPort: number | null;
  /** `--irc-guests`: IRC clients that give no password chat under an unregistered nick. */
  ircGuests: boolean;
  /** `--irc-tls-port` with the certificate of `--tls-cert` and `--tls-key`, or null. */
  ircTls: TlsConfig | null;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8000,
  dataDir: './data',
  store: 'sqlite',
  redisUrl: null,
  redisKeyPrefix: 'chat-line:',
  redisAcceptReset: false,
  historySize: 20,
  catchUpLimit: 200,
  searchPageSize: 20,
  maxLineBytes: 4096,
  maxQueueBytes: 1024 * 1024,
  loginTimeoutMs: 60_000,
  maxConnections: 10_000,
  maxPerAddress: 100,
  idleTimeoutMs: 0,
  floodRate: 5,
  floodBurst: 10,
  maxLoginFailures: 3,
  loginAttempts: DEFAULT_LOGIN_LIMITS.perPair,
  loginAddressAttempts: DEFAULT_LOGIN_LIMITS.perAddress,
  loginAccountAttempts: DEFAULT_LOGIN_LIMITS.perAccount,
  registerLimit: DEFAULT_REGISTRATION_LIMITS.limit,
  registerWindowMs: DEFAULT_REGISTRATION_LIMITS.windowMs,
  maxLoginWaitMs: DEFAULT_MAX_HASH_WAIT_MS,
  minPasswordLength: DEFAULT_MIN_NEW_PASSWORD,
  logLevel: 'info',
  logFormat: 'text',
  logFile: null,
  scrypt: DEFAULT_SCRYPT,
  banThreshold: 3,
  banDurationMs: 4 * 3_600_000,
  reportMinAgeMs: 3_600_000,
  reportMinMessages: 3,
  rateLimit: 20,
  rateWindowMs: 3_600_000,
  messageTtlMs: 3_600_000,
  linkTtlMs: 24 * 3_600_000,
  editWindowMs: 15 * 60_000,
  maxFileBytes: 5 * 1024 * 1024,
  uploadStallMs: 60_000,
  downloadGraceMs: 30_000,
  admins: [],
  motd: null,
  tls: null,
  http: null,
  ssh: null,
  ircPort: null,
  ircGuests: true,
  ircTls: null,
};

export const VERSION = '0.1.0';
