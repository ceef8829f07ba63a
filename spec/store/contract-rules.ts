import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { BanRecord, NewScheduledMessage, ReportRecord } from '../../lib/store/records.js';
import { T0, comment, privateMsg, roomMsg, user } from './contract-helpers.js';

/**
 * The contract for reports and bans, rate-limit counters and scheduled messages. Part of
 * storeContract; `current` is the test's fresh store.
 */
export function rulesContract(current: () => ChatStore): void {
  describe('reports', () => {
    it('files one report per reporter and target, whatever the case of either nick', async () => {
      const store = current();
      const first = report('Alice', 'bob', T0);
      expect(await store.addReport(first)).to.equal(true);
      expect(await store.addReport(report('ALICE', 'BOB', T0 + 1))).to.equal(false);
      expect(await store.addReport(report('alice', 'Bob', T0 + 2))).to.equal(false);
      expect(await store.listReports('alice')).to.deep.equal([first]);
    });

    it('lists the reports of one target, in any case, oldest first and with the nicks as filed', async () => {
      const store = current();
      const byCarol = report('Alice', 'carol', T0 + 2);
      const byBob = report('alice', 'Bob', T0 + 1);
      const byDave = report('ALICE', 'dave', T0 + 2);
      for (const r of [byCarol, byBob, report('eve', 'bob', T0), byDave]) expect(await store.addReport(r)).to.equal(true);
      // Filed at the same moment: in the order filed.
      expect(await store.listReports('aLiCe')).to.deep.equal([byBob, byCarol, byDave]);
      expect(await store.listReports('nobody')).to.deep.equal([]);
    });

    it('clears the reports of one target, in any case, after which they may be filed again', async () => {
      const store = current();
      const onEve = report('eve', 'bob', T0);
      await store.addReport(report('Alice', 'bob', T0));
      await store.addReport(report('Alice', 'carol', T0));
      await store.addReport(onEve);
      await store.clearReports('ALICE');
      expect(await store.listReports('alice')).to.deep.equal([]);
      expect(await store.listReports('eve')).to.deep.equal([onEve]);
      expect(await store.addReport(report('alice', 'bob', T0 + 9))).to.equal(true);
      expect(await store.listReports('Alice')).to.deep.equal([report('alice', 'bob', T0 + 9)]);
      await store.clearReports('nobody');
    });

    it('lists the reports against everyone, by target in any case and then oldest first, for operators', async () => {
      const store = current();
      const onBob = report('bob', 'carol', T0 + 5);
      const onAliceLater = report('alice', 'dave', T0 + 3);
      const onAlice = report('Alice', 'eve', T0 + 1);
      for (const r of [onBob, onAliceLater, onAlice]) await store.addReport(r);
      expect(await store.listAllReports()).to.deep.equal([onAlice, onAliceLater, onBob]);
      await store.clearReports('alice');
      expect(await store.listAllReports()).to.deep.equal([onBob]);
    });

    it('hands out copies of reports', async () => {
      const store = current();
      const filed = report('alice', 'bob', T0);
      await store.addReport(filed);
      filed.at = 1;
      (await store.listReports('alice'))[0]!.at = 2;
      expect(await store.listReports('alice')).to.deep.equal([report('alice', 'bob', T0)]);
    });
  });

  describe('messages sent', () => {
    it('counts the messages each user sent, of every kind and in any case, from zero', async () => {
      const store = current();
      for (const nick of ['Alice', 'bob', 'carol']) await store.createUser(user(nick));
      expect(await store.countSent('alice')).to.equal(0);
      const [root] = await store.appendMessages([roomMsg('lobby', 'Alice', 'one'), privateMsg('alice', 'bob', 'two')]);
      await store.appendMessages([comment(root!, 'ALICE', 'three'), roomMsg('lobby', 'bob', 'hi')]);
      expect(await store.countSent('aLiCe')).to.equal(3);
      expect(await store.countSent('bob')).to.equal(1);
      expect(await store.countSent('carol')).to.equal(0);
      expect(await store.countSent('nobody')).to.equal(0);
    });

    it('keeps the count when the messages expire: it is what was sent, not what is stored', async () => {
      const store = current();
      await store.createUser(user('alice'));
      await store.appendMessages([roomMsg('lobby', 'alice', 'a'), roomMsg('lobby', 'alice', 'b')]);
      await store.deleteExpired(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      expect(await store.countMessages()).to.equal(0);
      expect(await store.countSent('alice')).to.equal(2);
    });
  });

  describe('bans', () => {
    it('lists no bans at first, then each ban set with the nick as given', async () => {
      const store = current();
      expect(await store.listBans()).to.deep.equal([]);
      const bans = [ban('Alice', T0 + 60_000), ban('bob', T0 + 1000)];
      for (const b of bans) await store.setBan(b);
      expect(byNick(await store.listBans())).to.deep.equal(byNick(bans));
    });

    it('replaces the ban of a nick set again in any case, as given the second time', async () => {
      const store = current();
      await store.setBan(ban('Alice', T0 + 1));
      await store.setBan(ban('ALICE', T0 + 2));
      expect(await store.listBans()).to.deep.equal([ban('ALICE', T0 + 2)]);
    });

    it('clears the ban of one nick, in any case, and ignores a nick not banned', async () => {
      const store = current();
      await store.setBan(ban('Alice', T0 + 1));
      await store.setBan(ban('bob', T0 + 1));
      await store.clearBan('ALICE');
      await store.clearBan('nobody');
      expect(await store.listBans()).to.deep.equal([ban('bob', T0 + 1)]);
    });
  });

  describe('counters', () => {
    const window = T0;

    it('counts from zero: 0 before any increment, then 1, 2, 3', async () => {
      const store = current();
      expect(await store.getCounter('msg:alice', window)).to.equal(0);
      expect(await store.incrementCounter('msg:alice', window)).to.equal(1);
      expect(await store.incrementCounter('msg:alice', window)).to.equal(2);
      expect(await store.incrementCounter('msg:alice', window)).to.equal(3);
      expect(await store.getCounter('msg:alice', window)).to.equal(3);
    });

    it('keeps keys and windows apart; keys are case-sensitive', async () => {
      const store = current();
      await store.incrementCounter('msg:alice', window);
      await store.incrementCounter('msg:alice', window);
      await store.incrementCounter('msg:Alice', window);
      await store.incrementCounter('join:alice', window);
      expect(await store.incrementCounter('msg:alice', window + 60_000)).to.equal(1);
      expect(await store.getCounter('msg:alice', window)).to.equal(2);
      expect(await store.getCounter('msg:Alice', window)).to.equal(1);
      expect(await store.getCounter('join:alice', window)).to.equal(1);
      expect(await store.getCounter('msg:alice', window + 60_000)).to.equal(1);
      expect(await store.getCounter('msg:ALICE', window)).to.equal(0);
    });

    it('counts every increment when they do not wait for each other', async () => {
      const store = current();
      const counts = await Promise.all(Array.from({ length: 10 }, () => store.incrementCounter('k', window)));
      expect([...counts].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.getCounter('k', window)).to.equal(10);
    });

    it('forgets the counters of windows that started before the one given, and only those', async () => {
      const store = current();
      for (const start of [window - 120_000, window - 60_000, window, window + 60_000]) {
        await store.incrementCounter('a', start);
        await store.incrementCounter('b', start);
      }
      await store.deleteCountersBefore(window);
      expect(await store.getCounter('a', window - 120_000)).to.equal(0);
      expect(await store.getCounter('b', window - 60_000)).to.equal(0);
      expect(await store.getCounter('a', window)).to.equal(1);
      expect(await store.getCounter('b', window + 60_000)).to.equal(1);
      expect(await store.incrementCounter('a', window - 60_000)).to.equal(1);
    });
  });

  describe('scheduled messages', () => {
    it('stores a message with a new id, increasing from one to the next', async () => {
      const store = current();
      const message = scheduled('Alice', T0 + 60_000, 'later');
      const first = await store.addScheduled(message);
      expect(first).to.deep.equal({ ...message, id: first.id });
      const second = await store.addScheduled(scheduled('bob', T0, 'sooner', { route: 'private', target: 'Alice' }));
      expect(second.id).to.be.greaterThan(first.id);
      expect(second).to.deep.include({ route: 'private', target: 'Alice' });
    });

    it('lists pending messages by due time then id, of everyone or of one author in any case', async () => {
      const store = current();
      const late = await store.addScheduled(scheduled('alice', T0 + 20, 'late'));
      const bobs = await store.addScheduled(scheduled('bob', T0 + 10, "bob's"));
      const early = await store.addScheduled(scheduled('Alice', T0 + 10, 'early'));
      const lateToo = await store.addScheduled(scheduled('ALICE', T0 + 20, 'late too'));
      expect(await store.listScheduled()).to.deep.equal([bobs, early, late, lateToo]);
      expect(await store.listScheduled('aLiCe')).to.deep.equal([early, late, lateToo]);
      expect(await store.listScheduled('nobody')).to.deep.equal([]);
    });

    it('takes a message once: it is returned and no longer listed, and a second take gets nothing', async () => {
      const store = current();
      const kept = await store.addScheduled(scheduled('alice', T0 + 10, 'kept'));
      const taken = await store.addScheduled(scheduled('alice', T0 + 20, 'taken'));
      expect(await store.takeScheduled(taken.id)).to.deep.equal(taken);
      expect(await store.takeScheduled(taken.id)).to.equal(undefined);
      expect(await store.listScheduled()).to.deep.equal([kept]);
      expect(await store.takeScheduled(taken.id + 1000)).to.equal(undefined);
    });

    it('gives a message to exactly one of two takes that do not wait for each other', async () => {
      const store = current();
      const message = await store.addScheduled(scheduled('alice', T0, 'once'));
      const results = await Promise.all([store.takeScheduled(message.id), store.takeScheduled(message.id)]);
      expect(results.filter((r) => r !== undefined)).to.deep.equal([message]);
    });

    it('never hands out the id of a taken message again', async () => {
      const store = current();
      const first = await store.addScheduled(scheduled('alice', T0, 'first'));
      await store.takeScheduled(first.id);
      const next = await store.addScheduled(scheduled('alice', T0, 'next'));
      expect(next.id).to.be.greaterThan(first.id);
    });

    it('hands out copies of scheduled messages', async () => {
      const store = current();
      const message = scheduled('alice', T0, 'text');
      const stored = await store.addScheduled(message);
      message.text = 'changed';
      stored.text = 'changed too';
      (await store.listScheduled())[0]!.text = 'and again';
      expect((await store.listScheduled())[0]?.text).to.equal('text');
    });
  });
}

function report(target: string, reporter: string, at: number): ReportRecord {
  return { target, reporter, at };
}

function ban(nick: string, until: number): BanRecord {
  return { nick, until };
}

function scheduled(
  author: string,
  dueAt: number,
  text: string,
  fields: Partial<NewScheduledMessage> = {},
): NewScheduledMessage {
  return { author, route: 'room', target: 'lobby', text, dueAt, createdAt: T0, ...fields };
}

/** The interface promises no order for bans: compare them sorted. */
function byNick(bans: readonly BanRecord[]): BanRecord[] {
  return [...bans].sort((a, b) => a.nick.localeCompare(b.nick));
}
