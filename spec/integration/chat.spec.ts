import { expect } from 'chai';
import { TestServer, useTestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';
import { MemoryStore } from '../../lib/store/memory/memory-store.js';
import type { MessageRecord, NewMessage } from '../../lib/store/records.js';

const MESSAGE = /^\[\d\d:\d\d\] #(\S+) \[([0-9a-z]+)\] <(\S+)> (.*)$/;
const PRIVATE = /^\[\d\d:\d\d\] \(private\) \[([0-9a-z]+)\] <(\S+) -> (\S+)> (.*)$/;

describe('chatting over real sockets', function () {
  const ctx = useTestServer();

  it('delivers a plain line to every online member of the room, with time, room, id and author; the sender sees the id', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    alice.write('hello everyone');
    const seenByAlice = await alice.waitFor(/hello everyone/);
    const seenByBob = await bob.waitFor(/hello everyone/);
    const seenByCarol = await carol.waitFor(/hello everyone/);
    expect(seenByAlice).to.match(MESSAGE);
    expect(seenByBob).to.equal(seenByAlice);
    expect(seenByCarol).to.equal(seenByAlice);
    const [, room, , author, text] = MESSAGE.exec(seenByBob) ?? [];
    expect([room, author, text]).to.deep.equal(['general', 'alice', 'hello everyone']);
  });

  it('shows a newcomer the last messages of general, oldest first, marked as history', async function () {
    const server2 = await TestServer.start({ historySize: 3 });
    try {
      const alice = await server2.login('alice');
      for (const text of ['one', 'two', 'three', 'four']) {
        alice.write(text);
        await alice.waitFor(new RegExp(`<alice> ${text}$`));
      }
      const bob = await server2.login('bob');
      const lines = bob.lines();
      const start = lines.indexOf('-- history: last 3 messages of #general:');
      expect(start).to.be.greaterThan(-1);
      expect(lines.slice(start + 1, start + 4).map((l) => l.replace(/^.*<alice> /, ''))).to.deep.equal(['two', 'three', 'four']);
      expect(lines[start + 4]).to.equal('-- end of history');
    } finally {
      await server2.stop();
    }
  });

  it('joins and creates rooms with /chats, lists them, and keeps room messages in their room', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats dev');
    await alice.waitFor(/^-- created #dev/);
    await alice.waitFor(/^-- now talking in #dev/);
    alice.write('only for dev');
    await alice.waitFor(/#dev .*<alice> only for dev/);
    bob.write('/chats #Dev');
    await bob.waitFor(/^-- history: last 1 message of #dev:/);
    await bob.waitFor(/<alice> only for dev/);
    await alice.waitFor(/^-- bob joined #dev/);
    bob.write('/chats');
    await bob.waitFor(/^-- your rooms \(2\)/);
    await bob.waitFor(/^-- \* #dev/);
    bob.write('/get_chats');
    await bob.waitFor(/^-- rooms \(2\):/);
    expect(await bob.waitFor(/#dev/)).to.match(/\* #dev\s+2 members\s+2 online/);
    bob.write('/who');
    await bob.waitFor(/^-- #dev: 2 members, 2 online/);
    bob.write('/leave dev');
    await bob.waitFor(/^-- you left #dev; now talking in #general/);
    await alice.waitFor(/^-- bob left #dev/);
    alice.write('bob cannot see this');
    await alice.waitFor(/<alice> bob cannot see this/);
    bob.write('/history 5');
    await bob.waitFor(/^-- (no messages in #general yet|end of history)/);
    expect(bob.all).not.to.contain('bob cannot see this');
    // Their own join and leave were answered; they are not announced to them as news.
    expect(bob.all).not.to.contain('-- bob joined #dev');
    expect(bob.all).not.to.contain('-- bob left #dev');
  });

  it('delivers a private message to the recipient and to every session of the sender, and nobody else', async function () {
    const alice = await ctx.server.login('alice');
    const alice2 = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    alice.write('/send bob psst');
    const line = await bob.waitFor(/psst/);
    expect(line).to.match(PRIVATE);
    expect(PRIVATE.exec(line)?.slice(2)).to.deep.equal(['alice', 'bob', 'psst']);
    expect(await alice.waitFor(/psst/)).to.equal(line);
    expect(await alice2.waitFor(/psst/)).to.equal(line);
    carol.write('/status');
    await carol.waitFor(/^-- you: carol/);
    expect(carol.all).not.to.contain('psst');
  });

  it('keeps private messages for an offline user and shows them as unread at the next login', async function () {
    (await ctx.server.login('bob')).close();
    const alice = await ctx.server.login('alice');
    alice.write('/send bob are you there?');
    await alice.waitFor(/are you there\?/);
    expect(await alice.waitFor(/^-- bob is /)).to.equal('-- bob is offline: they will get it when they next log in');
    alice.write('in general too');
    await alice.waitFor(/in general too/);
    const bob = await ctx.server.login('bob');
    const lines = bob.lines();
    const start = lines.findIndex((l) => l.startsWith('-- unread since your last visit: 2 messages in 2 conversations'));
    expect(start, lines.join('\n')).to.be.greaterThan(-1);
    expect(lines[start + 1]).to.match(/\(private\) .*<alice -> bob> are you there\?/);
    expect(lines[start + 2]).to.match(/#general .*<alice> in general too/);
    expect(lines[start + 3]).to.equal('-- end of unread');
  });

  it('shares rooms and read state between two sessions of one user', async function () {
    const alice = await ctx.server.login('alice');
    const alice2 = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats ops');
    await alice.waitFor(/created #ops/);
    alice2.write('/chats');
    await alice2.waitFor(/#ops/);
    bob.write('/chats ops');
    await bob.waitFor(/now talking in #ops/);
    bob.write('for alice');
    await alice.waitFor(/#ops .*<bob> for alice/);
    await alice2.waitFor(/#ops .*<bob> for alice/);
    alice2.write('/leave ops');
    await alice2.waitFor(/you left #ops/);
    bob.write('gone?');
    await bob.waitFor(/<bob> gone\?/);
    bob.write('/who ops');
    await bob.waitFor(/^-- #ops: 1 member, 1 online/);
    alice.close();
    alice2.close();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('alice') === undefined);
    const alice3 = await ctx.server.login('alice');
    expect(alice3.lines()).to.include('-- no unread messages');
  });

  it('moves the other sessions of a user who leaves a room back to #general, and tells them', async function () {
    const first = await ctx.server.login('alice');
    const second = await ctx.server.login('alice');
    for (const session of [first, second]) {
      session.write('/chats dev');
      await session.waitFor(/^-- now talking in #dev/);
    }
    first.write('/leave dev');
    await first.waitFor(/^-- you left #dev; now talking in #general$/);
    await second.waitFor(/^-- now talking in #general$/);
    second.write('still here');
    await second.waitFor(/#general \[\w+\] <alice> still here$/);
    expect(first.all).not.to.match(/^-- now talking in #general$/m);
  });

  it('answers every bad line with a single error that says what to do, and nothing else changes', async function () {
    const alice = await ctx.server.login('alice');
    const cases: [string, RegExp][] = [
      ['/nope', /^ERROR UNKNOWN_COMMAND: There is no command \/nope. Type \/help/],
      ['/send', /^ERROR MISSING_ARGUMENT: Missing <nick>. Usage: \/send <nick> <message>/],
      ['/send bob', /^ERROR MISSING_ARGUMENT: Missing <text>/],
      ['/send nobody hi', /^ERROR NO_SUCH_USER: There is no user "nobody"/],
      ['/leave nowhere', /^ERROR NO_SUCH_ROOM: There is no room #nowhere/],
      ['/leave general', /^ERROR CANNOT_LEAVE/],
      ['/chats bad*name', /^ERROR INVALID_ROOM/],
      ['/history lots', /^ERROR INVALID_ARGUMENT: N must be a whole number/],
      ['/get_chats extra', /^ERROR INVALID_ARGUMENT: Unexpected "extra"/],
      ['/login alice pw', /^ERROR ALREADY_LOGGED_IN/],
      ['/send alice me', /^ERROR SELF_MESSAGE/],
    ];
    for (const [line, expected] of cases) {
      alice.write(line);
      const before = alice.unseen.length;
      const got = await alice.waitFor(/^ERROR /);
      expect(got, line).to.match(expected);
      expect(before, `no output before the error for ${line}`).to.be.at.most(got.length + 2);
    }
    alice.write('/get_chats');
    await alice.waitFor(/^-- rooms \(1\):/);
  });

  it('lists a room nobody is in no more, and keeps it, with its history, for the next to join it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats tmp');
    await alice.waitFor(/^-- created #tmp/);
    alice.write('was here');
    await alice.waitFor(/<alice> was here/);
    alice.write('/leave tmp');
    await alice.waitFor(/^-- you left #tmp/);
    bob.write('/get_chats');
    await bob.waitFor(/^-- rooms \(1\):/);
    bob.write('/status');
    await bob.waitFor(/^-- rooms you can see: 1$/);
    bob.write('/chats tmp');
    await bob.waitFor(/^-- history: last 1 message of #tmp:/);
    await bob.waitFor(/<alice> was here/);
    bob.write('/get_chats');
    expect(await bob.waitFor(/^-- \* #tmp/)).to.match(/\* #tmp\s+1 member\s+1 online/);
    expect(bob.all).not.to.contain('created #tmp');
  });

  it('tells the limits a user meets in one line with /limits', async function () {
    const alice = await ctx.server.login('alice');
    alice.write('/limits');
    const { maxFileBytes, maxLineBytes } = ctx.server.config;
    expect(await alice.waitFor(/^-- limits: /)).to.match(new RegExp(`^-- limits: files up to 5 MB \\(${maxFileBytes} bytes\\); lines up to ${maxLineBytes} bytes; (\\d+ messages per [\\w ]+|no limit on messages) to #general; messages kept [\\w ]+$`));
    const other = await TestServer.start({ maxFileBytes: 512 * 1024, rateLimit: 20, rateWindowMs: 3_600_000, messageTtlMs: 36 * 3_600_000 });
    try {
      const bob = await other.login('bob');
      bob.write('/limits');
      expect(await bob.waitFor(/^-- limits: /)).to.equal('-- limits: files up to 512 KB (524288 bytes); lines up to 4096 bytes; 20 messages per 1 hour to #general; messages kept 1 day 12 hours');
    } finally {
      await other.stop();
    }
  });

  it('answers /status, /help and /help <command>, and /quit says goodbye and closes', async function () {
    const alice = await ctx.server.login('alice');
    alice.write('/status');
    await alice.waitFor(/^-- server time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    await alice.waitFor(/^-- uptime: /);
    await alice.waitFor(/^-- connected: 1 users in 1 sessions/);
    await alice.waitFor(/^-- rooms you can see: 1$/);
    await alice.waitFor(/^-- you: alice, in #general; your rooms: #general/);
    alice.write('/help');
    await alice.waitFor(/^-- \/send <nick> <message>\s+send a private message/);
    alice.write('/help send');
    await alice.waitFor(/^-- \/send <nick> <message>: send a private message/);
    await alice.waitFor(/^-- also: \/msg/);
    alice.write('/quit');
    await alice.waitFor(/^-- bye!/);
    await alice.waitClosed();
  });

  it('handles lines that arrive together in order: each message is echoed before the answer to the command after it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.writeRaw('one\r\ntwo\r\nthree\r\n/history 3\r\n/nonsense\r\nfour\r\n');
    await alice.waitFor(/^ERROR UNKNOWN_COMMAND/);
    await alice.waitFor(/<alice> four$/);
    const shown = alice
      .lines()
      .filter((line) => /<alice> |^-- history|^ERROR/.test(line))
      .map((line) => line.replace(/^.*<alice> /, ''));
    expect(shown).to.deep.equal(['one', 'two', 'three', '-- history: last 3 messages of #general:', 'one', 'two', 'three', 'ERROR UNKNOWN_COMMAND: There is no command /nonsense. Type /help for the list.', 'four']);
    await bob.waitFor(/<alice> four$/);
    expect(bob.lines().filter((line) => line.includes('<alice>')).map((line) => line.replace(/^.*<alice> /, ''))).to.deep.equal(['one', 'two', 'three', 'four']);
  });
});

describe('a message that storage refuses', function () {
  /** A store that fails to append any batch holding a message with "unstorable" in it. */
  class RefusingStore extends MemoryStore {
    override appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
      if (batch.some((m) => m.text.includes('unstorable'))) return Promise.reject(new Error('disk full'));
      return super.appendMessages(batch);
    }
  }
  const ctx = useTestServer({}, { store: new RefusingStore() });

  it('tells the sender it was not sent, reaches nobody, and the next message goes through', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('an unstorable line');
    expect(await alice.waitFor(/^ERROR/)).to.equal('ERROR STORAGE_FAILED: The message could not be stored and was not sent. Try again.');
    alice.write('a fine line');
    await bob.waitFor(/<alice> a fine line$/);
    expect(bob.all).not.to.contain('unstorable');
    expect(alice.all).not.to.match(/<alice> an unstorable line/);
  });
});
