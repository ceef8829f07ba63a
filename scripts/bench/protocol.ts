/**
 * The little the load generator must know about each server's protocol, and the format of
 * the messages it sends: `bench <phase> <sender> <sentAtMicros>`, fixed-width. Both servers
 * put the text last on the delivered line (`[14:05] #general [3f] <u1> bench ...` for
 * chat-line, `<u1> bench ...` for the baseline), so a receiver parses it from the line end.
 */

/** `chat-line-irc`: chat-line served to IRC clients (`--irc-port`), for W1 over IRC. */
export type ServerKind = 'chat-line' | 'chat-line-irc' | 'baseline';

export interface ProtocolAdapter {
  readonly kind: ServerKind;
  /** What a client writes first to log in. */
  loginText(nick: string, password: string): string;
  /** The line that ends the login (after the catch-up, so live delivery has started). */
  isLoginDone(line: string): boolean;
  isError(line: string): boolean;
  /**
   * How long a login refused for a busy server (a login storm) is told to wait before it
   * tries again on the same connection; undefined for any other line.
   */
  busyRetryMs?(line: string): number | undefined;
  /** Whether a sender receives its own room messages (expected deliveries per message). */
  readonly echoesSender: boolean;
  /** Written before each payload line: how a line says "to the room everybody is in". */
  readonly sayPrefix: string;
  /** Rooms other than the one everybody is in; undefined when the server has none. */
  readonly rooms?: {
    joinText(room: string): string;
    isJoinDone(line: string, room: string): boolean;
  };
}

export const CRLF = '\r\n';

const chatLine: ProtocolAdapter = {
  kind: 'chat-line',
  loginText: (nick, password) => `/login ${nick} ${password}${CRLF}`,
  isLoginDone: (line) => line === '-- no unread messages' || line === '-- end of unread',
  isError: (line) => line.startsWith('ERROR '),
  busyRetryMs: (line) => {
    const seconds = /^ERROR SERVER_BUSY: .*Try again in (\d+) s\./.exec(line)?.[1];
    return seconds === undefined ? undefined : Number(seconds) * 1000;
  },
  echoesSender: true,
  sayPrefix: '',
  rooms: {
    joinText: (room) => `/chats ${room}${CRLF}`,
    isJoinDone: (line, room) => line === `-- now talking in #${room}`,
  },
};

const baseline: ProtocolAdapter = {
  kind: 'baseline',
  loginText: (nick) => `${nick}${CRLF}`,
  // A client counts as in once the server has its nick: with 1000 connecting at once, some
  // were otherwise still in the accept queue when the first step started.
  isLoginDone: (line) => line.startsWith('-- welcome '),
  isError: () => false,
  echoesSender: false,
  sayPrefix: '',
};

/**
 * chat-line's IRC front end, as an IRC client without capabilities uses it: PASS registers
 * the nick, the welcome ends with #general's NAMES (a new account has nothing unread), and
 * a client does not get its own messages back (no echo-message).
 */
const irc: ProtocolAdapter = {
  kind: 'chat-line-irc',
  loginText: (nick, password) => `PASS ${password}${CRLF}NICK ${nick}${CRLF}USER ${nick} 0 * :${nick}${CRLF}`,
  isLoginDone: (line) => / 366 \S+ #general /.test(line),
  // The numerics that refuse a login (a 422 for no message of the day is not one).
  isError: (line) => line.startsWith('ERROR ') || /^:\S+ (432|433|451|461|464|465) /.test(line),
  echoesSender: false,
  sayPrefix: 'PRIVMSG #general :',
  rooms: {
    joinText: (room) => `JOIN #${room}${CRLF}`,
    isJoinDone: (line, room) => line.includes(` 366 `) && line.includes(` #${room} `),
  },
};

export function adapterFor(kind: ServerKind): ProtocolAdapter {
  return kind === 'chat-line' ? chatLine : kind === 'chat-line-irc' ? irc : baseline;
}

/** Phase 0 is traffic nobody measures (warm-up); steps and windows use 1 and up. */
export const UNMEASURED_PHASE = 0;

/**
 * Payload fields are fixed-width and zero-padded, so a receiver finds them at fixed
 * offsets from the end of the line instead of scanning for spaces.
 */
const PHASE_DIGITS = 4;
const SENDER_DIGITS = 5;
/** Epoch microseconds: 16 digits until the year 2286. */
const TIME_DIGITS = 16;
const PREFIX = Buffer.from('bench ');
const PAYLOAD_BYTES = PREFIX.length + PHASE_DIGITS + 1 + SENDER_DIGITS + 1 + TIME_DIGITS;
export const MAX_PHASE = 10 ** PHASE_DIGITS - 1;
export const MAX_SENDERS = 10 ** SENDER_DIGITS;

export function payloadLine(phase: number, sender: number, sentAtMicros: number): string {
  const phaseText = String(phase).padStart(PHASE_DIGITS, '0');
  const senderText = String(sender).padStart(SENDER_DIGITS, '0');
  return `bench ${phaseText} ${senderText} ${String(sentAtMicros).padStart(TIME_DIGITS, '0')}${CRLF}`;
}

const SPACE = 0x20;
const DIGIT_0 = 0x30;

/** The unsigned decimal number in buf[from, from + count), or -1 if a byte is not a digit. */
function digitsAt(buf: Buffer, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = (buf[i] ?? 0) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses a delivered payload straight from the receive buffer: no string per line, since
 * a receiver may see millions of lines a second. Results are left in the fields (no
 * allocation per line); `parse` says whether the line was a payload at all.
 */
export class PayloadParser {
  phase = 0;
  sender = 0;
  sentAtMicros = 0;

  /** `end` is the index just past the text (line end already stripped). */
  parse(buf: Buffer, start: number, end: number): boolean {
    const at = end - PAYLOAD_BYTES;
    if (at < start) return false;
    for (let i = 0; i < PREFIX.length; i++) if (buf[at + i] !== PREFIX[i]) return false;
    const phaseAt = at + PREFIX.length;
    const senderAt = phaseAt + PHASE_DIGITS + 1;
    const timeAt = senderAt + SENDER_DIGITS + 1;
    if (buf[senderAt - 1] !== SPACE || buf[timeAt - 1] !== SPACE) return false;
    const phase = digitsAt(buf, phaseAt, PHASE_DIGITS);
    const sender = digitsAt(buf, senderAt, SENDER_DIGITS);
    const sentAt = digitsAt(buf, timeAt, TIME_DIGITS);
    if (phase < 0 || sender < 0 || sentAt < 0) return false;
    this.phase = phase;
    this.sender = sender;
    this.sentAtMicros = sentAt;
    return true;
  }
}

/** Wall-clock time in ms with sub-ms precision that all threads agree on. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
