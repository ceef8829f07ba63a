import { expect } from 'chai';
import { serializeIrcMessage } from '../../../lib/protocol/irc/irc-message.js';
import { NUMERICS, numericReply, textReply } from '../../../lib/protocol/irc/numerics.js';
import { NO_COMMAND, standardReply, standardReplyNotice } from '../../../lib/protocol/irc/standard-replies.js';

describe('IRC numerics', function () {
  // The codes the issue names, as Modern IRC and the IRCv3 specifications number them.
  const expected: [keyof typeof NUMERICS, string][] = [
    ['RPL_WELCOME', '001'],
    ['RPL_ISUPPORT', '005'],
    ['RPL_UMODEIS', '221'],
    ['RPL_LUSERCLIENT', '251'],
    ['RPL_LUSERME', '255'],
    ['RPL_LOCALUSERS', '265'],
    ['RPL_GLOBALUSERS', '266'],
    ['RPL_AWAY', '301'],
    ['RPL_ISON', '303'],
    ['RPL_UNAWAY', '305'],
    ['RPL_NOWAWAY', '306'],
    ['RPL_WHOISUSER', '311'],
    ['RPL_WHOWASUSER', '314'],
    ['RPL_ENDOFWHO', '315'],
    ['RPL_WHOISIDLE', '317'],
    ['RPL_ENDOFWHOIS', '318'],
    ['RPL_WHOISCHANNELS', '319'],
    ['RPL_LISTSTART', '321'],
    ['RPL_LIST', '322'],
    ['RPL_LISTEND', '323'],
    ['RPL_CHANNELMODEIS', '324'],
    ['RPL_CREATIONTIME', '329'],
    ['RPL_WHOISACCOUNT', '330'],
    ['RPL_NOTOPIC', '331'],
    ['RPL_TOPIC', '332'],
    ['RPL_TOPICWHOTIME', '333'],
    ['RPL_INVITING', '341'],
    ['RPL_WHOREPLY', '352'],
    ['RPL_NAMREPLY', '353'],
    ['RPL_WHOSPCRPL', '354'],
    ['RPL_ENDOFNAMES', '366'],
    ['RPL_ENDOFWHOWAS', '369'],
    ['RPL_MOTD', '372'],
    ['RPL_MOTDSTART', '375'],
    ['RPL_ENDOFMOTD', '376'],
    ['ERR_NOSUCHNICK', '401'],
    ['ERR_NOSUCHCHANNEL', '403'],
    ['ERR_CANNOTSENDTOCHAN', '404'],
    ['ERR_WASNOSUCHNICK', '406'],
    ['ERR_INPUTTOOLONG', '417'],
    ['ERR_UNKNOWNCOMMAND', '421'],
    ['ERR_NOMOTD', '422'],
    ['ERR_ERRONEUSNICKNAME', '432'],
    ['ERR_NICKNAMEINUSE', '433'],
    ['ERR_NOTONCHANNEL', '442'],
    ['ERR_NOTREGISTERED', '451'],
    ['ERR_NEEDMOREPARAMS', '461'],
    ['ERR_ALREADYREGISTERED', '462'],
    ['ERR_UNKNOWNMODE', '472'],
    ['ERR_INVITEONLYCHAN', '473'],
    ['ERR_BANNEDFROMCHAN', '474'],
    ['ERR_BADCHANNAME', '479'],
    ['ERR_CHANOPRIVSNEEDED', '482'],
    ['ERR_UMODEUNKNOWNFLAG', '501'],
    ['ERR_USERSDONTMATCH', '502'],
    ['RPL_KNOCK', '710'],
    ['ERR_KNOCKONCHAN', '714'],
    ['RPL_MONONLINE', '730'],
    ['ERR_MONLISTFULL', '734'],
    ['RPL_LOGGEDIN', '900'],
    ['RPL_SASLSUCCESS', '903'],
    ['ERR_SASLFAIL', '904'],
    ['ERR_SASLTOOLONG', '905'],
    ['ERR_SASLABORTED', '906'],
    ['ERR_SASLALREADY', '907'],
    ['RPL_SASLMECHS', '908'],
  ];
  for (const [name, code] of expected) {
    it(`numbers ${name} ${code}`, function () {
      expect(NUMERICS[name]).to.equal(code);
    });
  }

  it('gives every name its own three-digit code', function () {
    const codes = Object.values(NUMERICS);
    expect(codes.every((code) => /^\d{3}$/.test(code))).to.equal(true);
    expect(new Set(codes).size).to.equal(codes.length);
  });

  it('addresses a numeric to the nick, or to * before registration', function () {
    expect(serializeIrcMessage(numericReply('chat.local', 'alice', 'RPL_WELCOME', 'Welcome to chat-line, alice'))).to.equal(
      ':chat.local 001 alice :Welcome to chat-line, alice',
    );
    expect(serializeIrcMessage(numericReply('chat.local', undefined, 'ERR_NOTREGISTERED', 'You have not registered'))).to.equal(
      ':chat.local 451 * :You have not registered',
    );
    expect(serializeIrcMessage(numericReply('chat.local', '', 'ERR_NICKNAMEINUSE', 'bob', 'in use'))).to.equal(':chat.local 433 * bob :in use');
  });

  it('adds the usual text where it never changes', function () {
    expect(serializeIrcMessage(textReply('chat.local', 'bob', 'ERR_NOSUCHNICK', 'carol'))).to.equal(':chat.local 401 bob carol :No such nick/channel');
    expect(serializeIrcMessage(textReply('chat.local', 'bob', 'ERR_INPUTTOOLONG'))).to.equal(':chat.local 417 bob :Input line was too long');
    expect(serializeIrcMessage(textReply('chat.local', 'bob', 'ERR_CHANOPRIVSNEEDED', '#dev'))).to.equal(
      ":chat.local 482 bob #dev :You're not channel operator",
    );
  });
});

describe('IRC standard replies', function () {
  it('writes FAIL, WARN and NOTE with the command, code, context and description', function () {
    const fail = standardReply('chat.local', { type: 'FAIL', command: 'privmsg', code: 'RATE_LIMITED', context: ['#general'], description: 'Slow down: 20 messages an hour.' });
    expect(serializeIrcMessage(fail)).to.equal(':chat.local FAIL PRIVMSG RATE_LIMITED #general :Slow down: 20 messages an hour.');
    const note = standardReply('chat.local', { type: 'NOTE', command: NO_COMMAND, code: 'GUEST', description: 'You are a guest' });
    expect(serializeIrcMessage(note)).to.equal(':chat.local NOTE * GUEST :You are a guest');
    const warn = standardReply('chat.local', { type: 'WARN', command: '', code: 'INVALID_UTF8', description: 'Read as windows-1252' });
    expect(serializeIrcMessage(warn)).to.equal(':chat.local WARN * INVALID_UTF8 :Read as windows-1252');
  });

  it('refuses a code that is not machine-readable', function () {
    for (const code of ['', 'rate limited', 'rate-limited']) {
      expect(() => standardReply('s', { type: 'FAIL', command: '*', code, description: 'x' })).to.throw(RangeError);
    }
  });

  it('falls back to a NOTICE that keeps the code', function () {
    const reply = { type: 'FAIL', command: 'privmsg', code: 'MUTED', description: 'You are muted for 10 minutes.' } as const;
    expect(serializeIrcMessage(standardReplyNotice('chat.local', 'bob', reply))).to.equal(
      ':chat.local NOTICE bob :FAIL PRIVMSG MUTED: You are muted for 10 minutes.',
    );
    expect(serializeIrcMessage(standardReplyNotice('chat.local', 'bob', { ...reply, command: '*' }))).to.equal(
      ':chat.local NOTICE bob :FAIL MUTED: You are muted for 10 minutes.',
    );
  });
});
