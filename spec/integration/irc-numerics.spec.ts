import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import type { LineClient } from '../helpers/line-client.js';
import { useTestServer } from '../helpers/test-server.js';

/** Each row: what the client sends, the numeric (or verb) it gets, and the parameters after its nick. */
const ROWS: readonly [string, RegExp, string[]][] = [
  ['PRIVMSG nobody :hi', / 401 /, ['nobody', 'There is no user "nobody". /who lists the people in a room.']],
  ['PRIVMSG #nowhere :hi', / 403 /, ['#nowhere', 'There is no room #nowhere that you can see. /get_chats lists the rooms you can join.']],
  ['PRIVMSG #dev :hi', / 404 /, ['#dev', 'You are not in #dev. Join it with /chats dev.']],
  ['PRIVMSG #general', / 412 /, ['No text to send']],
  ['PRIVMSG', / 411 /, ['No recipient given (PRIVMSG)']],
  ['PRIVMSG a,b,c,d,e :hi', / 407 /, ['a,b,c,d,e', 'Too many targets']],
  ['PART #dev', / 442 /, ['#dev', 'You are not in #dev. Join it with /chats dev.']],
  ['JOIN #bad.name', / 479 /, ['#bad.name', 'Illegal channel name: a room name is 1-32 characters: letters, digits, _ or -']],
  ['JOIN', / 461 /, ['JOIN', 'Not enough parameters']],
  ['KICK #dev carol', / 482 /, ['#dev', 'Only the owner of #dev, owner, can do that.']],
  ['KILL carol', / 481 /, ["Permission Denied- You're not an IRC operator"]],
  ['MODE #dev +k key', / 482 /, ['#dev', "You're not channel operator"]],
  ['MODE #dev', / 324 /, ['#dev', '+']],
  ['MODE tester +i', / 221 /, ['+']],
  ['MODE carol', / 502 /, ["Can't change mode for other users"]],
  ['WHOWAS someone', / 406 /, ['someone', 'There was no such nickname']],
  ['WHOIS nobody', / 401 /, ['nobody', 'No such nick/channel']],
  ['FROBNICATE', / 421 /, ['FROBNICATE', 'Unknown command']],
  ['USER x 0 * :x', / 462 /, ['You may not reregister']],
  ['NICK somebody-else', / 902 /, ['Your nick is your account here (tester): to use another, connect with it.']],
  ['TOPIC #dev', / 331 /, ['#dev', 'No topic is set']],
  ['AWAY :lunch', / 306 /, ['You have been marked as being away']],
];

describe('IRC numerics for what the chat refuses', function () {
  const ctx = useTestServer({ ircPort: 0 });
  let irc: LineClient;

  beforeEach(async function () {
    const owner = await ctx.server.login('owner');
    owner.write('/chats dev');
    await owner.waitFor(/^-- created #dev/);
    (await ctx.server.login('carol')).close();
    irc = await ctx.server.irc('tester', { pass: 'tester-pw' });
  });

  for (const [line, numeric, params] of ROWS) {
    it(`answers ${line} with ${numeric.source.trim()}`, async function () {
      ircSend(irc, line);
      const parts = ircParts(await irc.waitFor(numeric));
      expect(parts.params).to.deep.equal(['tester', ...params]);
    });
  }

  it('answers a FAIL with the stable code where IRC has no numeric (standard-replies), and a NOTICE keeping it otherwise', async function () {
    ircSend(irc, 'PART #general');
    expect(await irc.waitFor(/NOTICE tester :FAIL PART CANNOT_LEAVE: /)).to.contain('Everyone stays in #general');
    const modern = await ctx.server.irc('modern', { pass: 'modern-pw', caps: ['standard-replies'] });
    ircSend(modern, 'PART #general');
    expect(ircParts(await modern.waitFor(/^:chat-line FAIL /)).params.slice(0, 2)).to.deep.equal(['PART', 'CANNOT_LEAVE']);
  });

  it('answers nothing at all to a NOTICE that is refused', async function () {
    ircSend(irc, 'NOTICE nobody :hi');
    ircSend(irc, 'NOTICE #dev :hi');
    ircSend(irc, 'PING :after');
    await irc.waitFor(/ PONG /);
    expect(irc.unseen).to.equal('');
    expect(irc.all).not.to.match(/ 40[134] /);
  });
});
