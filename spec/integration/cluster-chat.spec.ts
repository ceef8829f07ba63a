import { expect } from 'chai';
import { redisSuiteTitle } from '../helpers/redis-server.js';
import { answersEventually, caughtUpWith, useRedisCluster } from '../helpers/test-cluster.js';

/** The texts of the message lines a client got, in order (room or private, live or replayed). */
function said(lines: readonly string[], text: RegExp): string[] {
  return lines.filter((line) => /^\[[^\]]+\] (#\S+|\(private\)) \[\w+\] </.test(line) && text.test(line));
}

describe(redisSuiteTitle('several servers over one Redis: chatting'), function () {
  const { start } = useRedisCluster();

  it('delivers messages in #general and in rooms between users on different servers, each once', async () => {
    const chat = await start(3);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    const carol = await chat.server(2).login('carol');
    alice.write('hello from one');
    expect(await bob.waitFor(/hello from one/)).to.match(/^\[\d\d:\d\d\] #general \[\w+\] <alice> hello from one$/);
    await carol.waitFor(/hello from one/);
    bob.write('/chats dev');
    await bob.waitFor(/^-- now talking in #dev/);
    carol.write('/chats dev');
    await bob.waitFor(/^-- carol joined #dev/);
    carol.write('in dev from three');
    await bob.waitFor(/#dev \[\w+\] <carol> in dev from three$/);
    await caughtUpWith(bob, alice);
    await caughtUpWith(carol, alice);
    alice.write('/get_chats');
    expect(await alice.waitFor(/#dev/)).to.match(/#dev\s+2 members\s+2 online/);
    alice.write('marker');
    for (const client of [bob, carol]) await client.waitFor(/marker/);
    expect(said(bob.lines(), /hello from one/)).to.have.lengthOf(1);
    expect(said(alice.lines(), /in dev from three/)).to.deep.equal([]);
  });

  it('shows the same opaque id for a message on every server, so one posted on one can be commented on another', async () => {
    const chat = await start(2);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    alice.write('ship it?');
    const id = /\[([0-9a-z]{7})\] <alice> ship it\?$/.exec(await alice.waitFor(/ship it\?$/))?.[1] ?? '';
    expect(await bob.waitFor(/ship it\?$/)).to.contain(`[${id}] <alice>`);
    bob.write(`/comment ${id} yes`);
    expect(await alice.waitFor(/yes$/)).to.match(new RegExp(`<bob> \\(re \\[${id}\\] alice: "ship it\\?"\\) yes$`));
    bob.write(`/thread ${id}`);
    await bob.waitFor(new RegExp(`^-- thread of \\[${id}\\], 1 comment:`));
  });

  it('delivers private messages between servers, and lets a user registered on one log in on another', async () => {
    const chat = await start(2);
    (await chat.server(0).login('dave', 'secret')).close();
    const dave = await chat.server(1).login('dave', 'secret');
    const erin = await chat.server(0).login('erin');
    dave.write('/send erin psst');
    expect(await erin.waitFor(/psst/)).to.match(/^\[\d\d:\d\d\] \(private\) \[\w+\] <dave -> erin> psst$/);
    erin.write('/send dave got it');
    await dave.waitFor(/<erin -> dave> got it$/);
  });

  it('gives a user connected to two servers everything on both, their own messages too', async () => {
    const chat = await start(2);
    const here = await chat.server(0).login('frank');
    const there = await chat.server(1).login('frank');
    const gina = await chat.server(1).login('gina');
    here.write('sent from one');
    await there.waitFor(/<frank> sent from one$/);
    gina.write('/send frank for frank');
    for (const client of [here, there]) await client.waitFor(/<gina -> frank> for frank$/);
    there.write('/chats ops');
    await there.waitFor(/^-- now talking in #ops/);
    gina.write('/chats ops');
    gina.write('ops news');
    for (const client of [here, there]) await client.waitFor(/#ops \[\w+\] <gina> ops news$/);
    for (const client of [here, there]) expect(said(client.lines(), /ops news/)).to.have.lengthOf(1);
  });

  it('catches a user up on one server with what was said on another while they were away, across a restart', async () => {
    const chat = await start(2);
    const hank = await chat.server(1).login('hank');
    const ida = await chat.server(0).login('ida');
    ida.write('before hank left');
    await hank.waitFor(/before hank left/);
    hank.write('/quit');
    await hank.waitClosed();
    ida.write('while he was away');
    ida.write('/send hank a private word');
    await ida.waitFor(/a private word/);
    await chat.server(1).restart();
    const back = await chat.server(1).login('hank');
    const unread = said(back.lines(), /./);
    expect(unread.some((line) => line.includes('while he was away'))).to.equal(true);
    expect(unread.some((line) => line.includes('a private word'))).to.equal(true);
    expect(back.lines().filter((line) => line.includes('while he was away'))).to.have.lengthOf(1);
  });

  it('shows in /who, /get_chats and /status who is online on any server, and forgets those of a server that stops', async () => {
    const chat = await start(2);
    const jack = await chat.server(0).login('jack');
    await chat.server(1).login('kate');
    const kate = await chat.server(1).login('kate');
    await caughtUpWith(kate, jack);
    jack.write('/who');
    await jack.waitFor(/^-- #general: 2 members, 2 online/);
    expect(await jack.waitFor(/kate/)).to.match(/kate\s+online \(2 sessions\)/);
    jack.write('/status');
    await jack.waitFor(/^-- connected: 2 users in 3 sessions/);
    await chat.server(1).stop();
    await answersEventually(jack, '/who', /^-- #general: /, /2 members, 1 online/);
    expect(await jack.waitFor(/kate/)).to.match(/kate\s+offline/);
  });

  it('shows the away message of a user on another server in /who and /whois, and to who writes to them', async () => {
    const chat = await start(2);
    const lena = await chat.server(0).login('lena');
    const mike = await chat.server(1).login('mike');
    mike.write('/away at lunch');
    await mike.waitFor(/^-- you are away: at lunch/);
    await caughtUpWith(mike, lena);
    lena.write('/who');
    expect(await lena.waitFor(/mike/)).to.match(/mike\s+online, away: at lunch/);
    lena.write('/whois mike');
    expect(await lena.waitFor(/status:/)).to.match(/status:\s+online, away: at lunch/);
    lena.write('/send mike are you there?');
    await lena.waitFor(/^-- mike is away: at lunch/);
    mike.write('/back');
    await mike.waitFor(/^-- welcome back/);
    await caughtUpWith(mike, lena);
    lena.write('/whois mike');
    expect(await lena.waitFor(/status:/)).to.match(/status:\s+online$/);
  });

  it('lets an operator on one server announce to, mute and disconnect users on another', async () => {
    const chat = await start(2, { admins: ['op'] });
    const op = await chat.server(0).login('op');
    const nina = await chat.server(1).login('nina');
    op.write('/announce maintenance at noon');
    await nina.waitFor(/^-- announcement from op: maintenance at noon/);
    op.write('/mute nina 10m');
    await nina.waitFor(/you are muted by op/);
    nina.write('can I talk?');
    await nina.waitFor(/^ERROR MUTED/);
    op.write('/kick nina');
    await op.waitFor(/^-- disconnected nina \(1 session\)/);
    await nina.waitClosed();
  });
});
