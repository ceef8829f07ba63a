import { expect } from 'chai';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import type { LineClient } from '../helpers/line-client.js';
import { ANYONE_MAY_REPORT, TestServer } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe('scheduled messages', function () {
  let clock: FakeClock;
  let server: TestServer;

  beforeEach(async function () {
    clock = fakeClock(NOON);
    server = await TestServer.start({}, { clock });
  });
  afterEach(async function () {
    await server.stop();
  });

  it('sends a message to the current room when it falls due, and lists and cancels pending ones', async function () {
    const alice = await server.login('alice');
    const bob = await server.login('bob');
    alice.write('/schedule +10m stand-up time');
    expect(await alice.waitFor(/^-- scheduled /)).to.match(/^-- scheduled (s[0-9a-z]{7}) for 12:10 \(in 10 minutes\) to #general; \/cancel \1 cancels it$/);
    alice.write('/schedule 14:30 @bob call me back');
    const second = /scheduled (s[0-9a-z]{7}) for 14:30/.exec(await alice.waitFor(/^-- scheduled /))?.[1] ?? '';
    alice.write('/scheduled');
    await alice.waitFor(/^-- your scheduled messages \(2\):/);
    await alice.waitFor(/12:10 \(in 10 minutes\)\s+#general\s+stand-up time/);
    await alice.waitFor(/14:30 \(in 3 hours\)\s+@bob\s+call me back/);
    bob.write('/scheduled');
    await bob.waitFor(/^-- you have no scheduled messages/);
    bob.write(`/cancel ${second}`);
    await bob.waitFor(/^ERROR NO_SUCH_SCHEDULED/);
    await clock.advance(10 * 60_000);
    expect(await bob.waitFor(/stand-up time/)).to.match(/^\[12:10\] #general \[\w+\] <alice> stand-up time$/);
    alice.write(`/cancel ${second}`);
    await alice.waitFor(new RegExp(`^-- cancelled scheduled message ${second}$`));
    await clock.advance(3 * 3_600_000);
    alice.write('/scheduled');
    await alice.waitFor(/^-- you have no scheduled messages/);
    expect(bob.all).not.to.contain('call me back');
  });

  it('refuses a time in the past and nonsense times', async function () {
    const alice = await server.login('alice');
    alice.write('/schedule 2020-01-01T10:00 too late');
    await alice.waitFor(/^ERROR INVALID_TIME: That time has already passed/);
    alice.write('/schedule soon hello');
    await alice.waitFor(/^ERROR INVALID_TIME: "soon" is not a time/);
    alice.write('/schedule +99999999d hello');
    await alice.waitFor(/^ERROR INVALID_TIME: "\+99999999d" is not a time/);
    alice.write('/scheduled');
    await alice.waitFor(/^-- you have no scheduled messages/);
    alice.write('/schedule +5m @nobody hi');
    await alice.waitFor(/^ERROR NO_SUCH_USER/);
  });

  it('sends at start-up what fell due while the server was down', async function () {
    (await server.login('bob')).close();
    const alice = await server.login('alice');
    alice.write('/schedule +1h @bob sent while you slept');
    await alice.waitFor(/^-- scheduled/);
    await server.running.close();
    await clock.advance(2 * 3_600_000);
    await server.restart();
    const bob = await server.login('bob');
    expect(bob.lines().join('\n')).to.match(/<alice -> bob> sent while you slept/);
  });

  /** Alice schedules a message for 12:10 (and goes offline, if asked); bob's report then bans her. */
  async function scheduleThenBan(options: { offline: boolean }): Promise<{ alice: LineClient; bob: LineClient }> {
    await server.stop();
    server = await TestServer.start({ ...ANYONE_MAY_REPORT, banThreshold: 1 }, { clock });
    const alice = await server.login('alice');
    alice.write('/schedule +10m hello later');
    await alice.waitFor(/^-- scheduled/);
    if (options.offline) alice.close();
    const bob = await server.login('bob');
    bob.write('/ban alice');
    await bob.waitFor(/^-- you reported alice/);
    await clock.advance(10 * 60_000);
    return { alice, bob };
  }

  it('does not send the message of an author who is banned when it falls due, and tells them', async function () {
    const { alice, bob } = await scheduleThenBan({ offline: false });
    await alice.waitFor(/^\[12:10\] \(private\) \[\w+\] <\*server\* -> alice> your scheduled message \w+ to #general was not sent: You are banned from sending until/);
    expect(bob.all).not.to.contain('hello later');
  });

  it('tells an author who is offline when it falls due, at their next login', async function () {
    const { bob } = await scheduleThenBan({ offline: true });
    const back = await server.login('alice');
    expect(back.lines().join('\n')).to.match(/<\*server\* -> alice> your scheduled message \w+ to #general was not sent: You are banned from sending until/);
    expect(bob.all).not.to.contain('hello later');
  });

  it('gives a dated example in /help schedule that is tomorrow morning, and that schedules as typed', async function () {
    const alice = await server.login('alice');
    alice.write('/help schedule');
    const example = await alice.waitFor(/^-- Example: {2}\/schedule \d{4}-/);
    // The clock reads 2026-11-23 12:00 local time.
    expect(example).to.equal('-- Example:  /schedule 2026-11-24T09:00 good morning, everyone');
    alice.write(example.replace(/^-- Example: {2}/, ''));
    expect(await alice.waitFor(/^-- scheduled /)).to.match(/^-- scheduled s[0-9a-z]{7} for Nov 24 09:00 \(in 21 hours\) to #general/);
  });
});
