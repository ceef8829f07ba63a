import { expect } from 'chai';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { TestServer } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('reports and bans', function () {
  let clock: FakeClock;
  let server: TestServer;

  beforeEach(async function () {
    clock = fakeClock(NOON);
    server = await TestServer.start({ banThreshold: 3, banDurationMs: 4 * 3_600_000 }, { clock });
  });
  afterEach(async function () {
    await server.stop();
  });

  async function reportBy(nicks: string[], target: string): Promise<void> {
    for (const nick of nicks) {
      const reporter = await server.login(nick);
      reporter.write(`/ban ${target}`);
      await reporter.waitFor(/^-- you reported/);
    }
  }

  it('bans a user reported by three different users from sending anything, and tells them until when', async function () {
    const spammer = await server.login('spammer');
    const watcher = await server.login('watcher');
    watcher.write('watch this');
    const id = /\[(\w+)\] <watcher> watch this/.exec(await spammer.waitFor(/watch this/))?.[1] ?? '';
    await reportBy(['r1', 'r2'], 'spammer');
    await spammer.waitFor(/^-- someone reported you \(2 of 3 reports/);
    expect(spammer.all).not.to.match(/r1|r2/);
    await reportBy(['r3'], 'spammer');
    await watcher.waitFor(/^-- spammer was reported by 3 users and cannot send until 16:00 \(in 4 hours\)/);
    for (const line of ['hello?', '/send watcher hi', '/say hi', `/comment ${id} hi`, '/schedule +1m hi']) {
      spammer.write(line);
      expect(await spammer.waitFor(/^ERROR /), line).to.match(/^ERROR BANNED: You are banned from sending until 16:00 \(in 4 hours\)/);
    }
    spammer.write('/who');
    await spammer.waitFor(/^-- #general: /);
    spammer.write('/history 5');
    await spammer.waitFor(/^-- (no messages|history)/);
  });

  it('refuses reporting yourself, an unknown nick, or the same user twice in one cycle', async function () {
    const alice = await server.login('alice');
    (await server.login('bob')).close();
    alice.write('/ban alice');
    await alice.waitFor(/^ERROR SELF_REPORT/);
    alice.write('/ban nobody');
    await alice.waitFor(/^ERROR NO_SUCH_USER/);
    alice.write('/ban bob');
    await alice.waitFor(/^-- you reported bob \(1 report so far\)/);
    alice.write('/ban BOB');
    await alice.waitFor(/^ERROR ALREADY_REPORTED/);
    const bob = await server.login('bob');
    expect(bob.lines()).to.include('-- 1 user has reported you; at 3 you are banned from sending for a while');
  });

  it('lifts the ban when it ends, forgets the reports, and keeps it across a restart meanwhile', async function () {
    (await server.login('spammer')).close();
    await reportBy(['r1', 'r2', 'r3'], 'spammer');
    await server.restart();
    const spammer = await server.login('spammer');
    expect(spammer.lines()).to.include('-- you are banned from sending until 16:00 (in 4 hours); you can still read');
    spammer.write('still banned?');
    await spammer.waitFor(/^ERROR BANNED/);
    await clock.advance(4 * 3_600_000);
    spammer.write('free again');
    await spammer.waitFor(/<spammer> free again/);
    const r1 = await server.login('r1');
    r1.write('/ban spammer');
    await r1.waitFor(/^-- you reported spammer \(1 report so far\)/);
  });
});
