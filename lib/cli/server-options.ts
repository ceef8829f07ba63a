import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_CONFIG, type HttpConfig, type ServerConfig, type SshConfig, type StoreKind, type TlsConfig } from '../config.js';
import { NICK_RULES, isValidNick } from '../chat/text/names.js';
import { sanitizeText } from '../chat/text/sanitize.js';
import { checkRedisUrl } from '../store/redis/redis-connect.js';
import { LOG_LEVELS, type LogLevel } from '../util/logger.js';
import { parseDuration, parseSize } from '../util/units.js';

/** The server's flags. Each can also be set as CHAT_LINE_<FLAG> (e.g. CHAT_LINE_PORT=9000). */
export function defineServerOptions(argv: Argv, readConfig?: (file: string) => Record<string, unknown>) {
  return argv
    .env('CHAT_LINE')
    .option('host', { type: 'string', requiresArg: true, default: DEFAULT_CONFIG.host, describe: 'address to listen on' })
    .option('port', { requiresArg: true, default: DEFAULT_CONFIG.port, describe: 'TCP port to listen on (0 = any free port)' })
    .option('data-dir', { type: 'string', requiresArg: true, default: DEFAULT_CONFIG.dataDir, describe: 'where the database and sent files live (in a cluster on one machine: the same for all servers)' })
    .option('store', { requiresArg: true, choices: ['sqlite', 'memory', 'redis'] as const, default: DEFAULT_CONFIG.store, describe: 'storage: sqlite (durable), memory (lost on exit) or redis (shared, see --redis)' })
    .option('redis', { type: 'string', requiresArg: true, default: process.env.REDIS_URL, defaultDescription: '$REDIS_URL', describe: 'Redis URL (redis://host:6379): run as one of several servers sharing this Redis; implies --store redis' })
    .option('workers', { requiresArg: true, default: 1, describe: 'run this many server processes sharing the port (node:cluster); more than 1 needs --redis' })
    .option('redis-accept-reset', { type: 'boolean', default: false, describe: 'start even though Redis lost the data this server ran on (restarted empty, flushed), going on with it as it is' })
    .option('redis-prefix', { type: 'string', requiresArg: true, default: DEFAULT_CONFIG.redisKeyPrefix, describe: 'prefix of the Redis keys and event channel, to keep several chats on one Redis apart' })
    .option('history', { requiresArg: true, default: DEFAULT_CONFIG.historySize, describe: 'messages shown on joining a room and at login' })
    .option('search-page-size', { requiresArg: true, default: DEFAULT_CONFIG.searchPageSize, describe: 'messages per page of /search results' })
    .option('catch-up-limit', { requiresArg: true, default: DEFAULT_CONFIG.catchUpLimit, describe: 'most unread messages replayed at login' })
    .option('max-line', { type: 'string', requiresArg: true, default: String(DEFAULT_CONFIG.maxLineBytes), describe: 'longest input line, in bytes (e.g. 4096, 8kb)' })
    .option('max-queue', { type: 'string', requiresArg: true, default: '1mb', describe: 'pending output per client before it is disconnected as stalled' })
    .option('login-timeout', { type: 'string', requiresArg: true, default: '60s', describe: 'close connections that have not logged in by then' })
    .option('login-attempts', { requiresArg: true, default: DEFAULT_CONFIG.loginAttempts, describe: 'failed passwords for one nick from one address before each further try waits (1 s, 2 s, 4 s ... 60 s)' })
    .option('login-address-attempts', { requiresArg: true, default: DEFAULT_CONFIG.loginAddressAttempts, describe: 'the same for all nicks together from one address' })
    .option('login-account-attempts', { requiresArg: true, default: DEFAULT_CONFIG.loginAccountAttempts, describe: 'the same for one nick from all addresses it has not logged in from before' })
    .option('register-limit', { requiresArg: true, default: DEFAULT_CONFIG.registerLimit, describe: 'new accounts one address may register per --register-window (0 = no limit)' })
    .option('register-window', { type: 'string', requiresArg: true, default: '1h', describe: 'the window of --register-limit (sliding)' })
    .option('max-login-wait', { type: 'string', requiresArg: true, default: '5s', describe: 'a login or registration that would wait longer than this for its password check is told "busy, try again" (0 = wait however long)' })
    .option('min-password-length', { requiresArg: true, default: DEFAULT_CONFIG.minPasswordLength, describe: 'shortest password a new account (or /password) may choose; existing accounts log in whatever theirs is' })
    .option('ban-threshold', { requiresArg: true, default: DEFAULT_CONFIG.banThreshold, describe: 'reports from this many users ban a user from sending' })
    .option('ban-duration', { type: 'string', requiresArg: true, default: '4h', describe: 'how long a report ban lasts' })
    .option('report-min-age', { type: 'string', requiresArg: true, default: '1h', describe: 'reports count only from accounts at least this old (0 = any age)' })
    .option('report-min-messages', { requiresArg: true, default: DEFAULT_CONFIG.reportMinMessages, describe: 'reports count only from accounts that have sent this many messages (0 = any)' })
    .option('rate-limit', { requiresArg: true, default: DEFAULT_CONFIG.rateLimit, describe: 'messages per user to #general per window (0 = unlimited)' })
    .option('rate-window', { type: 'string', requiresArg: true, default: '1h', describe: 'the rate-limit window; counts reset at its end' })
    .option('message-ttl', { type: 'string', requiresArg: true, default: '1h', describe: 'lifetime of messages: room ones from posting, private ones from delivery (0 = forever)' })
    .option('max-connections', { requiresArg: true, default: DEFAULT_CONFIG.maxConnections, describe: 'connections open at once, in all; more are refused' })
    .option('max-per-address', { requiresArg: true, default: DEFAULT_CONFIG.maxPerAddress, describe: 'connections open at once from one IP address' })
    .option('idle-timeout', { type: 'string', requiresArg: true, default: '0', describe: 'close sessions that send no line for this long, e.g. 30m (0 = never)' })
    .option('flood-rate', { requiresArg: true, default: DEFAULT_CONFIG.floodRate, describe: 'lines per second a client may keep sending; faster ones are delayed (0 = no limit)' })
    .option('flood-burst', { requiresArg: true, default: DEFAULT_CONFIG.floodBurst, describe: 'lines a client may send at once before --flood-rate applies (0 = no limit)' })
    .option('log-level', { requiresArg: true, choices: LOG_LEVELS, default: DEFAULT_CONFIG.logLevel, describe: 'least severe log level written to stderr' })
    .option('edit-window', { type: 'string', requiresArg: true, default: '15m', describe: 'how long after sending its author may /edit a message (0 = editing off)' })
    .option('link-ttl', { type: 'string', requiresArg: true, default: '24h', describe: 'how long a join link of a private room works' })
    .option('max-file-size', { type: 'string', requiresArg: true, default: '5mb', describe: 'largest file a user may send' })
    .option('upload-stall-timeout', { type: 'string', requiresArg: true, default: '60s', describe: 'abandon an upload when no byte of it comes for this long' })
    .option('download-grace', { type: 'string', requiresArg: true, default: '30s', describe: 'how long a download in progress may take to finish when its connection is closed (shutdown, kick)' })
    .option('admin', { type: 'string', array: true, default: [] as string[], describe: 'nick of an operator (repeat for several)' })
    .option('motd', { type: 'string', requiresArg: true, describe: 'message of the day shown at login (instead of the one set with /motd)' })
    .option('motd-file', { type: 'string', requiresArg: true, describe: 'read the message of the day from this file (one or more lines)' })
    .option('tls-port', { requiresArg: true, describe: 'also serve over TLS on this port (with --tls-cert and --tls-key)' })
    .option('tls-cert', { type: 'string', requiresArg: true, describe: 'PEM certificate (chain) for --tls-port' })
    .option('tls-key', { type: 'string', requiresArg: true, describe: 'PEM private key for --tls-port' })
    .option('http-port', { requiresArg: true, describe: 'serve GET /status, /healthz and /metrics on this port (off by default)' })
    .option('irc-port', { requiresArg: true, describe: 'also serve IRC clients (irssi, WeeChat, bots) on this port, e.g. 6667 (off by default)' })
    .option('irc-tls-port', { requiresArg: true, describe: 'also serve IRC over TLS on this port, e.g. 6697 (with --tls-cert and --tls-key)' })
    .option('irc-guests', { requiresArg: true, choices: ['on', 'off'] as const, default: 'on', describe: 'let IRC clients without a password chat under an unregistered nick (off: an account is needed)' })
    .option('http-host', { type: 'string', requiresArg: true, default: '127.0.0.1', describe: 'address for --http-port' })
    .option('ssh-port', { requiresArg: true, describe: 'also serve the chat over SSH on this port: ssh -p PORT nick@host (off by default)' })
    .option('ssh-host-key', { type: 'string', requiresArg: true, describe: 'the SSH host private key for --ssh-port (default: made once and kept in --data-dir)' })
    .config('config', 'a JSON file of options, keyed like the flags: {"admin": ["alice"], "motd": "Be nice"}', readConfig ?? ((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>))
    .example('$0', 'serve on 127.0.0.1:8000 with data in ./data')
    .example('$0 --port 9000 --data-dir /tmp/chat', 'another port and data directory')
    .example('$0 --redis redis://10.0.0.5:6379 --port 8001', 'one of several servers that behave as one chat')
    .example('$0 --redis redis://127.0.0.1:6379 --workers 4', 'four processes on one port, to use four cores')
    .example('$0 --redis redis://127.0.0.1:6379 --redis-accept-reset', 'start again after Redis lost its data')
    .example('CHAT_LINE_PORT=9000 $0', 'flags can also come from the environment')
    .example('$0 --admin alice --admin bob', 'alice and bob are operators')
    .example('$0 --tls-port 6697 --tls-cert cert.pem --tls-key key.pem', 'TLS beside the plain port')
    .example('$0 --http-port 8080', 'curl 127.0.0.1:8080/metrics')
    .example('$0 --ssh-port 2022', 'ssh -p 2022 alice@127.0.0.1')
    .example('$0 --irc-port 6667', 'IRC clients too: irssi -c 127.0.0.1 -p 6667');
}

export interface RawServerOptions {
  host: string;
  port: number | string;
  'data-dir': string;
  store: StoreKind;
  redis?: string;
  'redis-prefix': string;
  'redis-accept-reset': boolean;
  workers: number | string;
  history: number | string;
  'catch-up-limit': number | string;
  'search-page-size': number | string;
  'max-line': string;
  'max-queue': string;
  'login-timeout': string;
  'max-connections': number | string;
  'max-per-address': number | string;
  'idle-timeout': string;
  'flood-rate': number | string;
  'flood-burst': number | string;
  'log-level': LogLevel;
  'login-attempts': number | string;
  'login-address-attempts': number | string;
  'login-account-attempts': number | string;
  'register-limit': number | string;
  'register-window': string;
  'max-login-wait': string;
  'min-password-length': number | string;
  'ban-threshold': number | string;
  'ban-duration': string;
  'report-min-age': string;
  'report-min-messages': number | string;
  'rate-limit': number | string;
  'rate-window': string;
  'message-ttl': string;
  'link-ttl': string;
  'edit-window': string;
  'max-file-size': string;
  'upload-stall-timeout': string;
  'download-grace': string;
  admin: string[];
  motd?: string | undefined;
  'motd-file'?: string | undefined;
  'tls-port'?: unknown;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  'http-port'?: unknown;
  'http-host': string;
  'ssh-port'?: unknown;
  'ssh-host-key'?: string | undefined;
  'irc-port'?: unknown;
  'irc-guests': string;
  'irc-tls-port'?: unknown;
}

/** A number as typed: yargs leaves text that is not one as it is, so the error can quote it. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  return /^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function integer(name: string, value: unknown, min: number, max: number): number {
  const n = numberOf(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${shown(value)}`);
  }
  return n;
}

function rate(name: string, value: unknown, max: number): number {
  const n = numberOf(value);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new Error(`--${name} must be a number from 0 to ${max} (0 = no limit), got ${shown(value)}`);
  }
  return n;
}

function size(name: string, text: string, min: number): number {
  const bytes = parseSize(text);
  if (bytes === undefined || bytes < min) throw new Error(`--${name} must be a size of at least ${min} bytes such as 4096 or 8kb, got "${text}"`);
  return bytes;
}

function duration(name: string, text: string, { zeroIsOff = false } = {}): number {
  const ms = parseDuration(text);
  if (ms === undefined || (ms <= 0 && !(zeroIsOff && ms === 0))) {
    throw new Error(`--${name} must be a duration such as 90s, 10m or 4h${zeroIsOff ? ' (0 = off)' : ''}, got "${text}"`);
  }
  return ms;
}

/** The Redis URL to use, if any: --redis (or $REDIS_URL) picks the redis store; --store redis needs one. */
function redisUrl(raw: RawServerOptions): string | null {
  const url = raw.redis?.trim() ?? '';
  if (url === '') {
    if (raw.store === 'redis') throw new Error('--store redis needs --redis <url> (or REDIS_URL), e.g. --redis redis://127.0.0.1:6379');
    return null;
  }
  if (raw.store === 'memory') throw new Error('--redis (or REDIS_URL) and --store memory do not go together: drop one of them');
  try {
    checkRedisUrl(url);
  } catch (error) {
    throw new Error(`--redis: ${(error as Error).message}`);
  }
  return url;
}

function acceptReset(raw: RawServerOptions, redis: string | null): boolean {
  if (raw['redis-accept-reset'] && redis === null) throw new Error('--redis-accept-reset is for a Redis store: it goes with --redis <url>');
  return raw['redis-accept-reset'];
}

/**
 * How many server processes to run (`--workers`): 1 is this process alone. Several
 * processes share everything through Redis, so more than one needs it.
 */
export function workerCount(raw: RawServerOptions, config: ServerConfig): number {
  const count = integer('workers', raw.workers, 1, 256);
  if (count > 1 && config.store !== 'redis') {
    throw new Error(`--workers ${count} needs --redis <url>: the processes share rooms, messages and users through Redis (e.g. --redis redis://127.0.0.1:6379)`);
  }
  return count;
}

function admins(nicks: readonly string[]): string[] {
  for (const nick of nicks) if (!isValidNick(nick)) throw new Error(`--admin must be a nick (${NICK_RULES}), got "${nick}"`);
  return [...nicks];
}

/** The text of --motd or of the file --motd-file names, made safe for terminals; null when neither is given. */
function motd(raw: RawServerOptions): string | null {
  const file = raw['motd-file'];
  if (file !== undefined && raw.motd !== undefined) throw new Error('give --motd or --motd-file, not both');
  let text = raw.motd;
  if (file !== undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read --motd-file ${file}: ${(error as Error).message}`);
    }
  }
  if (text === undefined) return null;
  const lines = text.split(/\r?\n/).map(sanitizeText);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? null : lines.join('\n');
}

/** The line protocol's TLS port, or IRC's (`--irc-tls-port`): each with the one certificate. */
function tls(raw: RawServerOptions, flag: 'tls-port' | 'irc-tls-port'): TlsConfig | null {
  const port = raw[flag];
  const certFile = raw['tls-cert'];
  const keyFile = raw['tls-key'];
  const otherPort = raw[flag === 'tls-port' ? 'irc-tls-port' : 'tls-port'];
  if (port === undefined && (otherPort !== undefined || (certFile === undefined && keyFile === undefined))) return null;
  if (port === undefined || certFile === undefined || keyFile === undefined) {
    throw new Error(flag === 'tls-port' ? '--tls-port, --tls-cert and --tls-key go together: give all three' : '--irc-tls-port needs --tls-cert and --tls-key');
  }
  return { port: integer(flag, port, 0, 65535), certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) };
}

function http(raw: RawServerOptions): HttpConfig | null {
  const port = raw['http-port'];
  if (port === undefined) return null;
  if (raw['http-host'].trim() === '') throw new Error('--http-host must not be empty');
  return { port: integer('http-port', port, 0, 65535), host: raw['http-host'] };
}

function ssh(raw: RawServerOptions): SshConfig | null {
  const port = raw['ssh-port'];
  const key = raw['ssh-host-key'];
  if (port === undefined) {
    if (key !== undefined) throw new Error('--ssh-host-key goes with --ssh-port: give the port too');
    return null;
  }
  return { port: integer('ssh-port', port, 0, 65535), hostKeyFile: key === undefined ? null : path.resolve(key) };
}

/** Checks every value and builds the config; throws an Error naming the flag at fault. */
export function toServerConfig(raw: RawServerOptions): ServerConfig {
  if (raw.host.trim() === '') throw new Error('--host must not be empty');
  const redis = redisUrl(raw);
  if (raw['redis-prefix'].trim() === '') throw new Error('--redis-prefix must not be empty');
  return {
    ...DEFAULT_CONFIG,
    host: raw.host,
    port: integer('port', raw.port, 0, 65535),
    dataDir: path.resolve(raw['data-dir']),
    store: redis === null ? raw.store : 'redis',
    redisUrl: redis,
    redisKeyPrefix: raw['redis-prefix'],
    redisAcceptReset: acceptReset(raw, redis),
    historySize: integer('history', raw.history, 0, 500),
    catchUpLimit: integer('catch-up-limit', raw['catch-up-limit'], 0, 100_000),
    searchPageSize: integer('search-page-size', raw['search-page-size'], 1, 200),
    maxLineBytes: size('max-line', raw['max-line'], 64),
    maxQueueBytes: size('max-queue', raw['max-queue'], 16 * 1024),
    loginTimeoutMs: duration('login-timeout', raw['login-timeout']),
    maxConnections: integer('max-connections', raw['max-connections'], 1, 1_000_000),
    maxPerAddress: integer('max-per-address', raw['max-per-address'], 1, 1_000_000),
    idleTimeoutMs: duration('idle-timeout', raw['idle-timeout'], { zeroIsOff: true }),
    floodRate: rate('flood-rate', raw['flood-rate'], 10_000),
    floodBurst: integer('flood-burst', raw['flood-burst'], 0, 10_000),
    logLevel: raw['log-level'],
    loginAttempts: integer('login-attempts', raw['login-attempts'], 1, 1000),
    loginAddressAttempts: integer('login-address-attempts', raw['login-address-attempts'], 1, 1_000_000),
    loginAccountAttempts: integer('login-account-attempts', raw['login-account-attempts'], 1, 1_000_000),
    registerLimit: integer('register-limit', raw['register-limit'], 0, 1_000_000),
    registerWindowMs: duration('register-window', raw['register-window']),
    maxLoginWaitMs: duration('max-login-wait', raw['max-login-wait'], { zeroIsOff: true }),
    minPasswordLength: integer('min-password-length', raw['min-password-length'], 1, 256),
    banThreshold: integer('ban-threshold', raw['ban-threshold'], 1, 1000),
    banDurationMs: duration('ban-duration', raw['ban-duration']),
    reportMinAgeMs: duration('report-min-age', raw['report-min-age'], { zeroIsOff: true }),
    reportMinMessages: integer('report-min-messages', raw['report-min-messages'], 0, 1_000_000),
    rateLimit: integer('rate-limit', raw['rate-limit'], 0, 1_000_000),
    rateWindowMs: duration('rate-window', raw['rate-window']),
    messageTtlMs: duration('message-ttl', raw['message-ttl'], { zeroIsOff: true }),
    linkTtlMs: duration('link-ttl', raw['link-ttl']),
    editWindowMs: duration('edit-window', raw['edit-window'], { zeroIsOff: true }),
    maxFileBytes: size('max-file-size', raw['max-file-size'], 1),
    uploadStallMs: duration('upload-stall-timeout', raw['upload-stall-timeout']),
    downloadGraceMs: duration('download-grace', raw['download-grace'], { zeroIsOff: true }),
    admins: admins(raw.admin),
    motd: motd(raw),
    tls: tls(raw, 'tls-port'),
    http: http(raw),
    ssh: ssh(raw),
    ircPort: raw['irc-port'] === undefined ? null : integer('irc-port', raw['irc-port'], 0, 65535),
    ircGuests: raw['irc-guests'] === 'on',
    ircTls: tls(raw, 'irc-tls-port'),
  };
}
