import { randomBytes } from 'node:crypto';
import { refusalOf } from '../../chat/refusals.js';
import { shownIdsOf } from '../../chat/text/message-ids.js';
import type { Conversation, PageFrom } from '../../store/message-store.js';
import type { MessageRecord } from '../../store/records.js';
import { ircChannelToRoom, ircNickToChatNick, isChannelName, roomToIrcChannel } from './casemap.js';
import { CAPS, TAG_TIME } from './irc-caps.js';
import type { IrcMessage } from './irc-message.js';
import { formatTime } from '../../util/time-text.js';
import type { IrcConnection } from './irc-connection.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import { messageParts, type ExtraTags } from './irc-presenter.js';

/**
 * IRCv3 draft/chathistory, on the store's conversations: LATEST, BEFORE, AFTER, AROUND and
 * BETWEEN, for a channel the client is in or a nick it has written with, messages named
 * by their msgid (MSGREFTYPES=msgid: the id telnet users see). TARGETS, which takes
 * timestamps only, is not offered.
 */
export const CHATHISTORY_MAX = 100;

/** `#room` for room messages, the other party for private ones (the service nick for the chat's own notices). */
export function historyTarget(message: MessageRecord, me: string): string {
  if (message.kind === 'room') return roomToIrcChannel(message.room ?? '');
  return message.from.toLowerCase() === me.toLowerCase() ? (message.to ?? me) : message.from;
}

/** A stored message replayed: its time as a tag, or written before the text for a client without server-time. */
export function storedParts(conn: IrcConnection, message: MessageRecord, extra?: ExtraTags): IrcMessage[] {
  const timePrefix = conn.bits & TAG_TIME ? undefined : `[${formatTime(message.createdAt, conn.now())}] `;
  return messageParts(message, shownIdsOf(message, conn.chat.ids.messages), conn.bits, { extra, timePrefix });
}

/** Stored messages of one target, in a `chathistory` batch for a client with `batch` (as they are otherwise). */
export function sendHistory(conn: IrcConnection, target: string, messages: readonly MessageRecord[]): void {
  const id = conn.caps.has(CAPS.batch) ? randomBytes(6).toString('hex') : undefined;
  if (id !== undefined) conn.send({ source: IRC_SERVER_NAME, command: 'BATCH', params: [`+${id}`, 'chathistory', target] });
  const extra = id === undefined ? undefined : ([['batch', id]] as const);
  for (const message of messages) for (const part of storedParts(conn, message, extra)) conn.send(part);
  if (id !== undefined) conn.send({ source: IRC_SERVER_NAME, command: 'BATCH', params: [`-${id}`] });
}

/** The unread catch-up as one chathistory batch per conversation, each in order. */
export function sendHistoryByTarget(conn: IrcConnection, messages: readonly MessageRecord[]): void {
  const byTarget = new Map<string, MessageRecord[]>();
  for (const message of messages) {
    const target = historyTarget(message, conn.me.nick);
    const list = byTarget.get(target);
    if (list) list.push(message);
    else byTarget.set(target, [message]);
  }
  for (const [target, list] of byTarget) sendHistory(conn, target, list);
}

function fail(conn: IrcConnection, code: string, context: readonly string[], text: string): void {
  conn.send({ source: IRC_SERVER_NAME, command: 'FAIL', params: ['CHATHISTORY', code, ...context, text] });
}

/** A msgref: `*` (LATEST), or `msgid=<id>` as its internal id; undefined for what cannot be one. */
function messageRef(conn: IrcConnection, ref: string | undefined): number | '*' | undefined {
  if (ref === '*') return '*';
  if (ref?.startsWith('msgid=') !== true) return undefined;
  return conn.chat.ids.messages.decode(ref.slice('msgid='.length));
}

function conversationOf(conn: IrcConnection, target: string): Conversation | undefined {
  if (isChannelName(target)) {
    const room = ircChannelToRoom(target);
    return room === undefined ? undefined : { room };
  }
  const nick = ircNickToChatNick(target);
  return nick === undefined ? undefined : { between: [conn.me.nick, nick] };
}

export async function chathistoryVerb(conn: IrcConnection, params: readonly string[]): Promise<void> {
  const [rawSub = '', target = '', first, second] = params;
  const sub = rawSub.toUpperCase();
  if (!['LATEST', 'BEFORE', 'AFTER', 'AROUND', 'BETWEEN'].includes(sub)) {
    fail(conn, sub === 'TARGETS' ? 'INVALID_PARAMS' : 'UNKNOWN_COMMAND', [rawSub || '*'], sub === 'TARGETS' ? 'TARGETS takes timestamps, which this server does not read: MSGREFTYPES=msgid.' : 'Unknown CHATHISTORY subcommand.');
    return;
  }
  const limit = Number(params[params.length - 1]);
  const of = conversationOf(conn, target);
  if (of === undefined) {
    fail(conn, 'INVALID_TARGET', [sub, target || '*'], 'No such channel or nick.');
    return;
  }
  const from = messageRef(conn, first);
  const to = sub === 'BETWEEN' ? messageRef(conn, second) : undefined;
  if (!Number.isInteger(limit) || limit < 1 || from === undefined || (sub === 'BETWEEN' && (to === undefined || to === '*')) || (from === '*' && sub !== 'LATEST')) {
    fail(conn, 'INVALID_PARAMS', [sub], `Usage: CHATHISTORY ${sub} <target> ${sub === 'BETWEEN' ? 'msgid=<id> msgid=<id>' : sub === 'LATEST' ? '<* or msgid=<id>>' : 'msgid=<id>'} <limit>; ids are msgid tags.`);
    return;
  }
  const take = Math.min(limit, CHATHISTORY_MAX);
  const reader = { nick: conn.me.nick, ignores: conn.me.ignores, since: conn.since };
  const page = (after: number, before: number | undefined, count: number, end: PageFrom): Promise<MessageRecord[]> =>
    count <= 0 ? Promise.resolve([]) : conn.chat.messages.conversation(reader, of, after, before, count, end);
  try {
    const ref = from === '*' ? 0 : from;
    let messages: MessageRecord[];
    if (sub === 'LATEST') messages = await page(ref, undefined, take, 'newest');
    else if (sub === 'BEFORE') messages = await page(0, ref, take, 'newest');
    else if (sub === 'AFTER') messages = await page(ref, undefined, take, 'oldest');
    else if (sub === 'AROUND') {
      const before = await page(0, ref + 1, Math.ceil(take / 2), 'newest');
      messages = [...before, ...(await page(ref, undefined, take - before.length, 'oldest'))];
    } else {
      const other = to as number;
      messages = await page(Math.min(ref, other), Math.max(ref, other), take, ref < other ? 'oldest' : 'newest');
    }
    sendHistory(conn, target, messages);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    fail(conn, 'INVALID_TARGET', [sub, target], refusal.message);
  }
}
