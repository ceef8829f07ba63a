import { expect } from 'chai';
import type { ServerConfig } from '../../lib/config.js';
import type { LineClient } from '../helpers/line-client.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { ANYONE_MAY_REPORT, TestServer } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();
const HOUR = 3_600_000;

describe('reports and bans', function () {
  let clock: FakeClock;
  let server: TestServer;

  async function start(overrides: Partial<ServerConfig> = {}): Promise<void> {
    server = await TestServer.start({ banThreshold: 3, banDurationMs: 4 * HOUR, ...overrides }, { clock });
  }

  beforeEach(function () {
    clock = fakeClock(NOON);
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

  /** Each of `nicks` logs in and reports `target`; the error line each gets. */
  async function refusedReports(nicks: string[], target: string): Promise<string[]> {
    const errors: string[] = [];
    for (const nick of nicks) {
      const reporter = await server.login(nick);
      reporter.write(`/ban ${target}`);
      errors.push(await reporter.waitFor(/^ERROR /));
    }
    return errors;
  }

  /** Sends `count` lines to #general and waits until they are stored (shown back). */
  async function chat(client: LineClient, count: number): Promise<void> {
    for (let i = 1; i <= count; i++) {
      client.write(`line ${i} from ${client.nick ?? '?'}`);
      await client.waitFor(new RegExp(`<${client.nick ?? '?'}> line ${i} from`));
    }
  }

  describe('what reports do', function () {
    beforeEach(async function () {
      await start(ANYONE_MAY_REPORT);
    });

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
      await clock.advance(4 * HOUR);
      spammer.write('free again');
      await spammer.waitFor(/<spammer> free again/);
      const r1 = await server.login('r1');
      r1.write('/ban spammer');
      await r1.waitFor(/^-- you reported spammer \(1 report so far\)/);
    });
  });

  describe('who may report (the defaults: accounts an hour old that have sent 3 messages)', function () {
    beforeEach(async function () {
      await start();
    });

    it('refuses reports from fresh accounts with NO_STANDING: three throwaway accounts ban nobody and nothing is filed', async function () {
      const target = await server.login('target');
      const refusal =
        'ERROR NO_STANDING: Reports count from accounts at least 1 hour old that have sent 3 messages; yours is 0 seconds old and has sent 0. Nothing was filed.';
      expect(await refusedReports(['t1', 't2', 't3'], 'target')).to.deep.equal([refusal, refusal, refusal]);
      expect(await server.running.store.listReports('target')).to.deep.equal([]);
      target.write('still talking');
      await target.waitFor(/<target> still talking$/);
      expect(target.all).not.to.match(/reported/);
    });

    it('counts reports once an account is an hour old and has sent 3 messages, even after they expired', async function () {
      const target = await server.login('target');
      const reporters = [await server.login('r1'), await server.login('r2'), await server.login('r3')];
      await chat(reporters[0]!, 3);
      await chat(reporters[1]!, 3);
      await chat(reporters[2]!, 2);
      reporters[0]!.write('/ban target');
      await reporters[0]!.waitFor(/^ERROR NO_STANDING: .*; yours is 0 seconds old and has sent 3\. Nothing was filed\.$/);
      // Past --message-ttl (1h): the messages are gone, what was sent still counts.
      await clock.advance(2 * HOUR);
      expect(await server.running.store.countMessages()).to.equal(0);
      reporters[0]!.write('/ban target');
      await reporters[0]!.waitFor(/^-- you reported target \(1 report so far\)$/);
      reporters[2]!.write('/ban target');
      await reporters[2]!.waitFor(/^ERROR NO_STANDING: .*; yours is 2 hours old and has sent 2\. Nothing was filed\.$/);
      await chat(reporters[2]!, 1);
      reporters[2]!.write('/ban target');
      await reporters[2]!.waitFor(/^-- you reported target \(2 reports so far\)$/);
      reporters[1]!.write('/ban target');
      await reporters[1]!.waitFor(/^-- you reported target; that makes 3 reports, and they are now banned from sending$/);
      target.write('hello?');
      await target.waitFor(/^ERROR BANNED: You are banned from sending until 18:00 \(in 4 hours\)/);
    });
  });

  describe('operators', function () {
    it('are never banned by reports: reporting one is refused, and a ban from before they were named does not hold', async function () {
      await start({ ...ANYONE_MAY_REPORT, admins: ['opx'] });
      const opx = await server.login('opx');
      const refusal = 'ERROR NOT_REPORTABLE: opx is an operator: reports do not ban operators. If one misbehaves, tell whoever runs the server.';
      expect(await refusedReports(['r1', 'r2', 'r3'], 'opx')).to.deep.equal([refusal, refusal, refusal]);
      opx.write('still here');
      await opx.waitFor(/<opx> still here$/);
      expect(await server.running.store.listReports('opx')).to.deep.equal([]);
      await server.running.store.setBan({ nick: 'opx', until: NOON + HOUR });
      await server.restart();
      const again = await server.login('opx');
      again.write('not banned');
      await again.waitFor(/<opx> not banned$/);
    });

    it('see who reported whom and when with /reports; the reported user and everyone else never do', async function () {
      await start({ ...ANYONE_MAY_REPORT, admins: ['alice'] });
      const alice = await server.login('alice');
      const bob = await server.login('bob');
      (await server.login('carol')).close();
      await reportBy(['r1'], 'bob');
      await clock.advance(5 * 60_000);
      await reportBy(['r2'], 'bob');
      await reportBy(['r1'], 'carol');
      alice.write('/reports');
      await alice.waitFor(/^-- reports in the current ban cycles \(3\):$/);
      expect(await alice.waitFor(/^-- bob/)).to.match(/^-- bob\s+by r1\s+12:00$/);
      expect(await alice.waitFor(/^-- bob/)).to.match(/^-- bob\s+by r2\s+12:05$/);
      expect(await alice.waitFor(/^-- carol/)).to.match(/^-- carol\s+by r1\s+12:05$/);
      alice.write('/reports @BOB');
      await alice.waitFor(/^-- reports against bob \(2 of 3 ban\):$/);
      expect(await alice.waitFor(/^-- bob/)).to.match(/^-- bob\s+by r1\s+12:00$/);
      expect(await alice.waitFor(/^-- bob/)).to.match(/^-- bob\s+by r2\s+12:05$/);
      alice.write('/reports alice');
      await alice.waitFor(/^-- no reports against alice$/);
      alice.write('/reports nobody');
      await alice.waitFor(/^ERROR NO_SUCH_USER/);
      bob.write('/reports');
      await bob.waitFor(/^ERROR NOT_AN_OPERATOR: \/reports is for operators/);
      bob.write('/reports bob');
      await bob.waitFor(/^ERROR NOT_AN_OPERATOR/);
      expect(bob.all).not.to.match(/r1|r2/);
    });
  });
});
