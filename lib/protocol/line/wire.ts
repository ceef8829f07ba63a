import { plural } from '../../util/text-layout.js';

/**
 * Fixed pieces of the line protocol that clients (chat-line, bots, tests) rely on.
 * Every server line ends with CRLF. Prompts are the only output without a line end.
 */
export const EOL = '\r\n';

/**
 * What clients end their lines with: LF, as nc does. (The server takes CR, LF and CRLF; a
 * line ended with CR tells it the peer is a telnet terminal, whose password it then hides.)
 */
export const CLIENT_EOL = '\n';

/** Asked for right after the greeting; the answer is a nick (or `/login <nick> <password>`). */
export const NICK_PROMPT = 'nickname: ';
/** Asked for after a nick; the next line is the password. */
export const PASSWORD_PROMPT = 'password: ';

/** Prefix of informational lines from the server (notices, lists, help). */
export const INFO_PREFIX = '-- ';
/** Prefix of error lines: `ERROR <CODE>: <what happened and what to do>`. */
export const ERROR_PREFIX = 'ERROR ';

/** Said before the password prompt of a nick nobody has; a client may ask for the password twice on seeing it. */
export function newNickLine(nick: string, minPasswordLength: number): string {
  return `${INFO_PREFIX}${nick} is a new nick: choose a password of at least ${plural(minPasswordLength, 'character')} to register it.`;
}
export const NEW_NICK_PATTERN = /^-- \S+ is a new nick: /;

/** The line that confirms a login; clients take the nick from it. */
export function welcomeLine(nick: string, room: string): string {
  return `${INFO_PREFIX}welcome, ${nick}! You are in #${room}. Type /help for commands.`;
}
export const WELCOME_PATTERN = /^-- welcome, ([^!\s]+)!/;
/** The answer to `/limits`; clients read the largest file a user may send from it. */
export const LIMITS_PATTERN = /^-- limits: files up to [^(]*\((\d+) bytes\)/;
/** The room a welcome line says the user is in. */
export const WELCOME_ROOM_PATTERN = /^-- welcome, [^!\s]+! You are in #(\S+?)\./;
/**
 * The line that moves a session's plain lines to another room (/chats, /leave, a kick);
 * clients show the room in their prompt. Anchored whole, so no text a user wrote can pass for it.
 */
export const TALKING_IN_PATTERN = /^-- (?:you left #\S+; )?now talking in #(\S+)$/;

/**
 * Answer to `/download <id>`: this line, then exactly <size> raw bytes, then CRLF. The
 * name may contain spaces; the id is the first word after `file`, the size the last.
 */
export function fileHeaderLine(id: string, name: string, size: number): string {
  return `${INFO_PREFIX}file ${id} ${name} ${size}`;
}
export const FILE_HEADER_PATTERN = /^-- file ([0-9a-z]+) (.+) (\d+)$/;

/** `ERROR <CODE>: <what happened and what to do>`: the one line a refusal is shown as. */
export function errorLine(code: string, message: string): string {
  return `${ERROR_PREFIX}${code}: ${message}`;
}

/** Parses an error line back into its code (for clients and tests). */
export function parseErrorLine(line: string): { code: string; message: string } | undefined {
  const match = /^ERROR ([A-Z_]+): (.*)$/.exec(line);
  return match ? { code: match[1] ?? '', message: match[2] ?? '' } : undefined;
}
