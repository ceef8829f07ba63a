import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('presence: /me, /away, /whois', function () {
  const ctx = useTestServer();

  it('shows /me to the room as * alice waves', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/me waves at everyone');
    expect(await bob.waitFor(/waves/)).to.match(/^\[\d\d:\d\d\] #general \[[0-9a-z]+\] \* alice waves at everyone$/);
    expect(await alice.waitFor(/waves/)).to.match(/\* alice waves at everyone$/);
  });

  it('shows an away message in /who and /whois, answers private messages with it, and /back ends it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/away lunch, back at 2');
    await alice.waitFor(/^-- you are away: lunch, back at 2/);
    bob.write('/who');
    expect(await bob.waitFor(/^-- alice /)).to.match(/^-- alice\s+online, away: lunch, back at 2$/);
    bob.write('/whois alice');
    await bob.waitFor(/^-- alice:$/);
    expect(await bob.waitFor(/status:/)).to.match(/status:\s+online, away: lunch, back at 2$/);
    bob.write('/send alice are you there?');
    await bob.waitFor(/<bob -> alice> are you there\?/);
    expect(await bob.waitFor(/^-- alice is away/)).to.equal('-- alice is away: lunch, back at 2');
    await alice.waitFor(/<bob -> alice> are you there\?/);
    alice.write('/back');
    await alice.waitFor(/^-- welcome back/);
    bob.write('/who');
    expect(await bob.waitFor(/^-- alice /)).to.match(/^-- alice\s+online$/);
    alice.write('/away');
    await alice.waitFor(/^-- you are not away/);
  });

  it('lists everyone online with /who * and /online, in any room, and nobody offline', async function () {
    (await ctx.server.login('carol')).close();
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    bob.write('/away lunch');
    await bob.waitFor(/^-- you are away/);
    alice.write('/chats dev');
    await alice.waitFor(/now talking in #dev/);
    for (const command of ['/who *', '/online']) {
      alice.write(command);
      await alice.waitFor(/^-- online now: 2 users$/);
      expect(await alice.waitFor(/^-- alice /)).to.match(/^-- alice\s+online$/);
      expect(await alice.waitFor(/^-- bob /)).to.match(/^-- bob\s+online, away: lunch$/);
    }
    expect(alice.all).not.to.match(/^-- carol /m);
  });

  it('tells in /whois when an offline user was last seen and which rooms you share', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    for (const client of [alice, bob]) {
      client.write('/chats dev');
      await client.waitFor(/now talking in #dev/);
    }
    alice.write('/chats ops');
    await alice.waitFor(/now talking in #ops/);
    alice.write('/quit');
    await alice.waitClosed();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('alice') === undefined);
    bob.write('/whois @Alice');
    await bob.waitFor(/^-- alice:$/);
    expect(await bob.waitFor(/status:/)).to.match(/status:\s+offline$/);
    expect(await bob.waitFor(/last seen:/)).to.match(/last seen:\s+\d\d:\d\d \(\d+ seconds? ago\)$/);
    expect(await bob.waitFor(/rooms in common:/)).to.match(/rooms in common:\s+#dev #general$/);
    bob.write('/whois nobody');
    await bob.waitFor(/^ERROR NO_SUCH_USER/);
  });
});

describe('ignoring users', function () {
  const ctx = useTestServer();

  it('keeps everything from an ignored user away, in rooms and privately, while others still see it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    alice.write('/ignore bob');
    await alice.waitFor(/^-- you now ignore bob/);
    bob.write('spam in general');
    bob.write('/me spams');
    bob.write('/send alice private spam');
    await carol.waitFor(/\* bob spams/);
    await bob.waitFor(/private spam/);
    carol.write('carol speaks');
    const id = /\[([0-9a-z]+)\] <carol> carol speaks/.exec(await alice.waitFor(/<carol> carol speaks/))?.[1];
    bob.write(`/comment ${id} spam in a comment`);
    await carol.waitFor(/spam in a comment/);
    alice.write(`/thread ${id}`);
    await alice.waitFor(/^-- end of thread/);
    expect(alice.all).to.match(/<carol> carol speaks\r\n-- end of thread/);
    expect(alice.all).not.to.contain('spam');
    alice.write('/ignore');
    await alice.waitFor(/^-- you ignore \(1\): bob$/);
    alice.write('/unignore bob');
    await alice.waitFor(/^-- you no longer ignore bob/);
    bob.write('welcome back');
    await alice.waitFor(/<bob> welcome back/);
  });

  it('keeps an ignore list across logins and restarts, and hides ignored messages from catch-up and history', async function () {
    const bob = await ctx.server.login('bob');
    const alice = await ctx.server.login('alice');
    alice.write('/ignore bob');
    await alice.waitFor(/you now ignore bob/);
    alice.close();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('alice') === undefined);
    bob.write('/send alice while you were out');
    bob.write('from bob in general');
    await bob.waitFor(/from bob in general/);
    const carol = await ctx.server.login('carol');
    carol.write('from carol');
    await carol.waitFor(/from carol/);
    await ctx.server.restart();
    const again = await ctx.server.login('alice');
    expect(again.lines()).to.include('-- unread since your last visit: 1 message in 1 conversation:');
    expect(again.all).to.contain('<carol> from carol');
    expect(again.all).not.to.match(/while you were out|from bob/);
    again.write('/history');
    await again.waitFor(/^-- end of history/);
    expect(again.all).not.to.match(/from bob/);
    again.write('/ignore alice');
    await again.waitFor(/^ERROR INVALID_ARGUMENT: That is you/);
  });
});

describe('mentions', function () {
  const ctx = useTestServer();

  it('highlights a message that names you, rings the bell when you are in another room, and leaves others plain', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    bob.write('/chats dev');
    await bob.waitFor(/now talking in #dev/);
    alice.write('hey Bob and carol, lunch?');
    const seenByCarol = await carol.waitFor(/lunch\?/);
    const seenByBob = await bob.waitFor(/lunch\?/);
    const seenByAlice = await alice.waitFor(/lunch\?/);
    expect(seenByAlice).to.match(/^\[\d\d:\d\d\] #general \[[0-9a-z]+\] <alice> hey Bob and carol, lunch\?$/);
    expect(seenByCarol).to.equal(`>> ${seenByAlice}`);
    expect(seenByBob).to.equal(`>> ${seenByAlice}\x07`);
  });

  it('counts the mentions among unread room messages at login', async function () {
    (await ctx.server.login('bob')).close();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('bob') === undefined);
    const alice = await ctx.server.login('alice');
    for (const line of ['bob, are you there?', 'nothing to see', 'ask Bob or carol', '/send bob call me, bob']) alice.write(line);
    await alice.waitFor(/call me, bob/);
    const bob = await ctx.server.login('bob');
    const lines = bob.lines();
    expect(lines).to.include('-- unread since your last visit: 4 messages in 2 conversations, 2 mention you:');
    expect(lines.filter((l) => l.startsWith('>> ')).map((l) => l.replace(/^.*<alice> /, ''))).to.deep.equal(['bob, are you there?', 'ask Bob or carol']);
  });
});

describe('colour', function () {
  const ctx = useTestServer();

  it('is off on a new connection, turns on for that connection only, and never reaches the same user elsewhere', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/color');
    await alice.waitFor(/^-- colour is off/);
    alice.write('/color on');
    await alice.waitFor(/colour is on for this connection/);
    // Alice on a second connection, as a script with nc would be.
    const script = await ctx.server.login('alice');
    bob.write('plain for bob');
    const coloured = await alice.waitFor(/plain for bob/);
    expect(coloured).to.contain('\x1b[');
    expect(coloured.startsWith('[')).to.equal(true);
    expect(await bob.waitFor(/plain for bob/)).not.to.contain('\x1b[');
    expect(await script.waitFor(/plain for bob/)).not.to.contain('\x1b[');
    script.write('/who');
    expect(await script.waitFor(/#general: 2 members/)).to.equal('-- #general: 2 members, 2 online');
    alice.write('/who');
    expect((await alice.waitFor(/#general: 2 members/)).startsWith('-- \x1b[')).to.equal(true);
    alice.close();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('alice')?.sessions.length === 1);
    // The next login is plain again: colour is asked for per connection.
    const again = await ctx.server.login('alice');
    expect(again.all).not.to.contain('\x1b[');
    again.write('/color off');
    await again.waitFor(/colour is off/);
    again.write('/colour purple');
    await again.waitFor(/^ERROR INVALID_ARGUMENT: Say \/color on or \/color off/);
  });
});

describe('changing a password', function () {
  const ctx = useTestServer();

  it('needs the current password, and the new one works at the next login while the old one does not', async function () {
    const alice = await ctx.server.login('alice', 'old');
    alice.write('/password wrong new');
    await alice.waitFor(/^ERROR WRONG_PASSWORD: That is not your current password/);
    alice.write('/password old new');
    await alice.waitFor(/^-- password changed/);
    const withOld = await ctx.server.connect();
    withOld.write('/login alice old');
    await withOld.waitFor(/^ERROR WRONG_PASSWORD/);
    await ctx.server.login('alice', 'new');
  });
});
