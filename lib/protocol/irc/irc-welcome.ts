import type { ChatStats } from '../../chat/presence.js';
import { CHAT_LINE_ISUPPORT, isupportReplies, isupportTokens } from './isupport.js';
import type { IrcMessage } from './irc-message.js';
import { IRC_NETWORK } from './irc-identity.js';
import { numericReply, textReply } from './numerics.js';
import { IRC_MESSAGE_BODY_BYTES } from './limits.js';
import { cutToBytes } from './split-text.js';
import { CHATHISTORY_MAX } from './irc-chathistory.js';
import { formatDate } from '../../util/date-text.js';

/** The replies that end registration (Modern IRC "Connection Registration"), built as data. */

export function isupport(server: string, nick: string): IrcMessage[] {
  const tokens = isupportTokens({
    ...CHAT_LINE_ISUPPORT,
    chanModes: [...CHAT_LINE_ISUPPORT.chanModes],
    network: IRC_NETWORK,
    // Room messages have no topic length of their own: one line's worth.
    topicLen: 390,
    awayLen: 390,
    kickLen: 390,
    maxTargets: 4,
    chatHistory: CHATHISTORY_MAX,
    msgRefTypes: ['msgid'],
  });
  return isupportReplies(server, nick, tokens);
}

/** 001-004, then 005. */
export function welcomeReplies(server: string, nick: string, version: string, startedAt: number): IrcMessage[] {
  return [
    numericReply(server, nick, 'RPL_WELCOME', `Welcome to the ${IRC_NETWORK} Network, ${nick}`),
    numericReply(server, nick, 'RPL_YOURHOST', `Your host is ${server}, running version chat-line-${version}`),
    numericReply(server, nick, 'RPL_CREATED', `This server was created ${formatDate(startedAt, 'yyyy-MM-dd HH:mm:ss xxx')}`),
    numericReply(server, nick, 'RPL_MYINFO', server, `chat-line-${version}`, 'o', 'i'),
    ...isupport(server, nick),
  ];
}

/** LUSERS: what anyone may know (the counts /status gives); private rooms of others are not counted. */
export function lusersReplies(server: string, nick: string, stats: ChatStats, visibleRooms: number, operatorsOnline: number): IrcMessage[] {
  return [
    numericReply(server, nick, 'RPL_LUSERCLIENT', `There are ${stats.usersOnline} users and 0 invisible on ${stats.servers} servers`),
    numericReply(server, nick, 'RPL_LUSEROP', String(operatorsOnline), 'operator(s) online'),
    numericReply(server, nick, 'RPL_LUSERCHANNELS', String(visibleRooms), 'channels formed'),
    numericReply(server, nick, 'RPL_LUSERME', `I have ${stats.sessionsHere} clients and ${stats.servers - 1} servers`),
    numericReply(server, nick, 'RPL_LOCALUSERS', String(stats.usersHere), String(stats.usersHere), `Current local users ${stats.usersHere}`),
    numericReply(server, nick, 'RPL_GLOBALUSERS', String(stats.usersOnline), String(stats.usersOnline), `Current global users ${stats.usersOnline}`),
  ];
}

/** 375, a 372 per line (long lines cut), 376; or 422 when there is no message of the day. */
export function motdReplies(server: string, nick: string, motd: string | null): IrcMessage[] {
  if (motd === null) return [textReply(server, nick, 'ERR_NOMOTD')];
  const room = IRC_MESSAGE_BODY_BYTES - 80;
  const lines = motd.split('\n').map((line) => `- ${cutToBytes(line, room)}`);
  return [
    numericReply(server, nick, 'RPL_MOTDSTART', `- ${server} Message of the day -`),
    ...lines.map((line) => numericReply(server, nick, 'RPL_MOTD', line)),
    textReply(server, nick, 'RPL_ENDOFMOTD'),
  ];
}
