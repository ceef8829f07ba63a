import { expect } from 'chai';
import fc from 'fast-check';
import { IrcParseError, parseIrcLine, serializeIrcMessage } from '../../../lib/protocol/irc/irc-message.js';
import {
  CHAT_LINE_ISUPPORT,
  escapeIsupportValue,
  ISUPPORT_TOKENS_PER_LINE,
  isupportReplies,
  isupportTokens,
  type IsupportSettings,
} from '../../../lib/protocol/irc/isupport.js';

const settings: IsupportSettings = {
  ...CHAT_LINE_ISUPPORT,
  network: 'chat-line',
  topicLen: 300,
  awayLen: 200,
  kickLen: 200,
  maxTargets: 1,
  monitor: 100,
  chatHistory: 100,
  msgRefTypes: ['msgid', 'timestamp'],
  whox: true,
};

describe('IRC ISUPPORT', function () {
  it('announces chat-line names: ascii case, # channels, its nick and room lengths, @ for operators', function () {
    expect(isupportTokens(settings)).to.deep.equal([
      'NETWORK=chat-line',
      'CASEMAPPING=ascii',
      'CHANTYPES=#',
      'CHANMODES=,,,i',
      'PREFIX=(o)@',
      'NICKLEN=24',
      'CHANNELLEN=33',
      'TOPICLEN=300',
      'AWAYLEN=200',
      'KICKLEN=200',
      'MAXTARGETS=1',
      'MONITOR=100',
      'CHATHISTORY=100',
      'MSGREFTYPES=msgid,timestamp',
      'WHOX',
      'UTF8ONLY',
    ]);
  });

  it('leaves out what is not set', function () {
    const tokens = isupportTokens({ ...CHAT_LINE_ISUPPORT, network: 'x', utf8Only: false });
    expect(tokens).to.deep.equal(['NETWORK=x', 'CASEMAPPING=ascii', 'CHANTYPES=#', 'CHANMODES=,,,i', 'PREFIX=(o)@', 'NICKLEN=24', 'CHANNELLEN=33']);
  });

  it('escapes space, backslash and equals sign in values', function () {
    expect(escapeIsupportValue('My Chat = Fun\\')).to.equal('My\\x20Chat\\x20\\x3D\\x20Fun\\x5C');
    expect(escapeIsupportValue('Чат')).to.equal('Чат');
    expect(isupportTokens({ ...settings, network: 'Our Chat' })[0]).to.equal('NETWORK=Our\\x20Chat');
  });

  it('refuses a PREFIX with more modes than symbols', function () {
    expect(() => isupportTokens({ ...settings, prefix: { modes: 'ov', symbols: '@' } })).to.throw(RangeError);
  });

  it('sends 13 tokens a line, with the nick first and the usual text last', function () {
    const lines = isupportReplies('chat.local', 'alice', isupportTokens(settings)).map((m) => serializeIrcMessage(m));
    expect(lines).to.deep.equal([
      ':chat.local 005 alice NETWORK=chat-line CASEMAPPING=ascii CHANTYPES=# CHANMODES=,,,i PREFIX=(o)@ NICKLEN=24 CHANNELLEN=33 TOPICLEN=300 AWAYLEN=200 KICKLEN=200 MAXTARGETS=1 MONITOR=100 CHATHISTORY=100 :are supported by this server',
      ':chat.local 005 alice MSGREFTYPES=msgid,timestamp WHOX UTF8ONLY :are supported by this server',
    ]);
  });

  it('keeps every line within 512 bytes and 13 tokens, whatever the tokens and names', function () {
    const tokenArb = fc.stringMatching(/^[A-Z]{1,12}(=[a-z0-9,]{0,60})?$/);
    fc.assert(
      fc.property(
        fc.array(tokenArb, { maxLength: 60 }),
        fc.stringMatching(/^[a-z][a-z.]{0,60}$/),
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,23}$/),
        (tokens, server, nick) => {
          const replies = isupportReplies(server, nick, tokens);
          expect(replies.flatMap((m) => m.params.slice(1, -1))).to.deep.equal(tokens);
          for (const reply of replies) {
            const line = serializeIrcMessage(reply);
            expect(Buffer.byteLength(`${line}\r\n`)).to.be.at.most(512);
            const parsed = parseIrcLine(line);
            expect(parsed).not.to.be.instanceOf(IrcParseError);
            expect(reply.params.length - 2).to.be.within(1, ISUPPORT_TOKENS_PER_LINE);
          }
        },
      ),
    );
  });
});
