import { expect } from 'chai';
import { formatMessage } from '../../../lib/protocol/line/format.js';
import { formatTable } from '../../../lib/util/text-layout.js';
import { formatTime } from '../../../lib/util/time-text.js';
import { OpaqueIds, shownIdsOf } from '../../../lib/chat/text/message-ids.js';
import { normalizeRoomName, isValidNick } from '../../../lib/chat/text/names.js';
import { errorLine, parseErrorLine } from '../../../lib/protocol/line/wire.js';
import { asStored, privateMsg, roomMsg } from '../../helpers/records.js';

const at = new Date(2026, 10, 23, 14, 5, 30).getTime();
const ids = new OpaqueIds('f'.repeat(64), 'message ids');

describe('showing messages', function () {
  it('shows a room message with time, room, short id, author and text', function () {
    const line = formatMessage(asStored(roomMsg('general', 'alice', 'hi', { createdAt: at }), 111), { id: 'hxdbrws', parent: null });
    expect(line).to.equal('[14:05] #general [hxdbrws] <alice> hi');
  });
  it('shows a private message with both parties', function () {
    const line = formatMessage(asStored(privateMsg('alice', 'bob', 'psst', { createdAt: at }), 36), { id: 'wq61hs2', parent: null });
    expect(line).to.equal('[14:05] (private) [wq61hs2] <alice -> bob> psst');
  });
  it('adds the date to lines from another day', function () {
    const line = formatMessage(asStored(roomMsg('dev', 'a', 'x', { createdAt: at }), 1), { id: '0m4tz8e', parent: null }, at + 86_400_000);
    expect(line).to.equal('[Nov 23 14:05] #dev [0m4tz8e] <a> x');
  });
  it('shows a comment as a reply quoting the start of the original', function () {
    const comment = asStored(roomMsg('general', 'bob', 'agreed', { createdAt: at, parentId: 36, quote: 'alice: "ship it"' }), 37);
    const shown = shownIdsOf(comment, ids);
    expect(shown).to.deep.equal({ id: ids.encode(37), parent: ids.encode(36) });
    expect(formatMessage(comment, shown)).to.equal(`[14:05] #general [${ids.encode(37)}] <bob> (re [${ids.encode(36)}] alice: "ship it") agreed`);
  });
  it('gives each minute its own time, asked in any order', function () {
    const minute = new Date(2026, 10, 23, 14, 5, 0).getTime();
    expect([0, 59_999, 60_000, 59_999, 120_000, -1].map((offset) => formatTime(minute + offset))).to.deep.equal([
      '14:05',
      '14:05',
      '14:06',
      '14:05',
      '14:07',
      '14:04',
    ]);
  });
  it('aligns table columns', function () {
    expect(formatTable([['#a', '1 member'], ['#longer', '2 members']])).to.deep.equal(['#a       1 member', '#longer  2 members']);
  });
});

describe('names and errors', function () {
  it('treats #Dev and dev as the same room and refuses bad room names', function () {
    expect(normalizeRoomName('#Dev')).to.equal('dev');
    expect(normalizeRoomName('dev ops')).to.equal(undefined);
    expect(normalizeRoomName('#')).to.equal(undefined);
    expect(normalizeRoomName('a'.repeat(33))).to.equal(undefined);
  });
  it('accepts nicks that start with a letter and refuses the rest', function () {
    expect(isValidNick('alice_2')).to.equal(true);
    expect(isValidNick('2alice')).to.equal(false);
    expect(isValidNick('al ice')).to.equal(false);
    expect(isValidNick('a'.repeat(25))).to.equal(false);
  });
  it('builds error lines that clients can parse back into a code', function () {
    const line = errorLine('NO_SUCH_USER', 'There is no user "x".');
    expect(line).to.equal('ERROR NO_SUCH_USER: There is no user "x".');
    expect(parseErrorLine(line)).to.deep.equal({ code: 'NO_SUCH_USER', message: 'There is no user "x".' });
  });
});
