import type { ServerCapability } from './capabilities.js';
import { CAP_NOTIFY } from './capabilities.js';
import { ACCOUNT_REGISTRATION } from './irc-account-registration.js';

/**
 * The IRCv3 capabilities chat-line offers, in the order CAP LS lists them. Only what the
 * front end does: a client that asks for one of these gets exactly what its spec says.
 */
export const CAPS = {
  sasl: 'sasl',
  serverTime: 'server-time',
  messageTags: 'message-tags',
  accountTag: 'account-tag',
  echoMessage: 'echo-message',
  extendedJoin: 'extended-join',
  multiPrefix: 'multi-prefix',
  labeledResponse: 'labeled-response',
  batch: 'batch',
  standardReplies: 'standard-replies',
  awayNotify: 'away-notify',
  chathistory: 'draft/chathistory',
  inviteNotify: 'invite-notify',
} as const;

export const OFFERED_CAPABILITIES: readonly ServerCapability[] = [
  { name: CAP_NOTIFY },
  { name: CAPS.sasl, value: 'PLAIN' },
  { name: CAPS.serverTime },
  { name: CAPS.messageTags },
  { name: CAPS.accountTag },
  { name: CAPS.echoMessage },
  { name: CAPS.extendedJoin },
  { name: CAPS.multiPrefix },
  { name: CAPS.labeledResponse },
  { name: CAPS.batch },
  { name: CAPS.standardReplies },
  { name: CAPS.awayNotify },
  { name: CAPS.chathistory },
  { name: CAPS.inviteNotify },
  ACCOUNT_REGISTRATION,
];

/**
 * The ways one message can look on IRC, as bits: each client gets the tags it asked for.
 * Deliveries keep one rendering per combination (lib/chat/hub/render-cache.ts).
 */
export const TAG_TIME = 1;
export const TAG_MSGID = 2;
export const TAG_ACCOUNT = 4;
/** A JOIN with the account and real name (extended-join). */
export const EXTENDED_JOIN = 8;
/** AWAY when someone in a shared channel goes away or comes back (away-notify). */
export const AWAY_NOTIFY = 16;
/** INVITE when someone is let into a channel one is in (invite-notify). */
export const INVITE_NOTIFY = 32;

/** The presentation bits for the capabilities a client has on. */
export function presentationBits(enabled: ReadonlySet<string>): number {
  return (
    (enabled.has(CAPS.serverTime) ? TAG_TIME : 0) |
    (enabled.has(CAPS.messageTags) ? TAG_MSGID : 0) |
    (enabled.has(CAPS.accountTag) ? TAG_ACCOUNT : 0) |
    (enabled.has(CAPS.extendedJoin) ? EXTENDED_JOIN : 0) |
    (enabled.has(CAPS.awayNotify) ? AWAY_NOTIFY : 0) |
    (enabled.has(CAPS.inviteNotify) ? INVITE_NOTIFY : 0)
  );
}
