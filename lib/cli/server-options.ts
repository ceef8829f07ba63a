import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, type HttpConfig, type ServerConfig, type SshConfig, type TlsConfig } from '../config.js';
import { NICK_RULES, isValidNick } from '../chat/text/names.js';
import { sanitizeText } from '../chat/text/sanitize.js';
import { checkRedisUrl } from '../store/redis/redis-connect.js';
import { duration, integer, rate, size } from './flag-values.js';
import type { RawServerOptions } from './server-flags.js';

export type { RawServerOptions };

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
    logFormat: raw['log-format'],
    logFile: raw['log-file'] === undefined ? null : path.resolve(raw['log-file']),
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
