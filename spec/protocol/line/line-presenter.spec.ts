import { expect } from 'chai';
import type { OnlineUser } from '../../../lib/chat/hub/online-user.js';
import { Delivery } from '../../../lib/chat/hub/delivery.js';
import { mentionedUsers } from '../../../lib/chat/hub/fan-out.js';
import { NoticeDelivery } from '../../../lib/chat/hub/notice.js';
import { messageBytes, noticeBytes } from '../../../lib/protocol/line/line-presenter.js';
import { OpaqueIds } from '../../../lib/chat/text/message-ids.js';
import type { MessageRecord } from '../../../lib/store/records.js';
import { asStored, roomMsg } from '../../helpers/records.js';

function user(nick: string): OnlineUser {
  return { nick, sessions: [], readCursor: 0, persistedCursor: 0, ignores: new Set(), away: null, mentionedIn: 0 };
}

function online(...users: OnlineUser[]): Map<string, OnlineUser> {
  return new Map(users.map((u) => [u.nick.toLowerCase(), u]));
}

const ids = new OpaqueIds('e'.repeat(64), 'message ids');

const message = (text: string, from = 'alice'): MessageRecord => asStored(roomMsg('general', from, text, { createdAt: 0 }), 7);

describe('the line protocol showing what the chat delivers', function () {
  it('finds the online users a message mentions, never its author, and nobody offline', function () {
    const bob = user('Bob');
    const alice = user('alice');
    expect(mentionedUsers(message('alice asks BOB and carol'), online(alice, bob))).to.deep.equal([bob]);
    expect(new Delivery(message('hi'), ids).fromKey).to.equal('alice');
  });

  it('finds no mentions in a private message, which is for its reader anyway', function () {
    expect(mentionedUsers({ ...message('bob, look'), kind: 'private', room: null, to: 'bob' }, online(user('bob')))).to.deep.equal([]);
  });

  it('encodes each variant once and hands the same buffer to everyone who gets it', function () {
    const delivery = new Delivery(message('hello'), ids);
    expect(messageBytes(delivery, false, false, false)).to.equal(messageBytes(delivery, false, false, false));
    expect(messageBytes(delivery, true, false, false)).to.equal(messageBytes(delivery, true, false, false));
    expect(messageBytes(delivery, false, true, true)).to.equal(messageBytes(delivery, false, true, true));
    expect(messageBytes(delivery, false, false, false)).not.to.equal(messageBytes(delivery, true, false, false));
  });

  it('builds plain, highlighted and belled lines that differ only where they should', function () {
    const delivery = new Delivery(message('bob: hi'), ids);
    const plain = messageBytes(delivery, false, false, false).toString();
    expect(plain).to.equal(`[${plain.slice(1, 6)}] #general [${ids.encode(7)}] <alice> bob: hi\r\n`);
    expect(messageBytes(delivery, false, true, false).toString()).to.equal(`>> ${plain}`);
    expect(messageBytes(delivery, false, true, true).toString()).to.equal(`>> ${plain.replace('\r\n', '\x07\r\n')}`);
    expect(messageBytes(delivery, true, false, false).toString()).to.contain('\x1b[');
  });

  it('words each notice as a -- line, once per colour for all who get it', function () {
    const kicked = new NoticeDelivery({ kind: 'kicked', room: 'secret', nick: 'bob', by: 'alice' });
    expect(noticeBytes(kicked, false).toString()).to.equal('-- bob was removed from #secret by alice\r\n');
    expect(noticeBytes(kicked, false)).to.equal(noticeBytes(kicked, false));
    expect(noticeBytes(kicked, true).toString()).to.contain('\x1b[');
    expect(noticeBytes(new NoticeDelivery({ kind: 'joined', room: 'dev', nick: 'carol' }), false).toString()).to.equal('-- carol joined #dev\r\n');
    expect(noticeBytes(new NoticeDelivery({ kind: 'announcement', from: 'op', text: 'hi all' }), false).toString()).to.equal('-- announcement from op: hi all\r\n');
  });
});
