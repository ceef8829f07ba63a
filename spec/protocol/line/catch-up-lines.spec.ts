import { expect } from 'chai';
import type { CatchUp } from '../../../lib/chat/catch-up.js';
import { OpaqueIds } from '../../../lib/chat/text/message-ids.js';
import { catchUpLines } from '../../../lib/protocol/line/catch-up.js';
import { asStored, roomMsg } from '../../helpers/records.js';

const ids = new OpaqueIds('e'.repeat(64), 'message ids');

function catchUpWith(fields: Partial<CatchUp>): CatchUp {
  return {
    motd: null,
    history: { room: 'general', messages: [] },
    unread: [],
    unreadTotal: 0,
    unreadTotalIsLowerBound: false,
    conversations: 0,
    expired: { count: 0, ttlMs: 3_600_000 },
    mentions: 0,
    ban: undefined,
    reports: 0,
    banThreshold: 3,
    ...fields,
  };
}

describe('the catch-up at login, as lines', function () {
  const unread = [asStored(roomMsg('busy', 'bob', 'the newest'), 7)];
  const viewer = { nick: 'alice', colour: false, ignores: new Set<string>() };

  it('says how many unread messages there are, and how many are not shown', function () {
    const lines = catchUpLines(catchUpWith({ unread, unreadTotal: 250, conversations: 1 }), ids, 0, viewer);
    expect(lines).to.include('-- unread since your last visit: 250 messages in 1 conversation:');
    expect(lines).to.include('-- (249 older unread not shown; /history in a room shows more)');
  });

  it('says "more than" when the store stopped counting', function () {
    const lines = catchUpLines(catchUpWith({ unread, unreadTotal: 10_000, unreadTotalIsLowerBound: true, conversations: 1 }), ids, 0, viewer);
    expect(lines).to.include('-- unread since your last visit: more than 10000 messages in 1 conversation:');
    expect(lines).to.include('-- (more than 9999 older unread not shown; /history in a room shows more)');
  });
});
