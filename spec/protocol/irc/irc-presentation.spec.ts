import { expect } from 'chai';
import { TAG_ACCOUNT, TAG_MSGID, TAG_TIME } from '../../../lib/protocol/irc/irc-caps.js';
import { readIrcText, stripFormatting } from '../../../lib/protocol/irc/irc-formatting.js';
import { OwnSends } from '../../../lib/protocol/irc/irc-own-sends.js';
import { messageParts } from '../../../lib/protocol/irc/irc-presenter.js';
import { refusalReplies } from '../../../lib/protocol/irc/irc-refusals.js';
import { serializeIrcMessage } from '../../../lib/protocol/irc/irc-message.js';
import { asStored, privateMsg, roomMsg } from '../../helpers/records.js';

const SHOWN = { id: 'hxdbrws', parent: null };
const ALL_TAGS = TAG_TIME | TAG_MSGID | TAG_ACCOUNT;

describe('IRC text in and out', () => {
  it('reads plain text, /me as CTCP ACTION, and drops other CTCP and mIRC formatting', () => {
    expect(readIrcText('hello')).to.deep.equal({ kind: 'text', text: 'hello' });
    expect(readIrcText('\x01ACTION waves\x01')).to.deep.equal({ kind: 'action', text: 'waves' });
    expect(readIrcText('\x01ACTION waves')).to.deep.equal({ kind: 'action', text: 'waves' });
    expect(readIrcText('\x01VERSION\x01')).to.deep.equal({ kind: 'ctcp' });
    expect(stripFormatting('\x02b\x02 \x1di\x1d \x0304red\x03 \x0312,01blue\x0f \x04ff0000hex\x04 \x1fu\x1f')).to.equal('b i red blue hex u');
    expect(stripFormatting('\x0399 keeps digits after two')).to.equal(' keeps digits after two');
  });

  it('writes a room message with the tags asked for, the msgid on its first line only, and cuts it within 512 bytes', () => {
    const long = asStored(roomMsg('general', 'alice', 'word '.repeat(200).trim()), 7);
    const parts = messageParts(long, SHOWN, ALL_TAGS);
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(serializeIrcMessage({ ...part, tags: undefined }, { forceTrailing: true })) + 2).to.be.at.most(512);
    expect(parts.map((p) => p.tags?.get('msgid'))).to.deep.equal(['hxdbrws', ...parts.slice(1).map(() => undefined)]);
    expect(parts.every((p) => p.tags?.get('account') === 'alice' && p.tags.has('time'))).to.equal(true);
    expect(messageParts(long, SHOWN, 0)[0]?.tags?.size).to.equal(0);
  });

  it('wraps every piece of a long action, and shows the chat service as a NOTICE without an account', () => {
    const action = asStored(roomMsg('dev', 'bob', `\x01ACTION ${'dances '.repeat(120).trim()}`), 8);
    const pieces = messageParts(action, SHOWN, 0);
    expect(pieces.length).to.be.greaterThan(1);
    for (const piece of pieces) expect([piece.params[1]?.startsWith('\x01ACTION '), piece.params[1]?.endsWith('s\x01')]).to.deep.equal([true, true]);
    const notice = messageParts(asStored(privateMsg('*server*', 'carol', 'you were invited'), 9), SHOWN, ALL_TAGS)[0];
    expect(notice).to.include({ command: 'NOTICE', source: '*server*!service@chat-line' });
    expect(notice?.tags?.has('account')).to.equal(false);
  });

  it('tells a session its own messages coming back, in order, forgetting those that never came', () => {
    const own = new OwnSends();
    const first = roomMsg('general', 'alice', 'one', { createdAt: 1 });
    const second = roomMsg('general', 'alice', 'two', { createdAt: 2 });
    const third = roomMsg('general', 'alice', 'three', { createdAt: 3 });
    own.expect(first, undefined);
    const labeled = own.expect(second, 'L1');
    own.expect(third, undefined);
    expect(own.take(asStored(roomMsg('general', 'alice', 'two', { createdAt: 2 }), 5))).to.equal(labeled);
    // The first never came back (it failed): taken off with the one after it.
    expect(own.take(asStored(roomMsg('general', 'alice', 'one', { createdAt: 1 }), 6))).to.equal(undefined);
    expect(own.take(asStored(roomMsg('general', 'alice', 'three', { createdAt: 3 }), 7))?.message).to.equal(third);
    expect(own.take(asStored(roomMsg('general', 'alice', 'three', { createdAt: 3 }), 8))).to.equal(undefined);
  });

  it('maps refusals to the numeric that names what was refused, or a FAIL keeping the code', () => {
    const context = { server: 'chat-line', nick: 'bob', standardReplies: true };
    const send = { command: 'PRIVMSG', params: ['#dev', 'hi'] };
    expect(refusalReplies(context, 'MUTED', 'You are muted', send).map((m) => [m.command, ...m.params])).to.deep.equal([
      ['404', 'bob', '#dev', 'You are muted'],
      ['FAIL', 'PRIVMSG', 'MUTED', 'You are muted'],
    ]);
    expect(refusalReplies(context, 'NO_SUCH_USER', 'no', { command: 'INVITE', params: ['zed', '#dev'] })[0]?.params).to.deep.equal(['bob', 'zed', 'no']);
    expect(refusalReplies(context, 'NOT_A_MEMBER', 'no', { command: 'KICK', params: ['#dev', 'zed'] })[0]).to.include({ command: '441' });
    expect(refusalReplies({ ...context, standardReplies: false }, 'RATE_LIMITED', 'slow down', { command: 'PRIVMSG', params: ['alice', 'x'] })[0]?.params).to.deep.equal([
      'bob',
      'FAIL PRIVMSG RATE_LIMITED: slow down',
    ]);
  });
});
