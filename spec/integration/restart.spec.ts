import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';

describe('restarting the server', function () {
  const ctx = useTestServer();

  it('keeps accounts, rooms, memberships, messages and read state, and catches up unread room and private messages', async function () {
    const bob = await ctx.server.login('bob', 'bobpw');
    bob.write('/chats dev');
    await bob.waitFor(/created #dev/);
    bob.write('seen before the restart');
    await bob.waitFor(/<bob> seen before the restart/);
    bob.close();
    const alice = await ctx.server.login('alice', 'alicepw');
    alice.write('/chats dev');
    await alice.waitFor(/now talking in #dev/);
    alice.write('unread in dev');
    await alice.waitFor(/<alice> unread in dev/);
    alice.write('/send bob unread privately');
    await alice.waitFor(/unread privately/);

    await ctx.server.restart();

    const wrong = await ctx.server.connect();
    wrong.write('/login bob alicepw');
    await wrong.waitFor(/^ERROR WRONG_PASSWORD/);
    const bobAgain = await ctx.server.login('bob', 'bobpw');
    const lines = bobAgain.lines();
    const start = lines.findIndex((l) => l.startsWith('-- unread since your last visit: 2 messages'));
    expect(start, lines.join('\n')).to.be.greaterThan(-1);
    expect(lines[start + 1]).to.match(/#dev .*<alice> unread in dev$/);
    expect(lines[start + 2]).to.match(/\(private\) .*<alice -> bob> unread privately$/);
    expect(lines.join('\n')).not.to.match(/unread.*\n.*seen before the restart/);
    bobAgain.write('/chats');
    await bobAgain.waitFor(/#dev/);
    bobAgain.write('/get_chats');
    expect(await bobAgain.waitFor(/#dev/)).to.match(/2 members/);

    bobAgain.close();
    await ctx.server.restart();
    const third = await ctx.server.login('bob', 'bobpw');
    expect(third.lines()).to.include('-- no unread messages');
  });
});
