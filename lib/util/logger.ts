import { style, type Paint } from './ansi.js';
import { formatDate } from './date-text.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** text: `2026-11-23 05:50:08.123 INFO  event key=value`, for people; json: one object per line, for log collectors. */
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where log lines go: stderr, a LogFile, a stream in tests. */
export interface LogOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** The one way library code reports what it does; never `console`. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const LEVEL_COLOUR: Record<Exclude<LogLevel, 'silent'>, Paint> = {
  debug: style('gray'),
  info: style('cyan'),
  warn: style('yellow'),
  error: style('red'),
};

export interface StreamLoggerOptions {
  level: LogLevel;
  format?: LogFormat;
  stream?: LogOutput;
  now?: () => number;
}

/** `key=value` with quoting only when needed, so log lines stay greppable. */
export function formatFields(fields: LogFields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const text = String(value);
    parts.push(/^[\w.:/@#+-]*$/.test(text) && text !== '' ? `${key}=${text}` : `${key}=${JSON.stringify(text)}`);
  }
  return parts.join(' ');
}

/** `{"time":"2026-11-23T05:50:08.123Z","level":"info","event":"...",...fields}`: the entry's own fields never overwrite those three. */
function jsonLine(time: number, level: string, event: string, fields?: LogFields): string {
  const entry: LogFields = { time: new Date(time).toISOString(), level, event };
  for (const [key, value] of Object.entries(fields ?? {})) if (!(key in entry)) entry[key] = value;
  return `${JSON.stringify(entry)}\n`;
}

/** Writes a line per entry (see LogFormat); colour only on a terminal (not with NO_COLOR set or TERM=dumb). */
export function createLogger(options: StreamLoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const threshold = RANK[options.level];
  const json = options.format === 'json';
  const colour = stream.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
  const write = (level: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields): void => {
    if (RANK[level] < threshold) return;
    if (json) {
      stream.write(jsonLine(now(), level, event, fields));
      return;
    }
    const stamp = formatDate(now(), 'yyyy-MM-dd HH:mm:ss.SSS');
    const label = level.toUpperCase().padEnd(5);
    const rest = fields ? formatFields(fields) : '';
    const line = `${stamp} ${colour ? LEVEL_COLOUR[level](label) : label} ${event}${rest ? ' ' + rest : ''}\n`;
    stream.write(line);
  };
  return {
    debug: (event, fields) => { write('debug', event, fields); },
    info: (event, fields) => { write('info', event, fields); },
    warn: (event, fields) => { write('warn', event, fields); },
    error: (event, fields) => { write('error', event, fields); },
  };
}

/**
 * A logger that adds `fields` to every entry it writes (a session's id and nick, say), in
 * front of the entry's own; those win where both name a field.
 */
export function childLogger(parent: Logger, fields: LogFields): Logger {
  const add = (own: LogFields | undefined): LogFields => (own ? { ...fields, ...own } : fields);
  return {
    debug: (event, own) => { parent.debug(event, add(own)); },
    info: (event, own) => { parent.info(event, add(own)); },
    warn: (event, own) => { parent.warn(event, add(own)); },
    error: (event, own) => { parent.error(event, add(own)); },
  };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
