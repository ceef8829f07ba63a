import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';

const ID = /\[([0-9a-z]{7})\]/;

describe('IRC and telnet users on one chat', function () {
  const ctx = useTestServer({ ircPort: 0 });

  it('puts a telnet user and an IRC user in one room, both ways, with the id telnet users see as msgid', async function () {
    const telnet = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw', caps: ['server-time', 'message-tags'] });
    ircSend(irc, 'JOIN #dev');
    await irc.waitFor(/:bob!bob@chat-line JOIN #dev$/);
    expect(ircParts(await irc.waitFor(/ 366 bob #dev /)).params[1]).to.equal('#dev');
    telnet.write('/chats dev');
    await telnet.waitFor(/^-- now talking in #dev/);
    await irc.waitFor(/:alice!alice@chat-line JOIN #dev$/);
    telnet.write('hello from telnet');
    const seenByTelnet = await telnet.waitFor(/<alice> hello from telnet$/);
    const line = await irc.waitFor(/PRIVMSG #dev :hello from telnet$/);
    const parts = ircParts(line);
    expect(parts.source).to.equal('alice!alice@chat-line');
    expect(parts.tags).to.match(/(^|;)time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z(;|$)/);
    expect(parts.tags).to.contain(`msgid=${ID.exec(seenByTelnet)?.[1] ?? '?'}`);
    ircSend(irc, 'PRIVMSG #dev :hi from irc');
    await telnet.waitFor(/#dev \[[0-9a-z]+\] <bob> hi from irc$/);
  });

  it('sends private messages both ways between a telnet user and an IRC user', async function () {
    const telnet = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    telnet.write('/send bob psst');
    expect(await irc.waitFor(/PRIVMSG bob :psst$/)).to.equal(':alice!alice@chat-line PRIVMSG bob :psst');
    ircSend(irc, 'PRIVMSG alice :back at you');
    await telnet.waitFor(/\(private\) \[[0-9a-z]+\] <bob -> alice> back at you$/);
  });

  it('shows /me as a CTCP ACTION, and takes one from IRC as /me', async function () {
    const telnet = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    telnet.write('/me waves');
    expect(await irc.waitFor(/PRIVMSG #general :.ACTION waves.$/)).to.equal(':alice!alice@chat-line PRIVMSG #general :\x01ACTION waves\x01');
    ircSend(irc, 'PRIVMSG #general :\x01ACTION nods\x01');
    await telnet.waitFor(/#general \[[0-9a-z]+\] \* bob nods$/);
  });

  it('treats the same account on IRC and telnet as one user: each session sees what the other sent; the IRC one its own only with echo-message', async function () {
    const telnet = await ctx.server.login('carol', 'carol-pw');
    const plain = await ctx.server.irc('carol', { pass: 'carol-pw' });
    const echoing = await ctx.server.irc('carol', { pass: 'carol-pw', caps: ['echo-message'] });
    const other = await ctx.server.login('dave');
    telnet.write('from the terminal');
    await plain.waitFor(/^:carol!carol@chat-line PRIVMSG #general :from the terminal$/);
    await echoing.waitFor(/PRIVMSG #general :from the terminal$/);
    ircSend(plain, 'PRIVMSG #general :from irssi');
    await telnet.waitFor(/<carol> from irssi$/);
    await echoing.waitFor(/PRIVMSG #general :from irssi$/);
    await other.waitFor(/<carol> from irssi$/);
    ircSend(echoing, 'PRIVMSG #general :from weechat');
    await echoing.waitFor(/PRIVMSG #general :from weechat$/);
    await plain.waitFor(/PRIVMSG #general :from weechat$/);
    // A marker after both: the plain client never got its own line back.
    telnet.write('marker');
    await plain.waitFor(/:marker$/);
    expect(plain.all).not.to.contain('PRIVMSG #general :from irssi');
  });

  it('lets an IRC user be invited to a private room and talk there, and keeps it hidden from others', async function () {
    const owner = await ctx.server.login('alice');
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    const outsider = await ctx.server.irc('eve', { pass: 'eve-pw' });
    owner.write('/chats secret --private');
    await owner.waitFor(/^-- now talking in #secret/);
    ircSend(outsider, 'JOIN #secret');
    expect(ircParts(await outsider.waitFor(/ 403 /)).params[1]).to.equal('#secret');
    owner.write('/invite secret bob');
    await irc.waitFor(/^:\*server\*!service@chat-line NOTICE bob :alice invited you to the private room #secret/);
    ircSend(irc, 'JOIN #secret');
    await irc.waitFor(/^:bob!bob@chat-line JOIN #secret$/);
    expect(ircParts(await irc.waitFor(/ 353 bob /)).params.slice(1)).to.deep.equal(['@', '#secret', '@alice bob']);
    owner.write('secret words');
    await irc.waitFor(/PRIVMSG #secret :secret words$/);
    ircSend(outsider, 'LIST');
    await outsider.waitFor(/ 323 /);
    ircSend(outsider, 'NAMES #secret');
    await outsider.waitFor(/ 366 eve #secret /);
    ircSend(outsider, 'WHOIS bob');
    await outsider.waitFor(/ 318 /);
    expect(outsider.all).not.to.contain('secret words');
    expect(outsider.all).not.to.match(/ 322 eve #secret | 353 eve . #secret |#secret.*\r\n.* 318 /);
    expect(outsider.all).not.to.match(/ 319 eve bob :.*#secret/);
  });

  it('replays what an IRC user missed at the next connection, with each message at its time', async function () {
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    irc.close();
    const telnet = await ctx.server.login('alice');
    telnet.write('while you were away');
    telnet.write('/send bob privately');
    await telnet.waitFor(/<alice -> bob> privately$/);
    const timed = await ctx.server.irc('bob', { pass: 'bob-pw', caps: ['server-time'] });
    expect(timed.all).to.match(/NOTICE bob :Unread since your last visit: 2 messages in 2 conversations\./);
    expect(timed.all).to.match(/@time=\S+ :alice!alice@chat-line PRIVMSG #general :while you were away\r\n/);
    expect(timed.all).to.match(/@time=\S+ :alice!alice@chat-line PRIVMSG bob :privately\r\n/);
    timed.close();
    telnet.write('once more');
    await telnet.waitFor(/<alice> once more$/);
    const plain = await ctx.server.irc('bob', { pass: 'bob-pw' });
    expect(plain.all).to.match(/:alice!alice@chat-line PRIVMSG #general :\[\d\d:\d\d\] once more\r\n/);
    expect(plain.all).not.to.contain('while you were away');
  });
});
