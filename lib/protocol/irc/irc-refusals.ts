import type { ErrorCode } from '../../chat/errors.js';
import { isChannelName } from './casemap.js';
import type { IrcMessage } from './irc-message.js';
import { numericReply, type NumericName } from './numerics.js';
import { IrcResponse } from './irc-response.js';

/**
 * A refusal of the chat core (a ChatError's stable code and its words) as an IRC client
 * expects it: the numeric IRC has for it, naming the channel or nick of the command that
 * was refused, with chat-line's words as its text; where IRC has none, a FAIL with the code
 * (a NOTICE keeping the code for clients without standard-replies).
 */

/** The command being answered: its verb and parameters, to name what was refused. */
export interface RefusedCommand {
  command: string;
  params: readonly string[];
}

type Target = 'channel' | 'nick' | 'none';

/** Codes IRC has a numeric for, and what the numeric names. */
const NUMERIC_OF: Partial<Record<ErrorCode, [NumericName, Target]>> = {
  NO_SUCH_USER: ['ERR_NOSUCHNICK', 'nick'],
  NOT_ONLINE: ['ERR_NOSUCHNICK', 'nick'],
  NO_SUCH_ROOM: ['ERR_NOSUCHCHANNEL', 'channel'],
  INVALID_ROOM: ['ERR_BADCHANNAME', 'channel'],
  NOT_ROOM_OWNER: ['ERR_CHANOPRIVSNEEDED', 'channel'],
  NOT_AN_OPERATOR: ['ERR_NOPRIVILEGES', 'none'],
  INVALID_NICK: ['ERR_ERRONEUSNICKNAME', 'nick'],
  NICK_LOOKALIKE: ['ERR_NICKNAMEINUSE', 'nick'],
  NICK_IN_USE: ['ERR_NICKNAMEINUSE', 'nick'],
  WRONG_PASSWORD: ['ERR_PASSWDMISMATCH', 'none'],
  LINE_TOO_LONG: ['ERR_INPUTTOOLONG', 'none'],
  EMPTY_MESSAGE: ['ERR_NOTEXTTOSEND', 'none'],
  UNKNOWN_COMMAND: ['ERR_UNKNOWNCOMMAND', 'none'],
};

/** Refusals of a send to a channel: 404 names the channel, the FAIL that follows keeps the code. */
const CANNOT_SEND: ReadonlySet<ErrorCode> = new Set(['BANNED', 'MUTED', 'RATE_LIMITED', 'NOT_A_MEMBER', 'MESSAGE_TOO_LONG']);

function channelOf(refused: RefusedCommand): string {
  return refused.params.find(isChannelName) ?? refused.params[0] ?? '*';
}

/** The nick a command names: KICK and INVITE name it second or first, the others first. */
function nickOf(refused: RefusedCommand): string {
  if (refused.command === 'KICK') return refused.params[1] ?? '*';
  return refused.params.find((p) => !isChannelName(p)) ?? '*';
}

export interface RefusalContext {
  server: string;
  /** The client's nick, or undefined before it has one. */
  nick: string | undefined;
  standardReplies: boolean;
}

function fail(context: RefusalContext, command: string, code: string, text: string): IrcMessage {
  return IrcResponse.failure(context.standardReplies, context.nick, code, text, command === '' ? '*' : command);
}

export function refusalReplies(context: RefusalContext, code: ErrorCode, text: string, refused: RefusedCommand | undefined): IrcMessage[] {
  const command = refused?.command ?? '';
  const isSend = command === 'PRIVMSG' || command === 'NOTICE';
  if (refused && isSend && CANNOT_SEND.has(code) && isChannelName(channelOf(refused))) {
    return [numericReply(context.server, context.nick, 'ERR_CANNOTSENDTOCHAN', channelOf(refused), text), fail(context, command, code, text)];
  }
  if (refused && code === 'NOT_A_MEMBER') {
    // Someone else is not in the channel (KICK), or the client itself is not.
    return command === 'KICK'
      ? [numericReply(context.server, context.nick, 'ERR_USERNOTINCHANNEL', nickOf(refused), channelOf(refused), text)]
      : [numericReply(context.server, context.nick, 'ERR_NOTONCHANNEL', channelOf(refused), text)];
  }
  if (refused && code === 'ALREADY_MEMBER') return [numericReply(context.server, context.nick, 'ERR_USERONCHANNEL', nickOf(refused), channelOf(refused), text)];
  if (code === 'MISSING_ARGUMENT' && refused && command !== '') return [numericReply(context.server, context.nick, 'ERR_NEEDMOREPARAMS', command, text)];
  const numeric = NUMERIC_OF[code];
  if (numeric) {
    const [name, target] = numeric;
    const named = target === 'channel' && refused ? [channelOf(refused)] : target === 'nick' && refused ? [nickOf(refused)] : [];
    if (name === 'ERR_UNKNOWNCOMMAND') named.push(command === '' ? '*' : command);
    return [numericReply(context.server, context.nick, name, ...named, text)];
  }
  return [fail(context, command, code, text)];
}
