import type { QueuedMessage } from '../../chat/messages.js';
import { refusalOf } from '../../chat/refusals.js';
import { ircChannelToRoom, ircEquals, ircNickToChatNick, isChannelName } from './casemap.js';
import type { IrcConnection } from './irc-connection.js';
import { readIrcText } from './irc-formatting.js';
import { SERVICE_NICK } from './irc-identity.js';
import { runService } from './irc-service.js';

/** MAXTARGETS in ISUPPORT. */
export const MAX_TARGETS = 4;

/**
 * PRIVMSG and NOTICE: to a channel (a message to its room), to a nick (a private message,
 * online or not), or to the service nick (a chat-line command). The chat has no notices of
 * its own: a NOTICE is stored as a message, but as IRC asks, nothing is ever answered to
 * one, not even a refusal.
 */
export async function sendMessage(conn: IrcConnection, params: readonly string[], notice: boolean): Promise<void> {
  const [targets, text] = params;
  if (targets === undefined || targets === '') {
    if (!notice) conn.reply('ERR_NORECIPIENT', 'No recipient given (PRIVMSG)');
    return;
  }
  if (text === undefined || text === '') {
    if (!notice) conn.textReply('ERR_NOTEXTTOSEND');
    return;
  }
  const list = targets.split(',').filter((t) => t !== '');
  if (list.length > MAX_TARGETS) {
    if (!notice) conn.textReply('ERR_TOOMANYTARGETS', targets);
    return;
  }
  for (const target of list) {
    try {
      await sendTo(conn, target, text, notice);
    } catch (error) {
      if (!notice || !refusalOf(error)) throw error;
    }
  }
}

async function sendTo(conn: IrcConnection, target: string, raw: string, notice: boolean): Promise<void> {
  const { chat } = conn;
  const nick = conn.me.nick;
  if (ircEquals(target, SERVICE_NICK)) {
    if (!notice) await runService(conn, raw);
    return;
  }
  const read = readIrcText(raw);
  if (read.kind === 'ctcp') return;
  let queued: QueuedMessage;
  if (isChannelName(target)) {
    const room = ircChannelToRoom(target);
    if (room === undefined) {
      conn.textReply('ERR_NOSUCHCHANNEL', target);
      return;
    }
    chat.rooms.visibleTo(nick, room);
    queued = await chat.messages.post(nick, room, read.text, { action: read.kind === 'action' });
  } else {
    const to = ircNickToChatNick(target);
    if (to === undefined) {
      conn.textReply('ERR_NOSUCHNICK', target);
      return;
    }
    // A private message has no /me of its own: the action reads as it would in a room.
    queued = await chat.messages.sendPrivate(nick, to, read.kind === 'action' ? `* ${nick} ${read.text}` : read.text);
  }
  const own = conn.expectEcho(queued.message);
  conn.answeredByEcho();
  const recipient = queued.message.to;
  conn.finishLater(
    queued.stored.then(
      () => {
        if (recipient === null || notice) return;
        const presence = chat.presence.of(recipient);
        if (!presence.online) conn.reply('RPL_AWAY', recipient, 'is offline: your message waits for them');
        else if (presence.away !== null) conn.reply('RPL_AWAY', recipient, presence.away);
      },
      (error: unknown) => {
        conn.forgetEcho(own);
        throw error;
      },
    ),
  );
}
