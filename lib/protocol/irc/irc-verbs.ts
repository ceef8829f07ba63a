import { ircEquals } from './casemap.js';
import { inviteVerb, joinVerb, kickVerb, listVerb, modeVerb, namesVerb, partVerb, topicVerb } from './irc-channel-verbs.js';
import type { IrcConnection } from './irc-connection.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import { guestRegisters } from './irc-account-registration.js';
import type { ParsedIrcMessage } from './irc-message.js';
import { sendMessage } from './irc-messaging.js';
import { chathistoryVerb } from './irc-chathistory.js';
import { runServiceCommand } from './irc-service.js';
import { awayVerb, isonVerb, killVerb, lusersVerb, motdVerb, whoisVerb, whoVerb, whowasVerb } from './irc-user-verbs.js';

/** One IRC verb of a registered client. */
type Verb = (conn: IrcConnection, params: readonly string[]) => Promise<void> | void;

/** The dispatch table, after registration: one handler per verb (the files it imports hold them). */
const VERBS: Readonly<Record<string, Verb>> = {
  PRIVMSG: (conn, params) => sendMessage(conn, params, false),
  NOTICE: (conn, params) => sendMessage(conn, params, true),
  JOIN: joinVerb,
  PART: partVerb,
  NAMES: namesVerb,
  LIST: listVerb,
  TOPIC: topicVerb,
  MODE: modeVerb,
  KICK: kickVerb,
  INVITE: inviteVerb,
  WHO: whoVerb,
  WHOIS: whoisVerb,
  WHOWAS: whowasVerb,
  AWAY: awayVerb,
  ISON: isonVerb,
  KILL: killVerb,
  MOTD: motdVerb,
  CHATHISTORY: chathistoryVerb,
  LUSERS: lusersVerb,
  PING: (conn, params) => {
    conn.send({ source: IRC_SERVER_NAME, command: 'PONG', params: [IRC_SERVER_NAME, params[0] ?? ''] });
  },
  PONG: () => undefined,
  QUIT: (conn, params) => {
    conn.close(params[0] === undefined ? 'Quit' : `Quit: ${params[0]}`);
  },
  CAP: (conn, params) => {
    for (const reply of conn.caps.handle(conn.me.nick, params)) conn.send(reply);
    conn.capsChanged();
  },
  NICK: (conn, params) => {
    if (params[0] !== undefined && ircEquals(params[0], conn.me.nick)) return;
    conn.reply('ERR_NICKLOCKED', `Your nick is your account here (${conn.me.nick}): to use another, connect with it.`);
  },
  USER: (conn) => {
    conn.textReply('ERR_ALREADYREGISTERED');
  },
  PASS: (conn) => {
    conn.textReply('ERR_ALREADYREGISTERED');
  },
  REGISTER: async (conn, params) => {
    if (!conn.guest) {
      conn.send({ source: IRC_SERVER_NAME, command: 'FAIL', params: ['REGISTER', 'ALREADY_AUTHENTICATED', conn.me.nick, `You are logged in to ${conn.me.nick} already.`] });
      return;
    }
    for (const reply of (await guestRegisters(conn, params)).replies) conn.send(reply);
  },
};

/**
 * Runs one verb. A verb IRC does not have but chat-line has as a command (`/quote
 * SCHEDULE +10m stand-up`) runs as that command, as if sent to the service nick.
 */
export async function runVerb(conn: IrcConnection, command: string, message: ParsedIrcMessage): Promise<void> {
  const verb = VERBS[command];
  if (verb) {
    await verb(conn, message.params);
    return;
  }
  const name = command.toLowerCase();
  if (conn.commands.has(name)) {
    await runServiceCommand(conn, name, message.params.join(' '));
    return;
  }
  conn.textReply('ERR_UNKNOWNCOMMAND', command);
}
