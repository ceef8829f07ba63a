import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import { redisSuiteTitle } from '../helpers/redis-server.js';
import { useRedisCluster } from '../helpers/test-cluster.js';
import { waitUntil } from '../helpers/wait-until.js';

describe(redisSuiteTitle('IRC on several servers over one Redis'), function () {
  const { start } = useRedisCluster();

  it('lets an IRC user on one server and a telnet user on another chat in a room and privately, with one msgid', async () => {
    const chat = await start(2, { ircPort: 0 });
    const irc = await chat.server(0).irc('bob', { pass: 'bob-pw', caps: ['message-tags'] });
    const telnet = await chat.server(1).login('alice');
    ircSend(irc, 'JOIN #dev');
    await irc.waitFor(/ 366 bob #dev /);
    telnet.write('/chats dev');
    await irc.waitFor(/:alice!alice@chat-line JOIN #dev$/);
    telnet.write('across servers');
    const seen = await telnet.waitFor(/<alice> across servers$/);
    const line = ircParts(await irc.waitFor(/PRIVMSG #dev :across servers$/));
    expect(line.tags).to.contain(`msgid=${/\[([0-9a-z]{7})\]/.exec(seen)?.[1] ?? '?'}`);
    ircSend(irc, 'PRIVMSG alice :and back, privately');
    await telnet.waitFor(/<bob -> alice> and back, privately$/);
    telnet.write('/send bob got it');
    await irc.waitFor(/:alice!alice@chat-line PRIVMSG bob :got it$/);
    ircSend(irc, 'TOPIC #dev :set on the other server');
    await telnet.waitFor(/^-- bob set the topic of #dev: set on the other server$/);
    telnet.write('/topic dev');
    await telnet.waitFor(/^-- topic of #dev: set on the other server \(set by bob /);
  });

  it("holds a guest's nick on every server while it is connected, and lets users on other servers write to it", async () => {
    const chat = await start(2, { ircPort: 0 });
    const guest = await chat.server(0).irc('visitor');
    const telnet = await chat.server(1).login('alice');
    await waitUntil(() => chat.server(1).running.chat.presence.of('visitor').online, 3000, 'the guest known on the other server');
    const taker = await chat.server(1).connect();
    taker.write('/login visitor some-pw');
    await taker.waitFor(/^ERROR NICK_IN_USE: /);
    telnet.write('/send visitor hello, guest');
    await guest.waitFor(/:alice!alice@chat-line PRIVMSG visitor :hello, guest$/);
  });
});
