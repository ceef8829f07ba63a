import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { useTestServer } from '../helpers/test-server.js';

const NOTICE = /^\[[^\]]+\] \(private\) \[[0-9a-z]+\] <\*server\* -> (\S+)> (.*)$/;
const DAY_MS = 86_400_000;

/** Alice creates #secret and is its owner. */
async function ownerWithRoom(client: LineClient, room = 'secret'): Promise<void> {
  client.write(`/chats ${room} --private`);
  await client.waitFor(new RegExp(`^-- now talking in #${room}`));
}

/** Alice creates #secret, invites Bob, and Bob joins. */
async function ownerWithMember(alice: LineClient, bob: LineClient): Promise<void> {
  await ownerWithRoom(alice);
  alice.write('/invite secret bob');
  await alice.waitFor(/^-- invited bob/);
  bob.write('/chats secret');
  await bob.waitFor(/^-- now talking in #secret/);
}

/** The owner makes a link; returns it as printed. */
async function makeLink(owner: LineClient, room = 'secret'): Promise<string> {
  owner.write(`/link ${room}`);
  await owner.waitFor(new RegExp(`^-- join link for #${room}, valid until `));
  return (await owner.waitFor(/^-- chat:\/\//)).slice(3);
}

describe('private rooms over real sockets', function () {
  const ctx = useTestServer();

  it('lets the owner invite a user, who is told at once, joins with /chats and then talks there; the invitation is used up', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    await ownerWithRoom(alice);
    alice.write('/invite secret @Bob');
    await alice.waitFor(/^-- invited bob to #secret; they can join with \/chats secret/);
    const notice = await bob.waitFor(NOTICE);
    expect(NOTICE.exec(notice)?.slice(1)).to.deep.equal(['bob', 'alice invited you to the private room #secret: join it with /chats secret']);
    bob.write('/chats secret');
    await bob.waitFor(/^-- now talking in #secret/);
    await alice.waitFor(/^-- bob joined #secret/);
    bob.write('hello in secret');
    await alice.waitFor(/#secret \[[0-9a-z]+\] <bob> hello in secret$/);
    bob.write('/get_chats');
    await bob.waitFor(/^-- rooms \(2\):/);
    expect(await bob.waitFor(/#secret/)).to.match(/\* #secret\s+2 members/);

    bob.write('/leave secret');
    await bob.waitFor(/^-- you left #secret/);
    bob.write('/chats secret');
    await bob.waitFor(/^ERROR NO_SUCH_ROOM: There is no room #secret that you can see\./);
  });

  it('tells a user who was offline about the invitation in their catch-up, and only them', async function () {
    (await ctx.server.login('bob')).close();
    (await ctx.server.login('carol')).close();
    const alice = await ctx.server.login('alice');
    await ownerWithRoom(alice);
    alice.write('/invite secret bob');
    await alice.waitFor(/^-- invited bob/);
    const bob = await ctx.server.login('bob');
    expect(bob.lines().some((l) => NOTICE.test(l) && l.includes('alice invited you to the private room #secret'))).to.equal(true);
    const carol = await ctx.server.login('carol');
    expect(carol.all).not.to.contain('secret');
    bob.write('/chats secret');
    await bob.waitFor(/^-- now talking in #secret/);
  });

  it('turns a link into a request the owner approves, even when both were offline in between; only then can the requester enter', async function () {
    const alice = await ctx.server.login('alice');
    await ownerWithRoom(alice);
    const link = await makeLink(alice);
    expect(link).to.match(new RegExp(`^chat://127\\.0\\.0\\.1:${ctx.server.port}/join/[A-Za-z0-9_-]{24}$`));
    alice.close();

    const bob = await ctx.server.login('bob');
    bob.write('/chats secret');
    await bob.waitFor(/^ERROR NO_SUCH_ROOM/);
    bob.write(`/join ${link}`);
    const asked = await bob.waitFor(/^-- your request to join was sent/);
    expect(asked).not.to.contain('secret');
    bob.write(`/join ${link}`);
    await bob.waitFor(/^-- you have asked already/);
    bob.close();

    const alice2 = await ctx.server.login('alice');
    const request = alice2.lines().find((l) => NOTICE.test(l));
    expect(request).to.match(/<\*server\* -> alice> bob asks to join #secret with a link: \/approve secret bob or \/deny secret bob$/);
    alice2.write('/requests secret');
    await alice2.waitFor(/^-- pending requests to join #secret \(1\):/);
    await alice2.waitFor(/^-- bob\s+asked /);
    alice2.write('/approve secret bob');
    await alice2.waitFor(/^-- approved: bob may now join #secret/);
    alice2.write('/requests secret');
    await alice2.waitFor(/^-- pending requests to join #secret \(0\):/);

    const bob2 = await ctx.server.login('bob');
    expect(bob2.lines().some((l) => l.endsWith('<*server* -> bob> alice approved your request to join #secret: enter it with /chats secret'))).to.equal(true);
    bob2.write('/chats secret');
    await bob2.waitFor(/^-- now talking in #secret/);
    await alice2.waitFor(/^-- bob joined #secret/);
  });

  it('tells a denied requester the answer without naming the room, and keeps them out', async function () {
    const alice = await ctx.server.login('alice');
    const mallory = await ctx.server.login('mallory');
    await ownerWithRoom(alice);
    const link = await makeLink(alice);
    mallory.write(`/join ${link.replace(/^.*\//, '')}`);
    await mallory.waitFor(/^-- your request to join was sent/);
    await alice.waitFor(/<\*server\* -> alice> mallory asks to join #secret/);
    alice.write('/deny secret mallory');
    await alice.waitFor(/^-- denied mallory's request to join #secret/);
    const answer = await mallory.waitFor(NOTICE);
    expect(answer).to.match(/declined your request/);
    expect(mallory.all).not.to.contain('secret');
    mallory.write('/chats secret');
    await mallory.waitFor(/^ERROR NO_SUCH_ROOM/);
    alice.write('/deny secret mallory');
    await alice.waitFor(/^ERROR NO_SUCH_REQUEST/);
  });

  it('answers every command naming a private room, for a non-member, exactly as for a room that does not exist', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    await ownerWithRoom(alice);
    // (/chats creates a missing room, so for it a hidden one can only be "not there": tested above.)
    const commands = [
      '/who {}',
      '/leave {}',
      '/invite {} bob',
      '/link {}',
      '/unlink {}',
      '/requests {}',
      '/approve {} bob',
      '/deny {} bob',
      '/kick {} alice',
    ];
    for (const command of commands) {
      bob.write(command.replace('{}', 'secret'));
      const hidden = await bob.waitFor(/^ERROR /);
      bob.write(command.replace('{}', 'nosuch'));
      const missing = await bob.waitFor(/^ERROR /);
      expect(hidden.replaceAll('secret', 'nosuch'), command).to.equal(missing);
    }
    bob.write('/chats secret --private');
    const taken = await bob.waitFor(/^ERROR /);
    bob.write('/chats general --private');
    expect((await bob.waitFor(/^ERROR /)).replaceAll('general', 'secret')).to.equal(taken);
    const seenBefore = bob.all.length;

    alice.write('for members only');
    await alice.waitFor(/<alice> for members only/);
    const carol = await ctx.server.login('carol');
    alice.write('/invite secret carol');
    await alice.waitFor(/^-- invited carol/);
    carol.write('/chats secret');
    await alice.waitFor(/^-- carol joined #secret/);
    bob.write('/get_chats');
    await bob.waitFor(/^-- rooms \(1\):/);
    bob.write('/status');
    await bob.waitFor(/^-- you: bob/);
    bob.close();
    const bobAgain = await ctx.server.login('bob');
    bobAgain.write('/history 50');
    await bobAgain.waitFor(/end of history|no messages/);
    expect(bob.all.slice(seenBefore) + bobAgain.all).not.to.contain('secret');
  });

  it('stops delivering to a kicked member at once and keeps later messages out of their history and catch-up', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    await ownerWithMember(alice, bob);
    alice.write('before the kick');
    await bob.waitFor(/<alice> before the kick/);

    bob.write('/kick secret alice');
    await bob.waitFor(/^ERROR NOT_ROOM_OWNER/);
    alice.write('/kick secret alice');
    await alice.waitFor(/^ERROR INVALID_ARGUMENT: You own #secret/);
    alice.write('/kick secret Bob');
    await alice.waitFor(/^-- removed bob from #secret/);
    await bob.waitFor(/^-- bob was removed from #secret by alice/);
    await bob.waitFor(/<\*server\* -> bob> alice removed you from #secret$/);
    alice.write('after the kick');
    await alice.waitFor(/<alice> after the kick/);

    // His plain lines go to #general again, and he is told so.
    expect(bob.all).to.match(/^-- now talking in #general$/m);
    bob.write('back in general');
    await alice.waitFor(/#general \[\w+\] <bob> back in general$/);
    bob.write('/who secret');
    await bob.waitFor(/^ERROR NO_SUCH_ROOM/);
    bob.write('/chats secret');
    // The same words as for a room that does not exist, and no promise that /chats would create it.
    expect(await bob.waitFor(/^ERROR NO_SUCH_ROOM/)).to.equal('ERROR NO_SUCH_ROOM: There is no room #secret that you can see. /get_chats lists the rooms you can join.');
    bob.close();
    const bobAgain = await ctx.server.login('bob');
    expect(bob.all + bobAgain.all).not.to.contain('after the kick');
    alice.write('/who secret');
    await alice.waitFor(/^-- #secret: 1 member/);
  });

  it('refuses owner commands on public rooms and from members who are not the owner', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    await ownerWithMember(alice, bob);
    bob.write('/link secret');
    await bob.waitFor(/^ERROR NOT_ROOM_OWNER: Only the owner of #secret, alice, can do that/);
    alice.write('/invite general bob');
    await alice.waitFor(/^ERROR NOT_PRIVATE: #general is public/);
    alice.write('/invite secret bob');
    await alice.waitFor(/^ERROR ALREADY_MEMBER/);
    alice.write('/invite secret nobody');
    await alice.waitFor(/^ERROR NO_SUCH_USER/);
    alice.write('/chats other --public');
    await alice.waitFor(/^ERROR INVALID_ARGUMENT: Unexpected "--public"/);
  });
});

describe('join links on a fake clock', function () {
  const clock = fakeClock();
  // No fakelag: its timers would wait for this clock too.
  const ctx = useTestServer({ linkTtlMs: DAY_MS, floodRate: 0 }, { clock });

  it('answers an expired, a revoked and a made-up link with one and the same error', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    await ownerWithRoom(alice);
    const expiring = await makeLink(alice);
    await clock.advance(DAY_MS - 1);
    bob.write(`/join ${expiring}`);
    await bob.waitFor(/^-- your request to join was sent/);
    await clock.advance(1);
    const errors: string[] = [];
    carol.write(`/join ${expiring}`);
    errors.push(await carol.waitFor(/^ERROR /));

    const revoked = await makeLink(alice);
    alice.write('/unlink secret');
    await alice.waitFor(/^-- revoked 2 join links of #secret/);
    for (const attempt of [revoked, 'chat://127.0.0.1:1/join/AAAAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAAAA', 'not-a-link']) {
      carol.write(`/join ${attempt}`);
      errors.push(await carol.waitFor(/^ERROR /));
    }
    expect(new Set(errors).size, errors.join('\n')).to.equal(1);
    expect(errors[0]).to.match(/^ERROR INVALID_LINK: /);

    const another = await makeLink(alice);
    carol.write(`/join ${another}`);
    await carol.waitFor(/^-- your request to join was sent/);
  });
});

describe('private rooms across a restart', function () {
  const ctx = useTestServer();

  it('keeps private rooms, memberships, invitations, links and pending requests', async function () {
    (await ctx.server.login('bob')).close();
    const alice = await ctx.server.login('alice');
    await ownerWithRoom(alice);
    alice.write('/invite secret bob');
    await alice.waitFor(/^-- invited bob/);
    const link = await makeLink(alice);
    const carol = await ctx.server.login('carol');
    carol.write(`/join ${link}`);
    await carol.waitFor(/^-- your request to join was sent/);
    const dave = await ctx.server.login('dave');
    const pending = await makeLink(alice);

    await ctx.server.restart();

    const alice2 = await ctx.server.login('alice');
    alice2.write('/get_chats');
    expect(await alice2.waitFor(/#secret/)).to.match(/#secret\s+1 member/);
    alice2.write('/requests secret');
    await alice2.waitFor(/^-- carol\s+asked/);
    const bob = await ctx.server.login('bob');
    bob.write('/chats secret');
    await bob.waitFor(/^-- now talking in #secret/);
    const dave2 = await ctx.server.login('dave');
    dave2.write(`/join ${pending}`);
    await dave2.waitFor(/^-- your request to join was sent/);
    expect(dave.all).not.to.contain('secret');
    alice2.write('/approve secret carol');
    await alice2.waitFor(/^-- approved: carol/);
    const carol2 = await ctx.server.login('carol');
    carol2.write('/chats secret');
    await carol2.waitFor(/^-- now talking in #secret/);
  });
});
