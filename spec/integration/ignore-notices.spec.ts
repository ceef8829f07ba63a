import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { useTestServer } from '../helpers/test-server.js';

/** Every stored notice is a private message from the server. */
const SERVER_NOTICE = /\(private\) \[[^\]]+\] <\*server\* -> /;

/** Writes `line` and waits for the answer that says it was handled. */
async function run(client: LineClient, line: string, answer: RegExp): Promise<void> {
  client.write(line);
  await client.waitFor(answer);
}

/** A private message from `from`, seen by `to`: everything `to` was sent before it has arrived. */
async function marker(from: LineClient, to: LineClient, toNick: string, text: string): Promise<void> {
  from.write(`/send ${toNick} ${text}`);
  await to.waitFor(new RegExp(`> ${text}$`));
}

describe('notices caused by an ignored user', function () {
  const ctx = useTestServer();

  it('delivers and stores none of an ignored user’s invitations, join requests or answers; the causer is not told', async function () {
    const vicb = await ctx.server.login('vicb');
    const mallory = await ctx.server.login('mallory');
    const friend = await ctx.server.login('friend');
    const pal = await ctx.server.login('pal');
    await run(vicb, '/ignore mallory', /^-- you now ignore mallory/);

    // Five invitations: mallory sees each go out as if nothing were different.
    await run(mallory, '/chats you-won-a-prize --private', /^-- now talking in #you-won-a-prize/);
    for (let i = 0; i < 5; i++) await run(mallory, '/invite you-won-a-prize vicb', /^-- invited vicb to #you-won-a-prize/);

    // A join request from mallory to vicb's room, with a link vicb handed out.
    await run(vicb, '/chats club --private', /^-- now talking in #club/);
    vicb.write('/link club');
    await vicb.waitFor(/^-- join link for #club/);
    const link = (await vicb.waitFor(/^-- chat:\/\//)).slice(3);
    await run(mallory, `/join ${link}`, /^-- your request to join was sent to the room's owner/);
    // The request is still there to be seen on purpose.
    await run(vicb, '/requests club', /^-- mallory\b/);

    // friend and pal ask to join mallory's room; mallory's answers are not delivered either.
    mallory.write('/link you-won-a-prize');
    await mallory.waitFor(/^-- join link for #you-won-a-prize/);
    const prizeLink = (await mallory.waitFor(/^-- chat:\/\//)).slice(3);
    for (const asker of [friend, pal]) {
      await run(asker, '/ignore mallory', /^-- you now ignore mallory/);
      await run(asker, `/join ${prizeLink}`, /^-- your request to join was sent/);
    }
    await run(mallory, '/deny you-won-a-prize friend', /^-- denied friend's request/);
    await run(mallory, '/approve you-won-a-prize pal', /^-- approved: pal may now join/);

    // A file mallory sends vicb privately is a message from mallory: ignored too.
    const body = Buffer.from('prize claim form');
    mallory.writeRaw(Buffer.concat([Buffer.from(`/upload @vicb claim.txt ${body.length}\r\n`), body]));
    await mallory.waitFor(/sent file [0-9a-z]{8}: claim\.txt/);

    await marker(friend, vicb, 'vicb', 'marker one');
    await marker(vicb, friend, 'friend', 'marker two');
    expect(vicb.all).not.to.match(SERVER_NOTICE);
    expect(vicb.all).not.to.contain('claim.txt');
    await marker(vicb, pal, 'pal', 'marker three');
    expect(friend.all).not.to.match(SERVER_NOTICE);
    expect(pal.all).not.to.match(SERVER_NOTICE);

    // Nothing was stored for later either: a new login shows no notice.
    vicb.close();
    friend.close();
    const again = await ctx.server.login('vicb');
    const friendAgain = await ctx.server.login('friend');
    expect(again.all).not.to.match(SERVER_NOTICE);
    expect(friendAgain.all).not.to.match(SERVER_NOTICE);
    for (const nick of ['vicb', 'friend', 'pal']) {
      const stored = await ctx.server.running.store.unreadFor(nick, 0, 100);
      expect(stored.messages.filter((m) => m.from === '*server*'), nick).to.deep.equal([]);
    }

    // Someone vicb does not ignore still gets through.
    await run(friendAgain, '/chats open-club --private', /^-- now talking in #open-club/);
    await run(friendAgain, '/invite open-club vicb', /^-- invited vicb/);
    expect(await again.waitFor(SERVER_NOTICE)).to.contain('friend invited you to the private room #open-club');
  });
});
