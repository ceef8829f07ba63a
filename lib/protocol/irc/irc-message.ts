import { IRC_CLIENT_TAGS_BYTES, IRC_MESSAGE_BODY_BYTES } from './limits.js';

/**
 * One IRC protocol message, as Modern IRC and IRCv3 message-tags define it:
 * `['@' tags SPACE] [':' source SPACE] command params`.
 *
 * Tag values are kept unescaped; a tag sent without a value (`@draft/bot`) and one with an
 * empty value (`@draft/bot=`) mean the same and are both ''. `params` holds the trailing
 * parameter like any other, without its ':'.
 */
export interface IrcMessage {
  tags?: ReadonlyMap<string, string>;
  source?: string;
  /** As received (`privmsg` stays lower-case); dispatchers compare it upper-cased. */
  command: string;
  params: readonly string[];
}

/** What parseIrcLine returns: the same, with tags always present. */
export interface ParsedIrcMessage extends IrcMessage {
  tags: Map<string, string>;
  params: string[];
}

/**
 * Why a line could not be read. INPUT_TOO_LONG is the one to answer, with 417
 * ERR_INPUTTOOLONG; servers ignore EMPTY lines and usually lines with NO_COMMAND.
 */
export type IrcParseErrorCode = 'EMPTY' | 'NO_COMMAND' | 'INPUT_TOO_LONG' | 'INVALID_CHARACTER';

/** Returned, not thrown: bad input from a client is expected, and the caller decides the answer. */
export class IrcParseError {
  constructor(
    readonly code: IrcParseErrorCode,
    readonly detail: string,
  ) {}
}

/** Byte budgets of one line; see limits.ts. */
export interface IrcLineLimits {
  /** The tags part, `@` and the space after it included. */
  maxTagsBytes: number;
  /** Everything after the tags part, without the line end. */
  maxBodyBytes: number;
}

/** What a server accepts from a client. */
export const CLIENT_LINE_LIMITS: IrcLineLimits = { maxTagsBytes: IRC_CLIENT_TAGS_BYTES, maxBodyBytes: IRC_MESSAGE_BODY_BYTES };

/** NUL, CR and LF end or corrupt a line; no part of a message may hold one. */
const LINE_BREAKING = /[\0\r\n]/;

const SPACE = 0x20;

/**
 * UTF-8 length of a string, with a shortcut: a string cannot take more than 3 bytes per
 * UTF-16 unit, so short ones need no count.
 */
function fitsIn(text: string, maxBytes: number): boolean {
  return text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes;
}

const UNESCAPES: Readonly<Record<string, string>> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/**
 * Tag value unescaping (message-tags "Escaping values"), one character at a time so that
 * `\\n` is a backslash and an n. A backslash before any other character is dropped; a
 * lone backslash at the end is dropped.
 */
export function unescapeTagValue(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value.charAt(i);
    if (char !== '\\') {
      out += char;
      continue;
    }
    i++;
    if (i < value.length) {
      const next = value.charAt(i);
      out += UNESCAPES[next] ?? next;
    }
  }
  return out;
}

const ESCAPES: Readonly<Record<string, string>> = { ';': '\\:', ' ': '\\s', '\\': '\\\\', '\r': '\\r', '\n': '\\n' };

export function escapeTagValue(value: string): string {
  return value.replace(/[; \\\r\n]/g, (char) => ESCAPES[char] ?? char);
}

// What message-tags allows as a key: an optional client-only '+', an optional vendor, a name.
const TAG_KEY = /^\+?(?:[A-Za-z0-9.-]+\/)?[A-Za-z0-9-]+$/;

/**
 * Tags whose key breaks the grammar (`@=x`, `@é=1`, `@a b`) are dropped: client-only tags
 * are relayed to other clients as they are, and a malformed one could break their parsers.
 */
function parseTags(raw: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    if (!TAG_KEY.test(key)) continue;
    // A repeated key: the last one counts (message-tags: "discard all but the final occurrence").
    tags.set(key, eq === -1 ? '' : unescapeTagValue(part.slice(eq + 1)));
  }
  return tags;
}

/** Index of the first non-space at or after `pos` (spaces only: a tab is not a separator). */
function skipSpaces(line: string, pos: number): number {
  while (pos < line.length && line.charCodeAt(pos) === SPACE) pos++;
  return pos;
}

/** Index of the next space at or after `pos`, or the end of the line. */
function wordEnd(line: string, pos: number): number {
  const space = line.indexOf(' ', pos);
  return space === -1 ? line.length : space;
}

/**
 * Reads one line (without its CRLF) into a message. Parts are separated by one or more
 * spaces, as RFC 1459 allows; trailing spaces after the last middle parameter are ignored,
 * those inside a trailing parameter kept.
 *
 * The tags part and the rest are measured in UTF-8 against `limits` (by default what a
 * server accepts from a client). A line decoded from latin-1 is measured as the UTF-8 it
 * became, which is what other clients will be sent.
 */
export function parseIrcLine(line: string, limits: IrcLineLimits = CLIENT_LINE_LIMITS): ParsedIrcMessage | IrcParseError {
  if (LINE_BREAKING.test(line)) return new IrcParseError('INVALID_CHARACTER', 'a line cannot contain NUL, CR or LF');

  let pos = 0;
  let tags = new Map<string, string>();
  if (line.startsWith('@')) {
    const end = wordEnd(line, 1);
    // The tags part counts its '@' and the space that ends it.
    if (!fitsIn(line.slice(0, end + 1), limits.maxTagsBytes)) {
      return new IrcParseError('INPUT_TOO_LONG', `the tags take more than ${limits.maxTagsBytes} bytes`);
    }
    tags = parseTags(line.slice(1, end));
    pos = Math.min(end + 1, line.length);
  }
  const hadTags = line.startsWith('@');
  if (!fitsIn(line.slice(pos), limits.maxBodyBytes)) {
    return new IrcParseError('INPUT_TOO_LONG', `the message takes more than ${limits.maxBodyBytes} bytes`);
  }

  pos = skipSpaces(line, pos);
  let source: string | undefined;
  if (line.charAt(pos) === ':') {
    const end = wordEnd(line, pos + 1);
    // ':' alone before a space names nobody; treat it as no source at all.
    if (end > pos + 1) source = line.slice(pos + 1, end);
    pos = skipSpaces(line, end);
  }

  const commandEnd = wordEnd(line, pos);
  if (commandEnd === pos) {
    return hadTags || source !== undefined || line.charAt(0) === ':'
      ? new IrcParseError('NO_COMMAND', 'the line has no command')
      : new IrcParseError('EMPTY', 'the line is empty');
  }
  const command = line.slice(pos, commandEnd);

  const params: string[] = [];
  pos = skipSpaces(line, commandEnd);
  while (pos < line.length) {
    if (line.charAt(pos) === ':') {
      params.push(line.slice(pos + 1));
      break;
    }
    const end = wordEnd(line, pos);
    params.push(line.slice(pos, end));
    pos = skipSpaces(line, end);
  }

  const message: ParsedIrcMessage = { tags, command, params };
  if (source !== undefined) message.source = source;
  return message;
}

// Validation for serializing: what the grammar cannot carry is a bug in the caller, so it throws.
const COMMAND = /^(?:[A-Za-z]+|[0-9]{3})$/;
const SOURCE = /^[^\0\r\n ]+$/;
const MIDDLE = /^[^\0\r\n :][^\0\r\n ]*$/;

export interface SerializeOptions {
  /**
   * Write the last parameter with ':' even when it needs none. Some clients and bots read
   * the text of PRIVMSG, NOTICE and the human-readable part of numerics only from there.
   */
  forceTrailing?: boolean;
}

function serializeTags(tags: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (const [key, value] of tags) {
    if (!TAG_KEY.test(key)) throw new RangeError(`not a valid tag name: ${JSON.stringify(key)}`);
    if (value.includes('\0')) throw new RangeError(`tag ${key}: a value cannot contain NUL`);
    parts.push(value === '' ? key : `${key}=${escapeTagValue(value)}`);
  }
  return `@${parts.join(';')} `;
}

/**
 * Writes a message as one line, without CRLF. Tag values are escaped; the last parameter
 * gets a ':' when it must (empty, starting with ':' or holding a space) or when asked.
 * Throws a RangeError for what no line can carry (a NUL, CR or LF anywhere, a space or a
 * leading ':' in a middle parameter): callers pass text through sanitizeText first.
 * Lengths are not checked here; splitIrcText keeps text within them.
 */
export function serializeIrcMessage(message: IrcMessage, options: SerializeOptions = {}): string {
  let line = message.tags !== undefined && message.tags.size > 0 ? serializeTags(message.tags) : '';
  if (message.source !== undefined) {
    if (!SOURCE.test(message.source)) throw new RangeError(`not a valid source: ${JSON.stringify(message.source)}`);
    line += `:${message.source} `;
  }
  if (!COMMAND.test(message.command)) throw new RangeError(`not a valid command: ${JSON.stringify(message.command)}`);
  line += message.command;

  const { params } = message;
  const last = params.length - 1;
  for (let i = 0; i < last; i++) {
    const param = params[i] ?? '';
    if (!MIDDLE.test(param)) throw new RangeError(`parameter ${i + 1} cannot be sent before others: ${JSON.stringify(param)}`);
    line += ` ${param}`;
  }
  if (last >= 0) {
    const param = params[last] ?? '';
    if (LINE_BREAKING.test(param)) throw new RangeError('a parameter cannot contain NUL, CR or LF');
    const trailing = options.forceTrailing === true || param === '' || param.startsWith(':') || param.includes(' ');
    line += trailing ? ` :${param}` : ` ${param}`;
  }
  return line;
}
