import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { TestServer, useTestServer } from '../helpers/test-server.js';

/** The id a room line shows. */
async function idOf(client: LineClient, text: string): Promise<string> {
  const line = await client.waitFor(new RegExp(`> ${text}$`));
  const id = /^\[[^\]]+\] #\S+ \[([^\]]+)\] </.exec(line)?.[1];
  if (id === undefined) throw new Error(`no id in ${line}`);
  return id;
}

/** The `-- ` lines of one /status answer. */
async function status(client: LineClient): Promise<string[]> {
  client.write('/status');
  await client.waitFor(/^-- server time: /);
  const lines: string[] = [];
  for (;;) {
    const line = await client.waitFor(/^-- /);
    lines.push(line);
    if (line.startsWith('-- you: ')) return lines;
  }
}

describe('what ids and /status tell someone about traffic they cannot see', function () {
  const ctx = useTestServer();

  it('shows an outsider opaque ids, with no gap for the private messages between two room messages', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    const dave = await ctx.server.login('dave');
    carol.write('/chats hush --private');
    await carol.waitFor(/^-- now talking in #hush/);
    carol.write('/invite hush dave');
    await carol.waitFor(/^-- invited dave/);
    dave.write('/chats hush');
    await dave.waitFor(/^-- now talking in #hush/);

    alice.write('/chats general');
    await alice.waitFor(/^-- now talking in #general/);
    alice.write('one');
    const first = await idOf(bob, 'one');
    for (let i = 1; i <= 5; i++) carol.write(`/send dave private ${i}`);
    for (let i = 1; i <= 3; i++) dave.write(`hushed ${i}`);
    await dave.waitFor(/private 5$/);
    await carol.waitFor(/hushed 3$/);
    alice.write('two');
    const second = await idOf(bob, 'two');

    // The server knows that eight messages came between them...
    const ids = ctx.server.running.chat.hub.ids.messages;
    expect(ids.decode(second)! - ids.decode(first)!).to.equal(9);
    // ...bob sees two ids of the fixed form that carry neither order nor distance.
    for (const id of [first, second]) expect(id).to.match(/^[0-9a-z]{7}$/);
    expect(parseInt(second, 36) - parseInt(first, 36)).not.to.equal(9);
    expect(bob.all).not.to.match(/private \d|hushed/);
  });

  it('counts in /status only the rooms the asker can see, and no stored messages', async function () {
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    carol.write('/chats hush --private');
    await carol.waitFor(/^-- now talking in #hush/);
    carol.write('a secret');
    await carol.waitFor(/a secret$/);
    bob.write('/chats open');
    await bob.waitFor(/^-- now talking in #open/);

    const bobs = await status(bob);
    expect(bobs).to.include('-- rooms you can see: 2');
    expect(bobs.join('\n')).not.to.match(/messages|hush/);
    expect(await status(carol)).to.include('-- rooms you can see: 3');
  });

  it('keeps the ids a chat showed across a restart, and another chat shows others', async function () {
    const alice = await ctx.server.login('alice');
    alice.write('remember me');
    const id = await idOf(alice, 'remember me');
    await ctx.server.restart();
    const again = await ctx.server.login('alice');
    again.write(`/thread ${id}`);
    await again.waitFor(new RegExp(`^-- thread of \\[${id}\\], 0 comments:`));
    await again.waitFor(/<alice> remember me$/);

    const other = await TestServer.start();
    try {
      const elsewhere = await other.login('alice');
      elsewhere.write('remember me');
      const otherId = await idOf(elsewhere, 'remember me');
      expect(other.running.chat.hub.ids.messages.decode(otherId)).to.equal(ctx.server.running.chat.hub.ids.messages.decode(id));
      expect(otherId).not.to.equal(id);
    } finally {
      await other.stop();
    }
  });
});
