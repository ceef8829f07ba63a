import { expect } from 'chai';
import { ANYONE_MAY_REPORT, TestServer, useTestServer } from '../helpers/test-server.js';
import { systemClock, type Clock } from '../../lib/util/clock.js';
import type { LogFields, Logger } from '../../lib/util/logger.js';

/** Records what is logged, so tests can check that operator actions name the operator. */
function recordingLogger(): { logger: Logger; events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const record = (event: string, fields: LogFields = {}): void => {
    events.push({ event, fields });
  };
  return { logger: { debug: record, info: record, warn: record, error: record }, events };
}

describe('operators', function () {
  /** Real time plus whatever a test skips ahead: mutes expire without waiting. */
  let skipped = 0;
  const clock: Clock = { ...systemClock, now: () => Date.now() + skipped };
  const log = recordingLogger();
  const ctx = useTestServer({ ...ANYONE_MAY_REPORT, admins: ['Alice'] }, { clock, logger: log.logger });

  beforeEach(function () {
    skipped = 0;
    log.events.length = 0;
  });

  it('refuses operator commands to everyone else with NOT_AN_OPERATOR', async function () {
    await ctx.server.login('alice');
    const carol = await ctx.server.login('carol');
    for (const line of ['/kick alice', '/mute alice 1m', '/unmute alice', '/unban alice', '/motd take over', '/announce hi']) {
      carol.write(line);
      expect(await carol.waitFor(/^ERROR /), line).to.match(/^ERROR NOT_AN_OPERATOR: \/\w+ is for operators/);
    }
  });

  it('disconnects every session of a user with /kick and logs who did it', async function () {
    const alice = await ctx.server.login('alice');
    const bob1 = await ctx.server.login('bob');
    const bob2 = await ctx.server.login('bob');
    alice.write('/kick @bob');
    await alice.waitFor(/^-- disconnected bob \(2 sessions\)$/);
    for (const bob of [bob1, bob2]) {
      await bob.waitFor(/^-- you were disconnected by alice \(operator\)$/);
      await bob.waitClosed();
    }
    expect(log.events).to.deep.include({ event: 'operator.kick', fields: { by: 'alice', nick: 'bob', sessions: 2 } });
    alice.write('/kick bob');
    await alice.waitFor(/^ERROR NOT_ONLINE: bob is not online/);
    alice.write('/kick general bob');
    await alice.waitFor(/^ERROR NOT_PRIVATE: #general is public/);
  });

  it('lifts a report ban with /unban: the user is told, can send again, and may be reported anew', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    for (const nick of ['r1', 'r2', 'r3']) {
      const reporter = await ctx.server.login(nick);
      reporter.write('/ban bob');
      await reporter.waitFor(/^-- you reported bob/);
    }
    bob.write('hello?');
    await bob.waitFor(/^ERROR BANNED/);
    alice.write('/unban bob');
    await alice.waitFor(/^-- unbanned bob$/);
    await bob.waitFor(/<\*server\* -> bob> alice lifted your ban: you can send again$/);
    bob.write('free');
    await bob.waitFor(/<bob> free$/);
    expect(log.events).to.deep.include({ event: 'operator.unban', fields: { nick: 'bob', by: 'alice', lifted: true } });
    alice.write('/unban bob');
    await alice.waitFor(/^-- bob is not banned/);
  });

    it('mutes a user for a while: they are told, every send is refused until it runs out, and /whois shows it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/mute bob 10m');
    expect(await alice.waitFor(/^-- muted bob/)).to.match(/^-- muted bob until \d\d:\d\d \(in 10 minutes\)$/);
    await bob.waitFor(/<\*server\* -> bob> you are muted by alice until \d\d:\d\d \(in 10 minutes\): you can still \/send to an operator$/);
    bob.write('let me talk');
    await bob.waitFor(/^ERROR MUTED: You are muted by alice until \d\d:\d\d \(in 10 minutes\)/);
    bob.write('/send alice please unmute me');
    await alice.waitFor(/<bob -> alice> please unmute me/);
    alice.write('/whois bob');
    expect(await alice.waitFor(/muted:/)).to.match(/muted:\s+by alice until/);
    skipped = 10 * 60_000;
    bob.write('free again');
    await alice.waitFor(/<bob> free again/);
    expect(log.events.find((e) => e.event === 'operator.mute')?.fields).to.include({ by: 'alice', nick: 'bob' });
  });

  it('lifts a mute with /unmute, keeps mutes across a restart, and refuses a bad duration', async function () {
    const alice = await ctx.server.login('alice');
    await ctx.server.login('bob');
    alice.write('/mute bob 1x');
    await alice.waitFor(/^ERROR INVALID_ARGUMENT: "1x" is not a duration/);
    alice.write('/mute bob 1h');
    await alice.waitFor(/^-- muted bob/);
    await ctx.server.restart();
    const bob = await ctx.server.login('bob');
    bob.write('still muted?');
    await bob.waitFor(/^ERROR MUTED/);
    const op = await ctx.server.login('alice');
    op.write('/unmute bob');
    await op.waitFor(/^-- unmuted bob$/);
    await bob.waitFor(/<\*server\* -> bob> alice lifted your mute/);
    bob.write('thanks');
    await bob.waitFor(/<bob> thanks/);
    op.write('/unmute bob');
    await op.waitFor(/^-- bob is not muted$/);
    expect(log.events.find((e) => e.event === 'operator.unmute')?.fields).to.include({ by: 'alice', nick: 'bob' });
  });

  it('sets the message of the day, shows it right after the welcome line, and keeps it across restarts', async function () {
    const alice = await ctx.server.login('alice');
    alice.write('/motd');
    await alice.waitFor(/^-- there is no message of the day$/);
    alice.write('/motd Maintenance at 22:00');
    await alice.waitFor(/^-- message of the day set/);
    await ctx.server.restart();
    const bob = await ctx.server.login('bob');
    const lines = bob.lines();
    const welcome = lines.findIndex((l) => l.startsWith('-- welcome'));
    expect(lines[welcome + 1]).to.equal('-- motd: Maintenance at 22:00');
    bob.write('/motd');
    await bob.waitFor(/^-- motd: Maintenance at 22:00$/);
    const op = await ctx.server.login('alice');
    op.write('/motd off');
    await op.waitFor(/^-- message of the day removed/);
    expect(log.events.filter((e) => e.event === 'operator.motd').map((e) => e.fields.by)).to.deep.equal(['alice', 'alice']);
  });

  it('announces to everyone online, whatever room they are in', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    bob.write('/chats dev');
    await bob.waitFor(/now talking in #dev/);
    alice.write('/announce Restarting in 5 minutes');
    for (const client of [alice, bob]) await client.waitFor(/^-- announcement from alice: Restarting in 5 minutes$/);
    expect(log.events).to.deep.include({ event: 'operator.announce', fields: { by: 'alice', text: 'Restarting in 5 minutes' } });
  });
});

describe('a message of the day from the config', function () {
  it('is shown at login, one line per line, instead of the one stored with /motd', async function () {
    const first = await TestServer.start({ admins: ['alice'] });
    const alice = await first.login('alice');
    alice.write('/motd set with the command');
    await alice.waitFor(/message of the day set/);
    await first.stop(false);
    const server = await TestServer.start({ dataDir: first.config.dataDir, motd: 'Welcome to the test server\nBe nice' });
    try {
      const bob = await server.login('bob');
      const lines = bob.lines();
      const welcome = lines.findIndex((l) => l.startsWith('-- welcome'));
      expect(lines.slice(welcome + 1, welcome + 4)).to.deep.equal(['-- motd: Welcome to the test server', '-- motd: Be nice', '-- no messages in #general yet']);
    } finally {
      await server.stop();
    }
  });
});
