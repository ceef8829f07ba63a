import { expect } from 'chai';
import type { LineClient } from '../helpers/line-client.js';
import { said, shownIdOf } from '../helpers/said.js';
import { useTestServer } from '../helpers/test-server.js';

/** Sends each text to the current room and returns the ids of the lines, in order. */
async function post(client: LineClient, ...texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const text of texts) ids.push(await said(client, text));
  return ids;
}

/** The message lines of the next page shown, and its end line. */
async function page(client: LineClient, command: string): Promise<{ heading: string; texts: string[]; end: string }> {
  client.write(command);
  const heading = await client.waitFor(/^-- (history|no messages)/);
  if (heading.startsWith('-- no messages')) return { heading, texts: [], end: heading };
  const texts: string[] = [];
  for (;;) {
    const line = await client.waitFor(/^(\[|-- end of history)/);
    if (line.startsWith('-- end of history')) return { heading, texts, end: line };
    // `<alice> text` or `<alice -> bob> text`
    texts.push(line.replace(/^.*?\w> /, ''));
  }
}

describe('/history page by page', function () {
  const ctx = useTestServer();

  it('pages back through a room, the last line of each full page saying how to get the next', async function () {
    const alice = await ctx.server.login('alice');
    const ids = await post(alice, 'one', 'two', 'three', 'four', 'five');
    const newest = await page(alice, '/history 2');
    expect(newest.heading).to.equal('-- history: last 2 messages of #general:');
    expect(newest.texts).to.deep.equal(['four', 'five']);
    expect(newest.end).to.equal(`-- end of history; older: /history 2 --before ${ids[3]} #general`);
    const older = await page(alice, newest.end.replace(/^.*older: /, ''));
    expect(older.heading).to.equal(`-- history: 2 messages of #general before [${ids[3]}]:`);
    expect(older.texts).to.deep.equal(['two', 'three']);
    const oldest = await page(alice, older.end.replace(/^.*older: /, ''));
    expect(oldest.texts).to.deep.equal(['one']);
    expect(oldest.end).to.equal('-- end of history');
  });

  it('shows the messages after one, and those around one with how to go either way', async function () {
    const alice = await ctx.server.login('alice');
    const ids = await post(alice, 'one', 'two', 'three', 'four', 'five');
    const after = await page(alice, `/history 2 --after ${ids[1]}`);
    expect(after.heading).to.equal(`-- history: 2 messages of #general after [${ids[1]}]:`);
    expect(after.texts).to.deep.equal(['three', 'four']);
    expect(after.end).to.equal(`-- end of history; newer: /history 2 --after ${ids[3]} #general`);
    const around = await page(alice, `/history 3 --around [${ids[2]}]`);
    expect(around.texts).to.deep.equal(['two', 'three', 'four']);
    expect(around.end).to.equal(`-- end of history; older: /history 3 --before ${ids[1]} #general; newer: /history 3 --after ${ids[3]} #general`);
    expect((await page(alice, `/history --after ${ids[4]}`)).heading).to.equal(`-- no messages of #general after [${ids[4]}]`);
  });

  it('shows another room of the user, and refuses one they are not in as the room-list rules say', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats dev');
    await alice.waitFor(/now talking in #dev/);
    await post(alice, 'in dev');
    alice.write('/chats secret --private');
    await alice.waitFor(/now talking in #secret/);
    await post(alice, 'hidden plans');
    alice.write('/chats general');
    await alice.waitFor(/now talking in #general/);
    expect((await page(alice, '/history #dev')).texts).to.deep.equal(['in dev']);
    bob.write('/history #dev');
    expect(await bob.waitFor(/^ERROR/)).to.equal('ERROR NOT_A_MEMBER: You are not in #dev. Join it with /chats dev.');
    bob.write('/history #secret');
    const hidden = await bob.waitFor(/^ERROR/);
    bob.write('/history #nowhere');
    const missing = await bob.waitFor(/^ERROR/);
    expect(hidden.replace('secret', 'X')).to.equal(missing.replace('nowhere', 'X'));
  });

  it('shows the private conversation of two users, both ways, and only to them', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    alice.write('/send bob lunch?');
    await bob.waitFor(/lunch\?$/);
    bob.write('/send alice at noon');
    await alice.waitFor(/at noon$/);
    alice.write('/send carol unrelated');
    await carol.waitFor(/unrelated$/);
    const mine = await page(alice, '/history @Bob');
    expect(mine.heading).to.equal('-- history: last 2 messages of your conversation with bob:');
    expect(mine.texts).to.deep.equal(['lunch?', 'at noon']);
    expect((await page(bob, '/history @alice')).texts).to.deep.equal(['lunch?', 'at noon']);
    expect((await page(carol, '/history @bob')).heading).to.equal('-- no messages with bob yet');
    carol.write('/history @nobody');
    await carol.waitFor(/^ERROR NO_SUCH_USER: There is no user "nobody"/);
  });

  it("answers --around a message the user cannot see exactly as one that does not exist", async function () {
    (await ctx.server.login('carol')).close();
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/send carol just for carol');
    const id = shownIdOf(await alice.waitFor(/just for carol$/));
    bob.write(`/history --around ${id}`);
    const hidden = await bob.waitFor(/^ERROR/);
    const unknown = ctx.server.running.chat.ids.messages.encode(10_000);
    bob.write(`/history --around ${unknown}`);
    const missing = await bob.waitFor(/^ERROR/);
    expect(hidden.replace(id, 'ID')).to.equal(missing.replace(unknown, 'ID'));
    expect(hidden).to.match(/^ERROR NO_SUCH_MESSAGE/);
    alice.write(`/history --around ${id} #general`);
    await alice.waitFor(/^ERROR NO_SUCH_MESSAGE/);
    expect((await page(alice, `/history --around ${id}`)).texts).to.deep.equal(['just for carol']);
  });

  it('refuses arguments it cannot read with one line saying why', async function () {
    const alice = await ctx.server.login('alice');
    const cases: [string, RegExp][] = [
      ['/history --before', /^ERROR INVALID_ARGUMENT: --before needs a value\. Usage: \/history \[N\]/],
      ['/history --before abcdefg --after abcdefg', /^ERROR INVALID_ARGUMENT: Give one of --before, --after and --around\./],
      ['/history --since 2d', /^ERROR INVALID_ARGUMENT: There is no option --since\./],
      ['/history --before 3f', /^ERROR INVALID_ARGUMENT: "3f" is not a message id/],
      ['/history 5 6', /^ERROR INVALID_ARGUMENT: Unexpected "6"/],
      ['/history #dev @bob', /^ERROR INVALID_ARGUMENT: Unexpected "@bob"/],
      ['/history #No!', /^ERROR INVALID_ROOM/],
    ];
    for (const [command, expected] of cases) {
      alice.write(command);
      expect(await alice.waitFor(/^(ERROR|-- )/), command).to.match(expected);
    }
  });
});
