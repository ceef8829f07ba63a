import { SYSTEM_SENDER } from '../../chat/text/names.js';

/**
 * How chat-line names itself and its users to IRC clients. Every server of a cluster is
 * one network and answers as one server name: clients see one chat, not its processes.
 * Hosts are not shown (a user's address is nobody else's business): every user is
 * `nick!nick@chat-line`.
 */
export const IRC_SERVER_NAME = 'chat-line';
export const IRC_NETWORK = 'chat-line';
const USER_HOST = 'chat-line';

/**
 * The service nick: IRC has no verb for most of chat-line's commands (schedule, comment,
 * thread, ban...), so they are sent to it as text (`/msg *server* schedule +10m stand-up`),
 * and it answers with NOTICEs. It is the sender of the chat's own private notices too.
 */
export const SERVICE_NICK = SYSTEM_SENDER;

/** `nick!user@host` of a user (or of the service nick) as a message's source. */
export function userMask(nick: string): string {
  return nick === SERVICE_NICK ? `${SERVICE_NICK}!service@${USER_HOST}` : `${nick}!${nick}@${USER_HOST}`;
}

/** The user name and host WHO and WHOIS show. */
export function userAndHost(nick: string): [string, string] {
  return [nick === SERVICE_NICK ? 'service' : nick, USER_HOST];
}
