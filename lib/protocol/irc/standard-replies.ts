import type { IrcMessage } from './irc-message.js';

/**
 * IRCv3 standard replies: `FAIL|WARN|NOTE <command> <code> [<context>...] :<description>`.
 * They carry what has no numeric: chat-line's refusals keep their stable code (RATE_LIMITED,
 * MUTED, ...) so that bots can act on it, and people read the description.
 */

export type StandardReplyType = 'FAIL' | 'WARN' | 'NOTE';

/** For replies not caused by one command (on connect, a notice from the chat). */
export const NO_COMMAND = '*';

const CODE = /^[A-Z0-9_]+$/;

export interface StandardReply {
  type: StandardReplyType;
  /** The command that caused it, upper-case, or `*`. */
  command: string;
  /** Machine-readable: A-Z, 0-9 and '_'. */
  code: string;
  /** Extra parameters for whoever debugs (a subcommand, a target). */
  context?: readonly string[];
  description: string;
}

/** The reply as a message from `server`. Throws a RangeError for a code that is not A-Z, 0-9, '_'. */
export function standardReply(server: string, reply: StandardReply): IrcMessage {
  if (!CODE.test(reply.code)) throw new RangeError(`not a standard reply code: ${JSON.stringify(reply.code)}`);
  return {
    source: server,
    command: reply.type,
    params: [reply.command === '' ? NO_COMMAND : reply.command.toUpperCase(), reply.code, ...(reply.context ?? []), reply.description],
  };
}

/**
 * The same reply for a client that did not enable `standard-replies` (which clients need
 * before a server sends replies their specs do not name): a NOTICE that keeps the code.
 */
export function standardReplyNotice(server: string, nick: string, reply: StandardReply): IrcMessage {
  const about = reply.command === '' || reply.command === NO_COMMAND ? '' : ` ${reply.command.toUpperCase()}`;
  return { source: server, command: 'NOTICE', params: [nick, `${reply.type}${about} ${reply.code}: ${reply.description}`] };
}
