import { expect } from 'chai';
import type { MembershipRecord, MessageRecord, NewMessage, RoomRecord, UserRecord } from '../../lib/store/records.js';

/** Records and checks shared by the parts of the store contract. */

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
  return { ...message, id, deliveredAt: null };
}

export function ids(messages: readonly MessageRecord[]): number[] {
  return messages.map((m) => m.id);
}

/** The message as it was appended: without the fields the store adds. */
export function withoutId({ id: _id, deliveredAt: _deliveredAt, ...message }: MessageRecord): NewMessage {
  return message;
}

export function expectStrictlyIncreasing(values: readonly number[]): void {
  values.forEach((value, i) => {
    if (i > 0) expect(value, `id #${i}`).to.be.greaterThan(values[i - 1]!);
  });
}

/** The interface promises no order for lists: compare them sorted. */
export function byName(rooms: readonly RoomRecord[]): RoomRecord[] {
  return [...rooms].sort((a, b) => a.name.localeCompare(b.name));
}

export function byRoomAndNick(memberships: readonly MembershipRecord[]): MembershipRecord[] {
  return [...memberships].sort((a, b) => a.room.localeCompare(b.room) || a.nick.localeCompare(b.nick));
}

export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(Error);
    return err as Error;
  }
  return expect.fail('expected a rejection');
}
