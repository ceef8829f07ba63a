import { expect } from 'chai';
import type { MembershipRecord, MessageRecord, NewMessage, RoomRecord } from '../../lib/store/records.js';

/** Records and checks shared by the parts of the store contract. */

// The record builders are shared with the rest of the specs.
export { T0, asStored, comment, member, privateMsg, room, roomMsg, user } from '../helpers/records.js';

export function ids(messages: readonly MessageRecord[]): number[] {
  return messages.map((m) => m.id);
}

/** The message as it was appended: without the fields the store adds. */
export function withoutId({ id: _id, deliveredAt: _deliveredAt, editedAt: _editedAt, ...message }: MessageRecord): NewMessage {
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
