import { isOperator } from '../../chat/moderation/operators.js';
import { sameNick } from '../../chat/private-rooms.js';
import type { RoomState } from '../../chat/hub/room-directory.js';
import { roomToIrcChannel } from './casemap.js';
import type { IrcConnection } from './irc-connection.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import type { IrcMessage } from './irc-message.js';
import { numericReply, textReply } from './numerics.js';
import { packWords, roomForLastParam } from './pack-words.js';

/**
 * What IRC shows of a room: its members (everyone who is in it, online or not: a member
 * gets every message, now or at their next login), `@` before its owner and the server's
 * operators, and `+i` for a private room.
 */

/** Room owners and the server's operators are channel operators. */
export function isChannelOperator(conn: Pick<IrcConnection, 'config'>, state: RoomState, nick: string): boolean {
  return sameNick(state.record.owner, nick) || isOperator(conn.config, nick);
}

/** 353 RPL_NAMREPLY over as many lines as it takes, then 366. */
export function namesReplies(conn: IrcConnection, state: RoomState): IrcMessage[] {
  const nick = conn.me.nick;
  const channel = roomToIrcChannel(state.record.name);
  const symbol = state.record.visibility === 'private' ? '@' : '=';
  const names = [...state.members].sort((a, b) => a.localeCompare(b)).map((member) => (isChannelOperator(conn, state, member) ? `@${member}` : member));
  const room = roomForLastParam(numericReply(IRC_SERVER_NAME, nick, 'RPL_NAMREPLY', symbol, channel, ''));
  const lines = packWords(names, room).map((group) => numericReply(IRC_SERVER_NAME, nick, 'RPL_NAMREPLY', symbol, channel, group.join(' ')));
  return [...lines, textReply(IRC_SERVER_NAME, nick, 'RPL_ENDOFNAMES', channel)];
}

/** 332 and 333 for a room with a topic; `ifNone`: 331 for one without (TOPIC asks; a JOIN shows nothing then). */
export function topicReplies(conn: IrcConnection, state: RoomState, ifNone: boolean): IrcMessage[] {
  const channel = roomToIrcChannel(state.record.name);
  const { topic } = state.record;
  const nick = conn.me.nick;
  if (!topic) return ifNone ? [textReply(IRC_SERVER_NAME, nick, 'RPL_NOTOPIC', channel)] : [];
  return [numericReply(IRC_SERVER_NAME, nick, 'RPL_TOPIC', channel, topic.text), numericReply(IRC_SERVER_NAME, nick, 'RPL_TOPICWHOTIME', channel, topic.by, String(Math.floor(topic.at / 1000)))];
}

/** What a client is sent when it is in a channel: the topic, then NAMES. */
export function channelBurst(conn: IrcConnection, state: RoomState): IrcMessage[] {
  return [...topicReplies(conn, state, false), ...namesReplies(conn, state)];
}

/** `+i` for a private room, `+` for a public one. */
export function channelModes(state: RoomState): string {
  return state.record.visibility === 'private' ? '+i' : '+';
}
