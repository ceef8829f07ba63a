import { isValidNick, normalizeRoomName } from '../../chat/text/names.js';

/**
 * How IRC names map to chat-line's.
 *
 * CASEMAPPING is `ascii`: chat-line compares nicks and rooms ignoring ASCII case and allows
 * nothing but ASCII letters, digits, '_' and '-' in them (names.ts), so the rfc1459 rule
 * that also folds `[]\~` onto `{}|^` could never apply, and would only make clients
 * believe two names are one when chat-line says they are not.
 *
 * Channels are chat-line rooms with a '#': `#general` is the room `general`. Channel names
 * chat-line cannot hold (`&local`, `#a.b`, `#café`, over 32 characters) have no room:
 * ircChannelToRoom returns undefined and the caller answers 403 ERR_NOSUCHCHANNEL (or
 * 479 ERR_BADCHANNAME when creating).
 */

export const CASEMAPPING = 'ascii';
/** The one channel prefix: chat-line has no server-local (`&`) or other kinds of room. */
export const CHANNEL_PREFIX = '#';
/** Longest nick (names.ts NICK_PATTERN). */
export const NICK_MAX_LENGTH = 24;
/** Longest room name (names.ts ROOM_PATTERN); an IRC channel adds its '#'. */
export const ROOM_MAX_LENGTH = 32;
export const CHANNEL_MAX_LENGTH = ROOM_MAX_LENGTH + CHANNEL_PREFIX.length;

/** A-Z to a-z and nothing else, as CASEMAPPING=ascii says (String#toLowerCase folds far more). */
export function ircFold(name: string): string {
  return name.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** Whether two nicks or channels are the same name under CASEMAPPING=ascii. */
export function ircEquals(a: string, b: string): boolean {
  return a.length === b.length && ircFold(a) === ircFold(b);
}

/** A PRIVMSG, NOTICE or MODE target is a channel when it starts with a channel prefix. */
export function isChannelName(target: string): boolean {
  return target.startsWith(CHANNEL_PREFIX);
}

/** `#General` -> `general`; undefined when chat-line has no such room name. */
export function ircChannelToRoom(channel: string): string | undefined {
  if (!isChannelName(channel)) return undefined;
  const name = channel.slice(CHANNEL_PREFIX.length);
  // normalizeRoomName would also take a second '#' off (`##dev`), which IRC means as another
  // name, and its toLowerCase folds more than ASCII: the Kelvin sign U+212A becomes 'k'.
  if (name.startsWith(CHANNEL_PREFIX) || name.toLowerCase() !== ircFold(name)) return undefined;
  return normalizeRoomName(name);
}

/** `general` -> `#general`: how a room is named to IRC clients. */
export function roomToIrcChannel(room: string): string {
  return CHANNEL_PREFIX + room;
}

/**
 * The chat-line nick for an IRC nick, or undefined when chat-line would refuse it (IRC
 * allows `[`, `]`, `\`, `` ` ``, `^`, `{`, `|`, `}` and a leading '_'; chat-line does not):
 * the caller answers 432 ERR_ERRONEUSNICKNAME. The case is kept, as chat-line keeps it.
 */
export function ircNickToChatNick(nick: string): string | undefined {
  return isValidNick(nick) ? nick : undefined;
}
