import { isOperator } from '../../chat/moderation/operators.js';
import type { UserPresence } from '../../chat/presence.js';
import { refuse } from '../../chat/refusals.js';
import { isValidNick } from '../../chat/text/names.js';
import { ircChannelToRoom, isChannelName, roomToIrcChannel } from './casemap.js';
import { isChannelOperator } from './irc-channel-info.js';
import type { IrcConnection } from './irc-connection.js';
import { IRC_SERVER_NAME, userAndHost } from './irc-identity.js';
import { motdReplies } from './irc-welcome.js';
import { lusersFor } from './irc-welcome-flow.js';
import type { RoomState } from '../../chat/hub/room-directory.js';

/** Verbs about users: WHO, WHOIS, WHOWAS, AWAY, ISON, KILL, and MOTD and LUSERS. */

/** The nick as registered, or as an online guest has it; undefined for nobody. */
async function knownNick(conn: IrcConnection, nick: string): Promise<string | undefined> {
  if (!isValidNick(nick)) return undefined;
  const record = await conn.chat.user(nick);
  if (record) return record.nick;
  return conn.chat.hub.onlineUser(nick)?.nick;
}

/** H here, G away or not connected (a member who gets messages later); `*` an operator; `@` the channel's operator. */
function whoFlags(conn: IrcConnection, presence: UserPresence, nick: string, state: RoomState | undefined): string {
  const here = presence.online && presence.away === null ? 'H' : 'G';
  return here + (isOperator(conn.config, nick) ? '*' : '') + (state && isChannelOperator(conn, state, nick) ? '@' : '');
}

function whoReply(conn: IrcConnection, channel: string, nick: string, state: RoomState | undefined): void {
  const [user, host] = userAndHost(nick);
  conn.reply('RPL_WHOREPLY', channel, user, host, IRC_SERVER_NAME, nick, whoFlags(conn, conn.chat.presence.of(nick), nick, state), `0 ${nick}`);
}

export async function whoVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const mask = params[0] ?? '*';
  if (isChannelName(mask)) {
    const room = ircChannelToRoom(mask);
    const state = room === undefined ? undefined : conn.chat.rooms.get(room);
    if (state && (state.record.visibility === 'public' || state.members.has(conn.me.nick))) {
      for (const member of [...state.members].sort()) whoReply(conn, roomToIrcChannel(state.record.name), member, state);
    }
  } else {
    const nick = await knownNick(conn, mask);
    if (nick !== undefined) whoReply(conn, '*', nick, undefined);
  }
  conn.textReply('RPL_ENDOFWHO', mask);
}

export async function whoisVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  // WHOIS [server] nick: the last parameter is the nick.
  const wanted = params[params.length - 1]?.split(',')[0];
  if (wanted === undefined) {
    conn.textReply('ERR_NONICKNAMEGIVEN');
    return;
  }
  const nick = await knownNick(conn, wanted);
  if (nick === undefined) {
    conn.textReply('ERR_NOSUCHNICK', wanted);
    conn.textReply('RPL_ENDOFWHOIS', wanted);
    return;
  }
  const { chat } = conn;
  const [user, host] = userAndHost(nick);
  conn.reply('RPL_WHOISUSER', nick, user, host, '*', nick);
  const mine = new Set(chat.rooms.roomsOf(conn.me.nick));
  // Rooms anyone may know of, and private ones the asker shares.
  const rooms = chat.rooms.roomsOf(nick).filter((room) => mine.has(room) || chat.rooms.get(room)?.record.visibility === 'public');
  if (rooms.length > 0) conn.reply('RPL_WHOISCHANNELS', nick, rooms.map((room) => roomToIrcChannel(room)).join(' '));
  conn.reply('RPL_WHOISSERVER', nick, IRC_SERVER_NAME, 'chat-line');
  const presence = chat.presence.of(nick);
  if (!presence.online) conn.reply('RPL_AWAY', nick, 'is offline: messages wait for them');
  else if (presence.away !== null) conn.reply('RPL_AWAY', nick, presence.away);
  if (isOperator(conn.config, nick)) conn.textReply('RPL_WHOISOPERATOR', nick);
  if (!chat.rooms.isGuest(nick)) conn.textReply('RPL_WHOISACCOUNT', nick, nick);
  conn.textReply('RPL_ENDOFWHOIS', nick);
}

/** Nobody's past nicks are kept. */
export function whowasVerb(conn: IrcConnection, params: readonly string[]): void {
  const nick = params[0] ?? '*';
  conn.textReply('ERR_WASNOSUCHNICK', nick);
  conn.textReply('RPL_ENDOFWHOWAS', nick);
}

export function awayVerb(conn: IrcConnection, params: readonly string[]): void {
  const text = params[0];
  if (text === undefined || text === '') {
    conn.chat.presence.setAway(conn.me.nick, null);
    conn.textReply('RPL_UNAWAY');
  } else {
    conn.chat.presence.setAway(conn.me.nick, text);
    conn.textReply('RPL_NOWAWAY');
  }
}

export async function isonVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const online: string[] = [];
  for (const word of params.join(' ').split(' ')) {
    const nick = word === '' ? undefined : await knownNick(conn, word);
    if (nick !== undefined && conn.chat.presence.of(nick).online) online.push(nick);
  }
  conn.reply('RPL_ISON', online.join(' '));
}

/** KILL nick [reason]: an operator disconnects every session of a user (the line protocol's /kick <nick>). */
export async function killVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const target = params[0];
  if (target === undefined) {
    conn.textReply('ERR_NEEDMOREPARAMS', 'KILL');
    return;
  }
  if (!isOperator(conn.config, conn.me.nick)) {
    conn.textReply('ERR_NOPRIVILEGES');
    return;
  }
  const nick = await knownNick(conn, target);
  if (nick === undefined) throw refuse.noSuchUser(target);
  if (!conn.chat.presence.of(nick).online) throw refuse.notOnline(nick);
  const sessions = conn.chat.operators.disconnect(nick, conn.me.nick);
  conn.serviceNotice(`disconnected ${nick} (${sessions} session${sessions === 1 ? '' : 's'})`);
}

export function motdVerb(conn: IrcConnection): void {
  for (const reply of motdReplies(IRC_SERVER_NAME, conn.me.nick, conn.chat.motd)) conn.send(reply);
}

export function lusersVerb(conn: IrcConnection): void {
  for (const reply of lusersFor(conn)) conn.send(reply);
}
