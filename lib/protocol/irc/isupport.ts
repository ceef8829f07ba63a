import { CASEMAPPING, CHANNEL_MAX_LENGTH, CHANNEL_PREFIX, NICK_MAX_LENGTH } from './casemap.js';
import type { IrcMessage } from './irc-message.js';
import { NUMERIC_TEXT, numericReply } from './numerics.js';
import { messageBytes, packWords } from './pack-words.js';
import { IRC_MESSAGE_BODY_BYTES } from './limits.js';

/**
 * The 005 RPL_ISUPPORT burst: what clients must know about this server before they send
 * a channel name, compare two nicks or page through history.
 */

export interface IsupportSettings {
  /** NETWORK: the name clients show for the connection. */
  network: string;
  /** CASEMAPPING: how nicks and channels compare (casemap.ts). */
  caseMapping: string;
  /** CHANTYPES: the channel prefixes. */
  chanTypes: string;
  nickLen: number;
  /** CHANNELLEN counts the prefix. */
  channelLen: number;
  /** PREFIX: membership modes and the symbols shown for them in NAMES and WHO, in order of rank. */
  prefix: { modes: string; symbols: string };
  /** CHANMODES: list modes, modes with a parameter always, when set only, and never. */
  chanModes: readonly [string, string, string, string];
  topicLen?: number;
  awayLen?: number;
  kickLen?: number;
  /** MAXTARGETS: targets one PRIVMSG or NOTICE may name. */
  maxTargets?: number;
  /** LINELEN: only when lines longer than 512 bytes are accepted. */
  lineLen?: number;
  /** UTF8ONLY: clients must switch to UTF-8; every line the server sends is UTF-8. */
  utf8Only?: boolean;
  /** CHATHISTORY: most messages one CHATHISTORY request returns. */
  chatHistory?: number;
  /** MSGREFTYPES: how CHATHISTORY may name a message (msgid, timestamp), preferred first. */
  msgRefTypes?: readonly string[];
  /** MONITOR: most nicks one client may monitor. */
  monitor?: number;
  /** WHOX: WHO takes a field list and answers with 354. */
  whox?: boolean;
}

/**
 * What chat-line's names fix (casemap.ts): the rest depends on the server's settings.
 * PREFIX=(o)@ shows room owners and operators as channel operators; CHANMODES lists +i,
 * a private room. UTF8ONLY because every line sent is UTF-8 and the framer turns what
 * is not into UTF-8 before anyone sees it.
 */
export const CHAT_LINE_ISUPPORT = {
  caseMapping: CASEMAPPING,
  chanTypes: CHANNEL_PREFIX,
  nickLen: NICK_MAX_LENGTH,
  channelLen: CHANNEL_MAX_LENGTH,
  prefix: { modes: 'o', symbols: '@' },
  chanModes: ['', '', '', 'i'],
  utf8Only: true,
} as const satisfies Partial<IsupportSettings>;

/** At most this many tokens in one 005 (Modern IRC: "<1-13 tokens>"). */
export const ISUPPORT_TOKENS_PER_LINE = 13;

/** Values escape space, '\' and '=' as \xHH; controls too, though none should be there. */
export function escapeIsupportValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among those escaped
  return value.replace(/[\x00-\x20\\=\x7f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function token(name: string, value?: string | number): string {
  return value === undefined ? name : `${name}=${escapeIsupportValue(String(value))}`;
}

/** The tokens for `settings`, in a fixed order. */
export function isupportTokens(settings: IsupportSettings): string[] {
  if (settings.prefix.modes.length !== settings.prefix.symbols.length) {
    throw new RangeError(`PREFIX needs one symbol per mode: (${settings.prefix.modes})${settings.prefix.symbols}`);
  }
  const tokens = [
    token('NETWORK', settings.network),
    token('CASEMAPPING', settings.caseMapping),
    token('CHANTYPES', settings.chanTypes),
    token('CHANMODES', settings.chanModes.join(',')),
    token('PREFIX', `(${settings.prefix.modes})${settings.prefix.symbols}`),
    token('NICKLEN', settings.nickLen),
    token('CHANNELLEN', settings.channelLen),
  ];
  const optional: [string, string | number | undefined][] = [
    ['TOPICLEN', settings.topicLen],
    ['AWAYLEN', settings.awayLen],
    ['KICKLEN', settings.kickLen],
    ['MAXTARGETS', settings.maxTargets],
    ['LINELEN', settings.lineLen],
    ['MONITOR', settings.monitor],
    ['CHATHISTORY', settings.chatHistory],
    ['MSGREFTYPES', settings.msgRefTypes?.join(',')],
  ];
  for (const [name, value] of optional) if (value !== undefined) tokens.push(token(name, value));
  if (settings.whox === true) tokens.push(token('WHOX'));
  if (settings.utf8Only === true) tokens.push(token('UTF8ONLY'));
  return tokens;
}

/**
 * The 005 lines for `nick` (or `*`): `:<server> 005 <nick> <tokens> :are supported by this
 * server`, at most 13 tokens each and each within 512 bytes.
 */
export function isupportReplies(server: string, nick: string | undefined, tokens: readonly string[]): IrcMessage[] {
  const text = NUMERIC_TEXT.RPL_ISUPPORT;
  // The tokens go between the nick and the text: one space before each.
  const room = IRC_MESSAGE_BODY_BYTES - messageBytes(numericReply(server, nick, 'RPL_ISUPPORT', text)) - 1;
  return packWords(tokens, room, ISUPPORT_TOKENS_PER_LINE).map((group) => numericReply(server, nick, 'RPL_ISUPPORT', ...group, text));
}
