import fs from 'node:fs';
import { DEFAULT_CONFIG, VERSION } from '../config.js';
import { LOG_FORMATS, LOG_LEVELS } from '../util/logger.js';
import type { CommandSpec, FlagValues } from './command-line.js';

/** `--config FILE`: a JSON object of flags. A missing file is not "invalid JSON". */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read --config ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`--config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`--config ${file} must hold a JSON object of flags, e.g. {"port": 9000, "admin": ["alice"]}`);
  }
  return parsed as Record<string, unknown>;
}

/** The server's flags, in the order --help lists them. Numbers stay text until server-options checks them. */
const SERVER_FLAGS = {
  host: { type: 'string', default: DEFAULT_CONFIG.host, value: 'HOST', describe: 'address to listen on' },
  port: { type: 'string', default: String(DEFAULT_CONFIG.port), value: 'PORT', describe: 'TCP port to listen on (0 = any free port)' },
  'data-dir': { type: 'string', default: DEFAULT_CONFIG.dataDir, value: 'DIR', describe: 'where the database and sent files live (in a cluster on one machine: the same for all servers)' },
  store: { type: 'string', default: DEFAULT_CONFIG.store, choices: ['sqlite', 'memory', 'redis'], value: 'KIND', describe: 'storage: sqlite (durable), memory (lost on exit) or redis (shared, see --redis)' },
  redis: { type: 'string', fallbackEnv: 'REDIS_URL', defaultText: '$REDIS_URL', value: 'URL', describe: 'Redis URL (redis://host:6379): run as one of several servers sharing this Redis; implies --store redis' },
  workers: { type: 'string', default: '1', value: 'N', describe: 'run this many server processes sharing the port (node:cluster); more than 1 needs --redis' },
  'redis-accept-reset': { type: 'boolean', describe: 'start even though Redis lost the data this server ran on (restarted empty, flushed), going on with it as it is' },
  'redis-prefix': { type: 'string', default: DEFAULT_CONFIG.redisKeyPrefix, value: 'PREFIX', describe: 'prefix of the Redis keys and event channel, to keep several chats on one Redis apart' },
  history: { type: 'string', default: String(DEFAULT_CONFIG.historySize), value: 'N', describe: 'messages shown on joining a room and at login' },
  'search-page-size': { type: 'string', default: String(DEFAULT_CONFIG.searchPageSize), value: 'N', describe: 'messages per page of /search results' },
  'catch-up-limit': { type: 'string', default: String(DEFAULT_CONFIG.catchUpLimit), value: 'N', describe: 'most unread messages replayed at login' },
  'max-line': { type: 'string', default: String(DEFAULT_CONFIG.maxLineBytes), value: 'SIZE', describe: 'longest input line, in bytes (e.g. 4096, 8kb)' },
  'max-queue': { type: 'string', default: '1mb', value: 'SIZE', describe: 'pending output per client before it is disconnected as stalled' },
  'login-timeout': { type: 'string', default: '60s', value: 'TIME', describe: 'close connections that have not logged in by then' },
  'login-attempts': { type: 'string', default: String(DEFAULT_CONFIG.loginAttempts), value: 'N', describe: 'failed passwords for one nick from one address before each further try waits (1 s, 2 s, 4 s ... 60 s)' },
  'login-address-attempts': { type: 'string', default: String(DEFAULT_CONFIG.loginAddressAttempts), value: 'N', describe: 'the same for all nicks together from one address' },
  'login-account-attempts': { type: 'string', default: String(DEFAULT_CONFIG.loginAccountAttempts), value: 'N', describe: 'the same for one nick from all addresses it has not logged in from before' },
  'register-limit': { type: 'string', default: String(DEFAULT_CONFIG.registerLimit), value: 'N', describe: 'new accounts one address may register per --register-window (0 = no limit)' },
  'register-window': { type: 'string', default: '1h', value: 'TIME', describe: 'the window of --register-limit (sliding)' },
  'max-login-wait': { type: 'string', default: '5s', value: 'TIME', describe: 'a login or registration that would wait longer than this for its password check is told "busy, try again" (0 = wait however long)' },
  'min-password-length': { type: 'string', default: String(DEFAULT_CONFIG.minPasswordLength), value: 'N', describe: 'shortest password a new account (or /password) may choose; existing accounts log in whatever theirs is' },
  'ban-threshold': { type: 'string', default: String(DEFAULT_CONFIG.banThreshold), value: 'N', describe: 'reports from this many users ban a user from sending' },
  'ban-duration': { type: 'string', default: '4h', value: 'TIME', describe: 'how long a report ban lasts' },
  'report-min-age': { type: 'string', default: '1h', value: 'TIME', describe: 'reports count only from accounts at least this old (0 = any age)' },
  'report-min-messages': { type: 'string', default: String(DEFAULT_CONFIG.reportMinMessages), value: 'N', describe: 'reports count only from accounts that have sent this many messages (0 = any)' },
  'rate-limit': { type: 'string', default: String(DEFAULT_CONFIG.rateLimit), value: 'N', describe: 'messages per user to #general per window (0 = unlimited)' },
  'rate-window': { type: 'string', default: '1h', value: 'TIME', describe: 'the rate-limit window; counts reset at its end' },
  'message-ttl': { type: 'string', default: '1h', value: 'TIME', describe: 'lifetime of messages: room ones from posting, private ones from delivery (0 = forever)' },
  'max-connections': { type: 'string', default: String(DEFAULT_CONFIG.maxConnections), value: 'N', describe: 'connections open at once, in all; more are refused' },
  'max-per-address': { type: 'string', default: String(DEFAULT_CONFIG.maxPerAddress), value: 'N', describe: 'connections open at once from one IP address' },
  'idle-timeout': { type: 'string', default: '0', value: 'TIME', describe: 'close sessions that send no line for this long, e.g. 30m (0 = never)' },
  'flood-rate': { type: 'string', default: String(DEFAULT_CONFIG.floodRate), value: 'N', describe: 'lines per second a client may keep sending; faster ones are delayed (0 = no limit)' },
  'flood-burst': { type: 'string', default: String(DEFAULT_CONFIG.floodBurst), value: 'N', describe: 'lines a client may send at once before --flood-rate applies (0 = no limit)' },
  'log-level': { type: 'string', default: DEFAULT_CONFIG.logLevel, choices: LOG_LEVELS, value: 'LEVEL', describe: `least severe log level written: ${LOG_LEVELS.join(', ')}` },
  'log-file': { type: 'string', value: 'FILE', describe: 'append the log to this file instead of stderr, never making the server wait for the disk; SIGHUP starts it anew (for logrotate)' },
  'log-format': { type: 'string', default: DEFAULT_CONFIG.logFormat, choices: LOG_FORMATS, value: 'text|json', describe: 'text: a line per entry for people; json: an object per line for log collectors' },
  'edit-window': { type: 'string', default: '15m', value: 'TIME', describe: 'how long after sending its author may /edit a message (0 = editing off)' },
  'link-ttl': { type: 'string', default: '24h', value: 'TIME', describe: 'how long a join link of a private room works' },
  'max-file-size': { type: 'string', default: '5mb', value: 'SIZE', describe: 'largest file a user may send' },
  'upload-stall-timeout': { type: 'string', default: '60s', value: 'TIME', describe: 'abandon an upload when no byte of it comes for this long' },
  'download-grace': { type: 'string', default: '30s', value: 'TIME', describe: 'how long a download in progress may take to finish when its connection is closed (shutdown, kick)' },
  admin: { type: 'list', value: 'NICK', describe: 'nick of an operator (repeat for several)' },
  motd: { type: 'string', value: 'TEXT', describe: 'message of the day shown at login (instead of the one set with /motd)' },
  'motd-file': { type: 'string', value: 'FILE', describe: 'read the message of the day from this file (one or more lines)' },
  'tls-port': { type: 'string', value: 'PORT', describe: 'also serve over TLS on this port (with --tls-cert and --tls-key)' },
  'tls-cert': { type: 'string', value: 'FILE', describe: 'PEM certificate (chain) for --tls-port' },
  'tls-key': { type: 'string', value: 'FILE', describe: 'PEM private key for --tls-port' },
  'http-port': { type: 'string', value: 'PORT', describe: 'serve GET /status, /healthz and /metrics on this port (off by default)' },
  'irc-port': { type: 'string', value: 'PORT', describe: 'also serve IRC clients (irssi, WeeChat, bots) on this port, e.g. 6667 (off by default)' },
  'irc-tls-port': { type: 'string', value: 'PORT', describe: 'also serve IRC over TLS on this port, e.g. 6697 (with --tls-cert and --tls-key)' },
  'irc-guests': { type: 'string', default: 'on', choices: ['on', 'off'], value: 'on|off', describe: 'let IRC clients without a password chat under an unregistered nick (off: an account is needed)' },
  'http-host': { type: 'string', default: '127.0.0.1', value: 'HOST', describe: 'address for --http-port' },
  'ssh-port': { type: 'string', value: 'PORT', describe: 'also serve the chat over SSH on this port: ssh -p PORT nick@host (off by default)' },
  'ssh-host-key': { type: 'string', value: 'FILE', describe: 'the SSH host private key for --ssh-port (default: made once and kept in --data-dir)' },
} as const;

export type RawServerOptions = FlagValues<typeof SERVER_FLAGS>;

/** `chat-line-server`: every flag also as CHAT_LINE_<FLAG> (CHAT_LINE_PORT=9000) and in a --config file. */
export const SERVER_COMMAND: CommandSpec<typeof SERVER_FLAGS> = {
  name: 'chat-line-server',
  usage: '[options]',
  about: 'A chat server for the terminal. Connect with: nc 127.0.0.1 8000',
  flags: SERVER_FLAGS,
  envPrefix: 'CHAT_LINE',
  config: { describe: 'a JSON file of options, keyed like the flags: {"admin": ["alice"], "motd": "Be nice"}', read: readConfigFile },
  version: VERSION,
  examples: [
    ['$0', 'serve on 127.0.0.1:8000 with data in ./data'],
    ['$0 --port 9000 --data-dir /tmp/chat', 'another port and data directory'],
    ['$0 --redis redis://10.0.0.5:6379 --port 8001', 'one of several servers that behave as one chat'],
    ['$0 --redis redis://127.0.0.1:6379 --workers 4', 'four processes on one port, to use four cores'],
    ['$0 --redis redis://127.0.0.1:6379 --redis-accept-reset', 'start again after Redis lost its data'],
    ['CHAT_LINE_PORT=9000 $0', 'flags can also come from the environment'],
    ['$0 --admin alice --admin bob', 'alice and bob are operators'],
    ['$0 --tls-port 6697 --tls-cert cert.pem --tls-key key.pem', 'TLS beside the plain port'],
    ['$0 --http-port 8080', 'curl 127.0.0.1:8080/metrics'],
    ['$0 --ssh-port 2022', 'ssh -p 2022 alice@127.0.0.1'],
    ['$0 --irc-port 6667', 'IRC clients too: irssi -c 127.0.0.1 -p 6667'],
  ],
};
