import { isOperator } from '../../chat/moderation/operators.js';
import { sameNick } from '../../chat/private-rooms.js';
import { refuse } from '../../chat/refusals.js';
import type { RoomState } from '../../chat/hub/room-directory.js';
import { ircChannelToRoom, isChannelName, roomToIrcChannel } from './casemap.js';
import { channelBurst, channelModes, isChannelOperator, namesReplies, topicReplies } from './irc-channel-info.js';
import type { IrcConnection } from './irc-connection.js';
import { joinMessage } from './irc-presenter.js';
import { CAPS } from './irc-caps.js';
import { sendHistory } from './irc-chathistory.js';

/**
 * Channel verbs: JOIN, PART, NAMES, LIST, TOPIC, MODE, KICK, INVITE, each on the chat's
 * rooms as the line protocol's /chats, /leave, /who, /get_chats, /kick and /invite are.
 */

/** The room a channel names, or 403 (479 for a name chat-line cannot hold, when creating). */
function roomOf(conn: IrcConnection, channel: string | undefined, creating = false): string | undefined {
  if (channel === undefined || channel === '') {
    conn.textReply('ERR_NEEDMOREPARAMS', 'JOIN');
    return undefined;
  }
  const room = ircChannelToRoom(channel);
  if (room === undefined) {
    if (creating && isChannelName(channel)) conn.reply('ERR_BADCHANNAME', channel, 'Illegal channel name: a room name is 1-32 characters: letters, digits, _ or -');
    else conn.textReply('ERR_NOSUCHCHANNEL', channel);
  }
  return room;
}

/** A room the client can see, or 403 as for a missing one. */
function visible(conn: IrcConnection, channel: string | undefined): RoomState | undefined {
  const room = roomOf(conn, channel);
  if (room === undefined) return undefined;
  return conn.chat.rooms.visibleTo(conn.me.nick, room);
}

/** JOIN #a,#b [key,key]: join (creating public rooms); a key on a private room is a join link's token. */
export async function joinVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const channels = (params[0] ?? '').split(',');
  const keys = (params[1] ?? '').split(',');
  if (params[0] === '0') {
    conn.serviceNotice('JOIN 0 would leave every room; leave them one at a time with PART.');
    return;
  }
  for (const [i, channel] of channels.entries()) {
    const room = roomOf(conn, channel, true);
    if (room === undefined) continue;
    try {
      await joinOne(conn, room, keys[i]);
    } catch (error) {
      conn.report(error);
    }
  }
}

async function joinOne(conn: IrcConnection, room: string, key: string | undefined): Promise<void> {
  const { chat } = conn;
  const nick = conn.me.nick;
  if (key !== undefined && key !== '' && !chat.rooms.isMember(room, nick)) {
    const outcome = await chat.privateRooms.requestJoin(nick, key);
    if (outcome.kind === 'requested') {
      conn.serviceNotice("Your request to join was sent to the room's owner; you will be told the answer.");
      return;
    }
    if (outcome.kind === 'waiting') {
      conn.serviceNotice("You have asked already; the room's owner has not answered yet.");
      return;
    }
    room = outcome.room;
  }
  // As /chats: a room that exists but is hidden from the caller is neither joined nor revealed, unless its owner let them in.
  if ((await chat.rooms.find(room)) && !(await chat.privateRooms.admit(nick, room))) chat.rooms.visibleTo(nick, room);
  const { joined, created } = await chat.rooms.join(nick, room);
  const state = chat.rooms.get(room);
  if (!state) return;
  // A new member's JOIN and NAMES come with the chat's notice, to every session of theirs.
  if (!joined) {
    conn.send(joinMessage(nick, roomToIrcChannel(room), conn.bits, conn.guest));
    for (const reply of channelBurst(conn, state)) conn.send(reply);
  }
  // As /chats shows them: the room's last messages, unless the client fetches history itself.
  if (!created && !conn.caps.has(CAPS.chathistory)) await replayHistory(conn, room);
}

/** The last --history messages of a room, as stored messages are replayed (their time as a tag, or in the text). */
async function replayHistory(conn: IrcConnection, room: string): Promise<void> {
  const messages = await conn.chat.messages.history(room, conn.config.historySize);
  const me = { nick: conn.me.nick, ignores: conn.me.ignores };
  const shown = messages.filter((m) => !me.ignores.has(m.from.toLowerCase()));
  if (shown.length > 0) sendHistory(conn, roomToIrcChannel(room), shown);
}

export async function partVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  if (params[0] === undefined) {
    conn.textReply('ERR_NEEDMOREPARAMS', 'PART');
    return;
  }
  for (const channel of params[0].split(',')) {
    try {
      const state = visible(conn, channel);
      if (state) await conn.chat.rooms.leave(conn.me.nick, state.record.name);
    } catch (error) {
      conn.report(error);
    }
  }
}

export function namesVerb(conn: IrcConnection, params: readonly string[]): void {
  const channel = params[0]?.split(',')[0];
  const room = channel === undefined ? undefined : ircChannelToRoom(channel);
  const state = room === undefined ? undefined : conn.chat.rooms.get(room);
  if (state && (state.record.visibility === 'public' || state.members.has(conn.me.nick))) {
    for (const reply of namesReplies(conn, state)) conn.send(reply);
  } else {
    conn.textReply('RPL_ENDOFNAMES', channel ?? '*');
  }
}

export function listVerb(conn: IrcConnection): void {
  conn.reply('RPL_LISTSTART', 'Channel', 'Users  Name');
  for (const room of conn.chat.rooms.list(conn.me.nick)) {
    const topic = conn.chat.rooms.get(room.name)?.record.topic?.text ?? `${room.online} online`;
    conn.reply('RPL_LIST', roomToIrcChannel(room.name), String(room.members), `[${room.visibility === 'private' ? '+i' : '+'}] ${topic}`);
  }
  conn.textReply('RPL_LISTEND');
}

/** TOPIC #room shows its topic (332, 333) or 331; TOPIC #room :text sets it (its owner or an operator), :'' clears it. */
export async function topicVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const state = visible(conn, params[0]);
  if (!state) return;
  const text = params[1];
  if (text === undefined) {
    for (const reply of topicReplies(conn, state, true)) conn.send(reply);
    return;
  }
  // Every member is told with a TOPIC, this client too.
  await conn.chat.rooms.setTopic(conn.me.nick, state.record.name, text, isOperator(conn.config, conn.me.nick));
}

/** MODE #room shows +i for a private room; a mode cannot be changed (visibility is chosen when a room is made). */
export function modeVerb(conn: IrcConnection, params: readonly string[]): void {
  const target = params[0];
  if (target === undefined) {
    conn.textReply('ERR_NEEDMOREPARAMS', 'MODE');
    return;
  }
  if (!isChannelName(target)) {
    if (sameNick(conn.me.nick, target)) conn.reply('RPL_UMODEIS', isOperator(conn.config, conn.me.nick) ? '+o' : '+');
    else conn.textReply('ERR_USERSDONTMATCH');
    return;
  }
  const state = visible(conn, target);
  if (!state) return;
  const channel = roomToIrcChannel(state.record.name);
  const modes = params[1];
  if (modes === undefined) {
    conn.reply('RPL_CHANNELMODEIS', channel, channelModes(state));
    conn.reply('RPL_CREATIONTIME', channel, String(Math.floor(state.record.createdAt / 1000)));
    return;
  }
  // Lists asked for (bans, exceptions, invite exceptions): there are none.
  if (/^[+-]?[beI]+$/.test(modes) && params.length === 2) {
    conn.reply(modes.includes('b') ? 'RPL_ENDOFBANLIST' : modes.includes('e') ? 'RPL_ENDOFEXCEPTLIST' : 'RPL_ENDOFINVEXLIST', channel, 'End of list');
    return;
  }
  if (!isChannelOperator(conn, state, conn.me.nick)) {
    conn.reply('ERR_CHANOPRIVSNEEDED', channel, "You're not channel operator");
    return;
  }
  for (const char of modes.replace(/[+-]/g, '')) {
    if (char === 'i') conn.serviceNotice(`Whether ${channel} is private is set when it is made (/msg *server* chats <room> --private).`);
    else conn.reply('ERR_UNKNOWNMODE', char, 'is unknown mode char to me');
  }
}

/** KICK #room nick: the owner of a private room removes a member; an operator removes one from any room. */
export async function kickVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const [channel, target] = params;
  if (target === undefined) {
    conn.textReply('ERR_NEEDMOREPARAMS', 'KICK');
    return;
  }
  const state = visible(conn, channel);
  if (!state) return;
  const { chat } = conn;
  const nick = conn.me.nick;
  const room = state.record.name;
  if (state.record.visibility === 'private' && sameNick(state.record.owner, nick)) {
    await chat.privateRooms.kick(nick, room, target);
    return;
  }
  if (!isOperator(conn.config, nick)) throw refuse.notRoomOwner(room, state.record.owner);
  const member = chat.rooms.members(room).find((m) => sameNick(m.nick, target))?.nick;
  if (member === undefined) throw refuse.otherNotAMember(target, room);
  await chat.rooms.kick(room, member, nick);
}

/** INVITE nick #room: the owner of a private room lets someone in (they are told, now or at their next login). */
export async function inviteVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const [target, channel] = params;
  if (channel === undefined || target === undefined) {
    conn.textReply('ERR_NEEDMOREPARAMS', 'INVITE');
    return;
  }
  const state = visible(conn, channel);
  if (!state) return;
  const room = state.record.name;
  if (state.record.visibility !== 'private') throw refuse.notPrivate(room);
  if (!sameNick(state.record.owner, conn.me.nick)) throw refuse.notRoomOwner(room, state.record.owner);
  const invited = await conn.chat.privateRooms.invite(conn.me.nick, room, target);
  conn.reply('RPL_INVITING', invited, roomToIrcChannel(room));
}
