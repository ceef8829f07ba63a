import { expect } from 'chai';
import type { ServerConfig } from '../../lib/config.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { redisSuiteTitle } from '../helpers/redis-server.js';
import { caughtUpWith, useRedisCluster, type TestCluster } from '../helpers/test-cluster.js';
import { ANYONE_MAY_REPORT } from '../helpers/test-server.js';

/** The tests read times such as `16:00 (in 4 hours)`, so they start at a known local time. */
const NOON = new Date(2026, 10, 23, 12, 0, 0).getTime();

describe(redisSuiteTitle('several servers over one Redis: rooms, rules and files'), function () {
  const cluster = useRedisCluster();
  let clock: FakeClock;

  beforeEach(() => {
    clock = fakeClock(NOON);
  });

  /** Servers that share one clock as well, so a test can move time on for all of them. */
  function start(count: number, overrides: Partial<ServerConfig> = {}): Promise<TestCluster> {
    return cluster.start(count, overrides, { clock });
  }

  it('lets the owner of a private room invite on one server and the invited user join on another; links and approvals too', async () => {
    const chat = await start(2);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    const carol = await chat.server(1).login('carol');
    alice.write('/chats secret --private');
    await alice.waitFor(/^-- now talking in #secret/);
    alice.write('/invite secret bob');
    await bob.waitFor(/<\*server\* -> bob> alice invited you to the private room #secret/);
    bob.write('/chats secret');
    await bob.waitFor(/^-- now talking in #secret/);
    alice.write('/link secret');
    const link = (await alice.waitFor(/^-- chat:\/\//)).slice(3);
    carol.write('/chats secret');
    await carol.waitFor(/^ERROR NO_SUCH_ROOM/);
    carol.write(`/join ${link}`);
    await alice.waitFor(/<\*server\* -> alice> carol asks to join #secret/);
    alice.write('/approve secret carol');
    await carol.waitFor(/alice approved your request to join #secret/);
    carol.write('/chats secret');
    await carol.waitFor(/^-- now talking in #secret/);
    alice.write('just us');
    for (const client of [bob, carol]) await client.waitFor(/#secret \[\w+\] <alice> just us$/);
    alice.write('/kick secret bob');
    await bob.waitFor(/alice removed you from #secret/);
    alice.write('after the kick');
    await carol.waitFor(/after the kick/);
    expect(bob.all).not.to.contain('after the kick');
  });

  it('bans on every server a user reported on several, and tells them on theirs', async () => {
    const chat = await start(2, { ...ANYONE_MAY_REPORT, banThreshold: 2 });
    const spammer = await chat.server(1).login('spammer');
    const reporters = [await chat.server(0).login('r1'), await chat.server(1).login('r2')];
    for (const reporter of reporters) {
      reporter.write('/ban spammer');
      await reporter.waitFor(/^-- you reported spammer/);
    }
    await spammer.waitFor(/^-- someone reported you \(1 of 2/);
    await spammer.waitFor(/^-- spammer was reported by 2 users and cannot send until 16:00/);
    spammer.write('still here?');
    await spammer.waitFor(/^ERROR BANNED: You are banned from sending until 16:00/);
    await caughtUpWith(reporters[1]!, reporters[0]!);
    const elsewhere = await chat.server(0).login('spammer');
    elsewhere.write('/send r1 hi');
    await elsewhere.waitFor(/^ERROR BANNED/);
  });

  it('counts a user\'s messages to #general against the rate limit on all servers together', async () => {
    const chat = await start(2, { rateLimit: 3, rateWindowMs: 3_600_000 });
    const one = await chat.server(0).login('dave');
    const two = await chat.server(1).login('dave');
    for (const [client, text] of [[one, 'a'], [two, 'b'], [one, 'c']] as const) {
      client.write(`count ${text}`);
      await client.waitFor(new RegExp(`<dave> count ${text}$`));
    }
    two.write('count d');
    await two.waitFor(/^ERROR RATE_LIMITED: You can send 3 messages per 1 hour to #general; the count resets at 13:00/);
  });

  it('sends a scheduled message exactly once while every server runs its scheduler', async () => {
    const chat = await start(3);
    const erin = await chat.server(0).login('erin');
    const watchers = [await chat.server(1).login('w1'), await chat.server(2).login('w2')];
    erin.write('/schedule +10m only once');
    await erin.waitFor(/^-- scheduled /);
    await clock.advance(10 * 60_000);
    for (const client of [erin, ...watchers]) await client.waitFor(/<erin> only once$/);
    erin.write('/history');
    await erin.waitFor(/^-- end of history/);
    await clock.advance(60 * 60_000);
    erin.write('marker');
    for (const client of watchers) await client.waitFor(/marker/);
    for (const client of [erin, ...watchers]) expect(client.lines().filter((line) => /^\[12:10\] #general .*<erin> only once$/.test(line))).to.have.lengthOf(client === erin ? 2 : 1);
  });

  it('sends a scheduled message on time when the server that accepted it has stopped', async () => {
    const chat = await start(2);
    const frank = await chat.server(0).login('frank');
    const gina = await chat.server(1).login('gina');
    frank.write('/schedule +30s @gina from a stopped server');
    await frank.waitFor(/^-- scheduled /);
    await chat.server(0).stop();
    await clock.advance(30_000);
    expect(await gina.waitFor(/from a stopped server/)).to.match(/^\[12:00\] \(private\) \[\w+\] <frank -> gina> from a stopped server$/);
  });

  it('lets a file sent through one server be downloaded through another, with a shared data directory', async () => {
    const chat = await start(2);
    const hank = await chat.server(0).login('hank');
    const ida = await chat.server(1).login('ida');
    const body = Buffer.from('bytes through the cluster\n'.repeat(100));
    hank.writeRaw(Buffer.concat([Buffer.from(`/upload @ida notes.txt ${body.length}\r\n`), body]));
    const id = /sent file ([0-9a-z]{8}): notes\.txt/.exec(await ida.waitFor(/sent file/))?.[1];
    ida.write(`/download ${id ?? '?'}`);
    expect((await ida.waitForFile()).equals(body)).to.equal(true);
  });

  it('says a file is unavailable, rather than failing, on a server that does not share the data directory', async () => {
    const chat = await start(1);
    const elsewhere = await chat.add(true);
    const hank = await chat.server(0).login('hank');
    const ida = await elsewhere.login('ida');
    const body = Buffer.from('only on the first server\n');
    hank.writeRaw(Buffer.concat([Buffer.from(`/upload @ida notes.txt ${body.length}\r\n`), body]));
    const id = /sent file ([0-9a-z]{8}): notes\.txt/.exec(await ida.waitFor(/sent file/))?.[1];
    ida.write(`/download ${id ?? '?'}`);
    await ida.waitFor(/^ERROR FILE_UNAVAILABLE: File \w+ cannot be read on this server right now/);
    ida.write('/who');
    await ida.waitFor(/^-- #general/);
  });

  it('shows comments and threads made on different servers to everyone who can see them', async () => {
    const chat = await start(2);
    const jack = await chat.server(0).login('jack');
    const kate = await chat.server(1).login('kate');
    jack.write('shall we?');
    const id = /\[(\w+)\] <jack> shall we\?$/.exec(await kate.waitFor(/shall we/))?.[1] ?? '?';
    kate.write(`/comment ${id} yes`);
    await jack.waitFor(/<kate> \(re \[\w+\] jack: "shall we\?"\) yes$/);
    jack.write(`/thread ${id}`);
    await jack.waitFor(/^-- thread of \[\w+\], 1 comment:/);
  });
});
