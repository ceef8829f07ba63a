import { expect } from 'chai';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { TestServer } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('the lifetime of messages', function () {
  let clock: FakeClock;
  let server: TestServer;

  beforeEach(async function () {
    clock = fakeClock(NOON);
    server = await TestServer.start({ messageTtlMs: 3_600_000 }, { clock });
  });
  afterEach(async function () {
    await server.stop();
  });

  it('removes room messages an hour after they were posted, from history and from storage', async function () {
    const alice = await server.login('alice');
    alice.write('short-lived');
    await alice.waitFor(/<alice> short-lived/);
    await clock.advance(30 * 60_000);
    alice.write('younger');
    await alice.waitFor(/<alice> younger/);
    await clock.advance(31 * 60_000);
    alice.write('/history');
    await alice.waitFor(/^-- history: last 1 message of #general:/);
    expect(await alice.waitFor(/<alice>/)).to.match(/younger$/);
    // Storage catches up at the next sweep (every tenth of the lifetime).
    await clock.advance(6 * 60_000);
    expect(await server.running.store.countMessages()).to.equal(1);
  });

  it('keeps a private message until it reaches its recipient, then an hour more', async function () {
    (await server.login('bob')).close();
    const alice = await server.login('alice');
    alice.write('/send bob read me when you are back');
    await alice.waitFor(/read me/);
    await clock.advance(5 * 3_600_000);
    const bob = await server.login('bob');
    expect(bob.lines().join('\n')).to.match(/<alice -> bob> read me when you are back/);
    await clock.advance(59 * 60_000);
    expect(await server.running.store.countMessages()).to.equal(1);
    await clock.advance(2 * 60_000 + 6 * 60_000);
    expect(await server.running.store.countMessages()).to.equal(0);
  });

  it('tells a returning user how many unread messages expired unseen, swept from storage or not yet', async function () {
    (await server.login('bob')).close();
    (await server.login('carol')).close();
    const alice = await server.login('alice');
    for (const text of ['one', 'two', 'three']) {
      alice.write(text);
      await alice.waitFor(new RegExp(`<alice> ${text}$`));
    }
    // Past the lifetime and past a sweep (every tenth of it): gone from storage.
    await clock.advance(61 * 60_000 + 6 * 60_000);
    expect(await server.running.store.countMessages()).to.equal(0);
    alice.write('fresh');
    await alice.waitFor(/<alice> fresh$/);
    const bob = await server.login('bob');
    expect(bob.lines().join('\n')).to.match(/^-- 3 unread messages expired before you came back \(messages are kept 1 hour\)$/m);
    expect(bob.lines().join('\n')).to.match(/<alice> fresh$/m);
    bob.close();

    // Told once: the next login says nothing of them.
    const again = await server.login('bob');
    expect(again.lines().join('\n')).to.not.match(/expired/);

    // Past the lifetime but not swept yet (the sweep held back): counted all the same, once.
    server.running.chat.expiry.stop();
    await clock.advance(60 * 60_000);
    expect(await server.running.store.countMessages()).to.equal(1);
    const carol = await server.login('carol');
    expect(carol.lines().join('\n')).to.match(/^-- 4 unread messages expired before you came back/m);
    expect(carol.lines().join('\n')).to.not.match(/<alice> fresh$/m);
    await clock.advance(5_000);
    await server.running.chat.expiry.sweep();
    carol.close();
    expect((await server.login('carol')).lines().join('\n')).to.not.match(/expired/);
  });
});
