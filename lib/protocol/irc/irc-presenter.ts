import type { Delivery } from '../../chat/hub/delivery.js';
import type { Notice, NoticeDelivery } from '../../chat/hub/notice.js';
import { actionOf } from '../../chat/text/action.js';
import type { ShownMessageIds } from '../../chat/text/message-ids.js';
import type { MessageRecord } from '../../store/records.js';
import { AWAY_NOTIFY, EXTENDED_JOIN, INVITE_NOTIFY, TAG_ACCOUNT, TAG_MSGID, TAG_TIME } from './irc-caps.js';
import { IRC_SERVER_NAME, SERVICE_NICK, userMask } from './irc-identity.js';
import { serializeIrcMessage, type IrcMessage } from './irc-message.js';
import { roomToIrcChannel } from './casemap.js';
import { splitText, textRoom } from './split-text.js';

/*
 * How the IRC front end shows what the chat core delivers. A message or notice is rendered
 * once per combination of tags asked for, in slots of its render cache from IRC_SLOTS on
 * (below are the line protocol's), and the same bytes go to every IRC session that asked
 * for the same tags.
 */
const IRC_SLOTS = 16;
const CRLF = '\r\n';
const CTCP = '\x01';

/** `2026-12-04T15:10:43.123Z`, as server-time writes it. */
export function ircTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Extra tags for one rendering: a label, a batch. */
export type ExtraTags = readonly (readonly [string, string])[];

export interface RenderOptions {
  /** Tags before the others (label, batch). */
  extra?: ExtraTags;
  /** For a client without server-time shown a stored message: its time, written before the text. */
  timePrefix?: string;
}

/** The text of a message as IRC shows it: a comment quotes what it answers; /me is a CTCP ACTION. */
function bodyOf(message: MessageRecord, shown: ShownMessageIds, prefix: string): { text: string; action: boolean } {
  const reply = shown.parent === null ? '' : `(re [${shown.parent}] ${message.quote ?? ''}) `;
  const action = actionOf(message.text);
  return action === undefined ? { text: prefix + reply + message.text, action: false } : { text: prefix + reply + action, action: true };
}

/** The IRC messages one message takes for a client with `bits`: long text is cut to fit 512 bytes. */
export function messageParts(message: MessageRecord, shown: ShownMessageIds, bits: number, options: RenderOptions = {}): IrcMessage[] {
  const fromService = message.from === SERVICE_NICK;
  const source = userMask(message.from);
  const command = fromService ? 'NOTICE' : 'PRIVMSG';
  const target = message.kind === 'private' ? (message.to ?? '*') : roomToIrcChannel(message.room ?? '');
  const { text, action } = bodyOf(message, shown, options.timePrefix ?? '');
  // An action's pieces are each wrapped as one.
  const room = textRoom(source, command, target) - (action ? 9 : 0);
  return splitText(text, room).map((piece, i) => {
    const tags = new Map<string, string>(options.extra);
    if (bits & TAG_TIME) tags.set('time', ircTime(message.createdAt));
    // The id once: clients drop a second line with the same msgid as a duplicate.
    if (bits & TAG_MSGID && i === 0) {
      tags.set('msgid', shown.id);
      if (shown.parent !== null) tags.set('+draft/reply', shown.parent);
    }
    if (bits & TAG_ACCOUNT && !fromService) tags.set('account', message.from);
    const body = action ? `${CTCP}ACTION ${piece}${CTCP}` : piece;
    return { tags, source, command, params: [target, body] };
  });
}

/** The same as lines, each with CRLF. */
export function messageLines(message: MessageRecord, shown: ShownMessageIds, bits: number, options: RenderOptions = {}): string {
  return messageParts(message, shown, bits, options)
    .map((part) => serializeIrcMessage(part, { forceTrailing: true }) + CRLF)
    .join('');
}

/** The bytes of a delivered message for a client with `bits`, made once per combination. */
export function ircMessageBytes(delivery: Delivery, bits: number): Buffer {
  // Only the tags make a message look different: clients that differ in other ways share its bytes.
  const tags = bits & (TAG_TIME | TAG_MSGID | TAG_ACCOUNT);
  const slot = IRC_SLOTS + tags;
  return delivery.bytes(slot) ?? delivery.keep(slot, Buffer.from(messageLines(delivery.message, delivery.shown, tags)));
}

/** A JOIN of `nick`, with the account and real name for extended-join (a guest has no account: `*`). */
export function joinMessage(nick: string, channel: string, bits: number, guest: boolean): IrcMessage {
  const params = bits & EXTENDED_JOIN ? [channel, guest ? '*' : nick, nick] : [channel];
  return { source: userMask(nick), command: 'JOIN', params };
}

/** What a notice is on IRC for one client, or undefined when IRC shows nothing of it. */
export function noticeMessage(notice: Notice, bits: number, viewer: string, isGuest: (nick: string) => boolean): IrcMessage | undefined {
  switch (notice.kind) {
    case 'joined':
      return joinMessage(notice.nick, roomToIrcChannel(notice.room), bits, isGuest(notice.nick));
    case 'left':
      return { source: userMask(notice.nick), command: 'PART', params: [roomToIrcChannel(notice.room)] };
    case 'invited':
      // To the invitee always (IRC clients offer to join); to the room's members with invite-notify.
      if (notice.nick.toLowerCase() !== viewer.toLowerCase() && !(bits & INVITE_NOTIFY)) return undefined;
      return { source: userMask(notice.by), command: 'INVITE', params: [notice.nick, roomToIrcChannel(notice.room)] };
    case 'topic':
      return { source: userMask(notice.by), command: 'TOPIC', params: [roomToIrcChannel(notice.room), notice.text ?? ''] };
    case 'kicked':
      return { source: userMask(notice.by), command: 'KICK', params: [roomToIrcChannel(notice.room), notice.nick, `removed by ${notice.by}`] };
    case 'deleted':
      // In the window of the channel (or of the server, for a private message) the message was shown in.
      return { source: IRC_SERVER_NAME, command: 'NOTICE', params: [notice.room === null ? viewer : roomToIrcChannel(notice.room), `${notice.by} deleted [${notice.id}]`] };
    case 'announcement':
      return { source: IRC_SERVER_NAME, command: 'NOTICE', params: [viewer, `announcement from ${notice.from}: ${notice.text}`] };
    case 'server':
      return { source: IRC_SERVER_NAME, command: 'NOTICE', params: [viewer, notice.text] };
    case 'away':
      // away-notify: only to clients that asked for it.
      if (!(bits & AWAY_NOTIFY)) return undefined;
      return notice.away === null ? { source: userMask(notice.nick), command: 'AWAY', params: [] } : { source: userMask(notice.nick), command: 'AWAY', params: [notice.away] };
    case 'talking-in':
      // IRC has no current room: every message names its channel.
      return undefined;
  }
}

/** Notices that read the same for everyone are made once per combination; the others name their reader. */
export function ircNoticeBytes(delivery: NoticeDelivery, bits: number, now: number, viewer: string, isGuest: (nick: string) => boolean): Buffer {
  const { kind } = delivery.notice;
  const shared = kind === 'joined' || kind === 'left' || kind === 'kicked' || kind === 'away' || kind === 'topic';
  const slot = IRC_SLOTS + (bits & (TAG_TIME | EXTENDED_JOIN | AWAY_NOTIFY));
  const cached = shared ? delivery.bytes(slot) : undefined;
  if (cached) return cached;
  const message = noticeMessage(delivery.notice, bits, viewer, isGuest);
  if (!message) return Buffer.alloc(0);
  const tags = bits & TAG_TIME ? new Map([['time', ircTime(now)]]) : undefined;
  const bytes = Buffer.from(serializeIrcMessage({ ...message, tags }, { forceTrailing: message.command !== 'JOIN' && message.command !== 'PART' }) + CRLF);
  return shared ? delivery.keep(slot, bytes) : bytes;
}
