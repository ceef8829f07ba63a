import { expect } from 'chai';
import { ircParts, ircRegister, ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';

describe('bad input on the IRC port', function () {
  const ctx = useTestServer({ ircPort: 0 });

  it('answers an overlong line and overlong tags with 417, and goes on', async function () {
    const irc = await ctx.server.irc('tester', { pass: 'tester-pw' });
    const other = await ctx.server.login('watcher');
    ircSend(irc, `PRIVMSG #general :${'x'.repeat(600)}`);
    expect(ircParts(await irc.waitFor(/ 417 /)).params).to.deep.equal(['tester', 'Input line was too long']);
    ircSend(irc, `@+big=${'y'.repeat(4200)} PRIVMSG #general :tagged`);
    await irc.waitFor(/ 417 /);
    irc.writeRaw(Buffer.concat([Buffer.from('PRIVMSG #general :'), Buffer.alloc(20_000, 0x41), Buffer.from('\r\n')]));
    await irc.waitFor(/ 417 /);
    ircSend(irc, 'PRIVMSG #general :still here');
    await other.waitFor(/<tester> still here$/);
    expect(other.all).not.to.match(/xxxxx|tagged|AAAAA/);
  });

  it('refuses a line with NUL whole, and reads invalid UTF-8 as windows-1252', async function () {
    const irc = await ctx.server.irc('tester', { pass: 'tester-pw' });
    const other = await ctx.server.login('watcher');
    irc.writeRaw(Buffer.from('PRIVMSG #general :before\0after\r\n'));
    await irc.waitFor(/NOTICE tester :FAIL INVALID_CHARACTER: A line may not contain NUL/);
    irc.writeRaw(Buffer.concat([Buffer.from('PRIVMSG #general :caf'), Buffer.from([0xe9]), Buffer.from('\r\n')]));
    await other.waitFor(/<tester> café$/);
    expect(other.all).not.to.contain('before');
  });

  it('ignores garbage and empty lines, answers unknown verbs with 421, and strips mIRC formatting', async function () {
    const irc = await ctx.server.irc('tester', { pass: 'tester-pw' });
    const other = await ctx.server.login('watcher');
    ircSend(irc, '');
    ircSend(irc, ':only-a-source');
    ircSend(irc, '@tag=only');
    ircSend(irc, '\u00ff\u00fe garbage');
    await irc.waitFor(/ 421 tester \u00ff\u00fe :Unknown command/);
    ircSend(irc, 'PRIVMSG #general :\x02bold\x02 \x0304,02red\x03 plain');
    await other.waitFor(/<tester> bold red plain$/);
  });

  it('closes a client that floods with the same fakelag as the line protocol, without touching anyone else', async function () {
    const irc = await ctx.server.irc('flooder', { pass: 'flooder-pw' });
    const other = await ctx.server.irc('calm', { pass: 'calm-pw' });
    irc.writeRaw('PING :x\r\n'.repeat(200));
    await irc.waitFor(/^ERROR :Closing link: disconnected for flooding$/);
    await irc.waitClosed();
    ircSend(other, 'PING :fine');
    await other.waitFor(/ PONG chat-line :fine$/);
  });

  it('disconnects a client that sends 1000 JOINs at once after a few, and the others go on', async function () {
    const irc = await ctx.server.irc('joiner', { pass: 'joiner-pw' });
    const other = await ctx.server.irc('calm', { pass: 'calm-pw' });
    const before = ctx.server.running.chat.hub.rooms.size;
    irc.writeRaw(Array.from({ length: 1000 }, (_, i) => `JOIN #room${i}\r\n`).join(''));
    await irc.waitFor(/^ERROR :Closing link: disconnected for flooding$/);
    expect(ctx.server.running.chat.hub.rooms.size - before).to.be.at.most(ctx.server.config.floodBurst);
    ircSend(other, 'JOIN #fine');
    await other.waitFor(/ 366 calm #fine /);
  });

  it('keeps a client that registers in pieces (a byte at a time) working', async function () {
    const irc = await ctx.server.ircConnection();
    const text = 'NICK slow\r\nUSER slow 0 * :slow\r\n';
    for (const byte of Buffer.from(text)) irc.writeRaw(Buffer.from([byte]));
    await irc.waitFor(/ 001 slow /);
    await ircRegister(await ctx.server.ircConnection(), 'fast');
  });
});
