import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';
import { said } from '../helpers/said.js';

describe('/delete', function () {
  const ctx = useTestServer({ admins: ['op'] });

  it('removes a message for everyone: a notice to those online, gone from history, threads and catch-up, comments quoting "deleted message"', async function () {
    (await ctx.server.login('carol')).close();
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const id = await said(alice, 'wrong room, sorry');
    bob.write(`/comment ${id} no worries`);
    const commentLine = await alice.waitFor(/no worries$/);
    const comment = /\[([0-9a-z]{7})\] <bob>/.exec(commentLine)?.[1] ?? '';
    alice.write(`/delete ${id}`);
    expect(await bob.waitFor(/^-- alice deleted/)).to.equal(`-- alice deleted [${id}] in #general`);
    await alice.waitFor(/^-- alice deleted/);
    bob.write('/history');
    await bob.waitFor(/^-- history/);
    expect(await bob.waitFor(/^\[/)).to.match(new RegExp(`\\[${comment}\\] <bob> \\(re \\[${id}\\] deleted message\\) no worries$`));
    bob.write(`/thread ${id}`);
    await bob.waitFor(/^ERROR NO_SUCH_MESSAGE/);
    const carol = await ctx.server.login('carol');
    expect(carol.all).not.to.contain('wrong room');
    expect(carol.lines()).to.include(commentLine.replace(/\(re .*\)/, `(re [${id}] deleted message)`));
    alice.write(`/delete ${id}`);
    await alice.waitFor(/^ERROR NO_SUCH_MESSAGE/);
  });

  it('lets the author, an operator and the owner of a private room delete, and nobody else', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const op = await ctx.server.login('op');
    const first = await said(alice, 'first');
    bob.write(`/delete ${first}`);
    expect(await bob.waitFor(/^ERROR/)).to.equal(`ERROR NOT_YOUR_MESSAGE: [${first}] is not yours: only its author, an operator or the owner of its private room can delete it.`);
    op.write(`/delete ${first}`);
    await bob.waitFor(new RegExp(`^-- op deleted \\[${first}\\] in #general$`));
    alice.write('/chats den --private');
    await alice.waitFor(/now talking in #den/);
    alice.write('/invite den bob');
    await bob.waitFor(/invited you/);
    bob.write('/chats den');
    await bob.waitFor(/now talking in #den/);
    const his = await said(bob, 'in the den');
    const hers = await said(alice, 'my den');
    bob.write(`/delete ${hers}`);
    await bob.waitFor(/^ERROR NOT_YOUR_MESSAGE/);
    alice.write(`/delete ${his}`);
    await bob.waitFor(new RegExp(`^-- alice deleted \\[${his}\\] in #den$`));
  });

  it('tells only the two of a private message, and answers an outsider as for a message that does not exist', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    const op = await ctx.server.login('op');
    alice.write('/send bob meet at 5');
    const id = /\[([0-9a-z]{7})\] <alice -> bob>/.exec(await bob.waitFor(/meet at 5$/))?.[1] ?? '';
    for (const outsider of [carol, op]) {
      outsider.write(`/delete ${id}`);
      const hidden = await outsider.waitFor(/^ERROR/);
      const unknown = ctx.server.running.chat.ids.messages.encode(10_000);
      outsider.write(`/delete ${unknown}`);
      expect(hidden.replace(id, 'ID')).to.equal((await outsider.waitFor(/^ERROR/)).replace(unknown, 'ID'));
    }
    bob.write(`/delete ${id}`);
    await bob.waitFor(/^ERROR NOT_YOUR_MESSAGE/);
    alice.write(`/delete ${id}`);
    expect(await bob.waitFor(/^-- alice deleted/)).to.equal(`-- alice deleted [${id}] (private)`);
    carol.write('/send alice marker');
    await alice.waitFor(/marker$/);
    expect(carol.all).not.to.contain('deleted');
    expect(op.all).not.to.contain('alice deleted');
  });

  it('takes the file a deleted message announced with it', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.writeRaw(Buffer.concat([Buffer.from('/upload notes.txt 5\r\n'), Buffer.from('hello')]));
    const line = await bob.waitFor(/sent file/);
    const id = /\[([0-9a-z]{7})\] <alice>/.exec(line)?.[1] ?? '';
    const file = /sent file (\S+):/.exec(line)?.[1] ?? '';
    alice.write(`/delete ${id}`);
    await bob.waitFor(/^-- alice deleted/);
    bob.write(`/download ${file}`);
    await bob.waitFor(/^ERROR NO_SUCH_FILE/);
    expect(await ctx.server.running.store.getFile(file)).to.equal(undefined);
  });
});
