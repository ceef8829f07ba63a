import type { MembershipRecord, MessageRecord, NewMessage, RoomRecord, UserRecord } from '../../lib/store/records.js';

/**
 * Store records for tests: the usual values, and only what a test cares about spelled out.
 * `asStored(roomMsg('general', 'alice', 'hi'), 7)` is message 7 as the store returns it.
 */

/** A fixed moment, so records are deterministic. */
export const T0 = 1_700_000_000_000;

export function user(nick: string, fields: Partial<UserRecord> = {}): UserRecord {
  return { nick, passwordHash: `hash-of-${nick}`, createdAt: T0, lastSeenAt: null, readCursor: 0, ...fields };
}

export function room(name: string, fields: Partial<RoomRecord> = {}): RoomRecord {
  return { name, visibility: 'public', owner: null, createdAt: T0, ...fields };
}

export function member(roomName: string, nick: string, sinceId: number): MembershipRecord {
  return { room: roomName, nick, sinceId };
}

export function roomMsg(roomName: string, from: string, text: string, fields: Partial<NewMessage> = {}): NewMessage {
  return { kind: 'room', parentId: null, quote: null, room: roomName, from, to: null, text, createdAt: T0, ...fields };
}

export function privateMsg(from: string, to: string, text: string, fields: Partial<NewMessage> = {}): NewMessage {
  return { kind: 'private', parentId: null, quote: null, room: null, from, to, text, createdAt: T0, ...fields };
}

/** A comment on `root` (in the same room or conversation), quoting it as the hub does. */
export function comment(root: MessageRecord, from: string, text: string, fields: Partial<NewMessage> = {}): NewMessage {
  return {
    kind: root.kind,
    parentId: root.id,
    quote: `${root.from}: "${root.text}"`,
    room: root.room,
    from,
    to: root.kind === 'private' ? root.from : null,
    text,
    createdAt: T0,
    ...fields,
  };
}

/** What a message record looks like when stored from `message` and never delivered. */
export function asStored(message: NewMessage, id: number): MessageRecord {
  return { ...message, id, deliveredAt: null, editedAt: null };
}
