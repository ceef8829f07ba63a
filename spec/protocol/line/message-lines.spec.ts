import { expect } from 'chai';
import type { OnlineUser } from '../../../lib/chat/hub-session.js';
import { MessageLines } from '../../../lib/protocol/line/message-lines.js';
import { OpaqueIds } from '../../../lib/chat/message-ids.js';
import type { MessageRecord } from '../../../lib/store/records.js';

function user(nick: string): OnlineUser {
  return { nick, sessions: [], readCursor: 0, persistedCursor: 0, ignores: new Set(), color: false, away: null, mentionedIn: 0 };
}

function online(...users: OnlineUser[]): Map<string, OnlineUser> {
  return new Map(users.map((u) => [u.nick.toLowerCase(), u]));
}

const ids = new OpaqueIds('e'.repeat(64), 'message ids');

const message = (text: string, from = 'alice'): MessageRecord => ({ id: 7, kind: 'room', room: 'general', from, to: null, text, createdAt: 0, deliveredAt: null, parentId: null, quote: null });

describe('the variants of one message line', function () {
  it('finds the online users a message mentions, never its author, and nobody offline', function () {
    const bob = user('Bob');
    const alice = user('alice');
    const lines = new MessageLines(message('alice asks BOB and carol'), online(alice, bob), ids);
    expect([...lines.mentioned]).to.deep.equal([bob]);
    expect(lines.fromKey).to.equal('alice');
  });

  it('finds no mentions in a private message, which is for its reader anyway', function () {
    const lines = new MessageLines({ ...message('bob, look'), kind: 'private', room: null, to: 'bob' }, online(user('bob')), ids);
    expect(lines.mentioned.size).to.equal(0);
  });

  it('encodes each variant once and hands the same buffer to everyone who gets it', function () {
    const lines = new MessageLines(message('hello'), online(), ids);
    expect(lines.variant(false)).to.equal(lines.variant(false));
    expect(lines.variant(true)).to.equal(lines.variant(true));
    expect(lines.variant(false, true, true)).to.equal(lines.variant(false, true, true));
    expect(lines.variant(false)).not.to.equal(lines.variant(true));
  });

  it('builds plain, highlighted and belled lines that differ only where they should', function () {
    const lines = new MessageLines(message('bob: hi'), online(user('bob')), ids);
    const plain = lines.variant(false).toString();
    expect(plain).to.equal(`[${plain.slice(1, 6)}] #general [${ids.encode(7)}] <alice> bob: hi\r\n`);
    expect(lines.variant(false, true).toString()).to.equal(`>> ${plain}`);
    expect(lines.variant(false, true, true).toString()).to.equal(`>> ${plain.replace('\r\n', '\x07\r\n')}`);
    expect(lines.variant(true).toString()).to.contain('\x1b[');
  });
});
