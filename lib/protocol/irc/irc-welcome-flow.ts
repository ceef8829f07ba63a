import { catchUp } from '../../chat/catch-up.js';
import type { CatchUpCutoff } from '../../chat/hub/delivery-order.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import { VERSION } from '../../config.js';
import { plural } from '../../util/text-layout.js';
import { formatSpan } from '../../util/date-text.js';
import { formatWhen } from '../../util/time-text.js';
import { roomToIrcChannel } from './casemap.js';
import { channelBurst } from './irc-channel-info.js';
import { CAPS } from './irc-caps.js';
import { sendHistoryByTarget, storedParts } from './irc-chathistory.js';
import type { IrcConnection } from './irc-connection.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import { joinMessage } from './irc-presenter.js';
import { lusersReplies, motdReplies, welcomeReplies } from './irc-welcome.js';

/** LUSERS for this client: rooms it can see, operators online. */
export function lusersFor(conn: IrcConnection): ReturnType<typeof lusersReplies> {
  const { chat, config } = conn;
  const operators = config.admins.filter((nick) => chat.presence.of(nick).online).length;
  return lusersReplies(IRC_SERVER_NAME, conn.me.nick, chat.presence.stats(), chat.rooms.list(conn.me.nick).length, operators);
}

/**
 * Right after registration: 001-005, LUSERS, the message of the day; a guest is told how
 * to keep its nick; a JOIN with NAMES for every room the user is in (they are members
 * whether or not they are connected); then, for an account, everything unread since its
 * last session, oldest first, and where it stands with the rules.
 */
export async function welcomeIrcUser(conn: IrcConnection, user: OnlineUser, cutoff: CatchUpCutoff, created: boolean): Promise<void> {
  const { chat, config } = conn;
  const nick = user.nick;
  for (const reply of [...welcomeReplies(IRC_SERVER_NAME, nick, VERSION, chat.hub.startedAt), ...lusersFor(conn), ...motdReplies(IRC_SERVER_NAME, nick, chat.motd)]) conn.send(reply);
  if (conn.guest) {
    conn.serviceNotice(`You are a guest: ${nick} is yours while you are connected, and what you missed is not kept for you. To keep the nick, its rooms and your unread messages: /msg *server* register <password>`);
  } else if (created) {
    conn.serviceNotice(`You registered ${nick}: log in with the same password next time (PASS or SASL), here or with telnet.`);
  }
  for (const room of chat.rooms.roomsOf(nick)) {
    const state = chat.rooms.get(room);
    if (!state) continue;
    conn.send(joinMessage(nick, roomToIrcChannel(room), conn.bits, conn.guest));
    for (const reply of channelBurst(conn, state)) conn.send(reply);
  }
  if (conn.guest) return;
  const missed = await catchUp(chat, user, user.readCursor, cutoff, { history: 0, unread: config.catchUpLimit, banThreshold: config.banThreshold });
  const total = missed.unreadTotal;
  const moreThan = missed.unreadTotalIsLowerBound ? 'more than ' : '';
  if (missed.unread.length > 0) {
    const mentions = missed.mentions > 0 ? `, ${missed.mentions} ${missed.mentions === 1 ? 'mentions' : 'mention'} you` : '';
    conn.serviceNotice(`Unread since your last visit: ${moreThan}${plural(total, 'message')} in ${plural(missed.conversations, 'conversation')}${mentions}.`);
    if (total > missed.unread.length) conn.serviceNotice(`(${moreThan}${total - missed.unread.length} older unread not shown)`);
    if (conn.caps.has(CAPS.chathistory) && conn.caps.has(CAPS.batch)) sendHistoryByTarget(conn, missed.unread);
    else for (const message of missed.unread) for (const part of storedParts(conn, message)) conn.send(part);
    conn.serviceNotice('End of unread.');
  }
  const { expired } = missed;
  if (expired.count > 0) conn.serviceNotice(`${plural(expired.count, 'unread message')} expired before you came back (messages are kept ${formatSpan(expired.ttlMs)}).`);
  const now = conn.now();
  if (missed.ban) conn.serviceNotice(`You are banned from sending until ${formatWhen(missed.ban.until, now)}; you can still read.`);
  else if (missed.reports > 0) conn.serviceNotice(`${plural(missed.reports, 'user has', 'users have')} reported you; at ${missed.banThreshold} you are banned from sending for a while.`);
}
