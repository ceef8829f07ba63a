import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';

/** Ids as users see them: 7 characters that say nothing of the order or count of messages. */
const ID = /\[([0-9a-z]{7})\] </;

describe('comments and threads', function () {
  const ctx = useTestServer();

  it('shows a comment to the audience of the message, quoting its start, and /thread shows them all', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('shall we ship the new release on friday afternoon?');
    const id = ID.exec(await bob.waitFor(/<alice> shall we ship/))?.[1] ?? '';
    bob.write(`/comment ${id} yes, after lunch`);
    const line = await alice.waitFor(/yes, after lunch/);
    expect(line).to.match(new RegExp(`#general \\[[0-9a-z]{7}\\] <bob> \\(re \\[${id}\\] alice: "shall we ship the new rel\\w*\\.\\.\\."\\) yes, after lunch$`));
    alice.write(`/comment [${id}] great`);
    await bob.waitFor(/<alice> \(re .*\) great$/);
    bob.write(`/thread ${id}`);
    await bob.waitFor(/^-- thread of \[[0-9a-z]{7}\], 2 comments:/);
    await bob.waitFor(/<alice> shall we ship/);
    await bob.waitFor(/<bob> \(re .*\) yes, after lunch/);
    await bob.waitFor(/<alice> \(re .*\) great/);
    await bob.waitFor(/^-- end of thread/);
  });

  it('keeps comments on a private message between its two parties', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    const carol = await ctx.server.login('carol');
    alice.write('/send bob the key is under the mat');
    const id = /\[([0-9a-z]{7})\] <alice -> bob>/.exec(await bob.waitFor(/under the mat/))?.[1] ?? '';
    bob.write(`/comment ${id} thanks`);
    expect(await alice.waitFor(/thanks$/)).to.match(/\(private\) \[[0-9a-z]{7}\] <bob -> alice> \(re \[[0-9a-z]{7}\] alice: "the key is under the mat"\) thanks$/);
    carol.write(`/comment ${id} me too`);
    const refused = await carol.waitFor(/^ERROR /);
    const unknown = ctx.server.running.chat.hub.ids.messages.encode(10_000);
    carol.write(`/comment ${unknown} me too`);
    const missing = await carol.waitFor(/^ERROR /);
    expect(refused.replace(id, 'ID')).to.equal(missing.replace(unknown, 'ID'));
    expect(refused).to.match(/^ERROR NO_SUCH_MESSAGE/);
    carol.write(`/thread ${id}`);
    await carol.waitFor(/^ERROR NO_SUCH_MESSAGE/);
    carol.write('/comment 3f me too');
    await carol.waitFor(/^ERROR INVALID_ARGUMENT: "3f" is not a message id: ids are the 7 characters in brackets/);
  });

  it('does not let a non-member comment on a room message or read its thread', async function () {
    const alice = await ctx.server.login('alice');
    const bob = await ctx.server.login('bob');
    alice.write('/chats secret-plans');
    await alice.waitFor(/created #secret-plans/);
    alice.write('plan A');
    const id = ID.exec(await alice.waitFor(/<alice> plan A/))?.[1] ?? '';
    bob.write(`/comment ${id} what plan?`);
    await bob.waitFor(/^ERROR NO_SUCH_MESSAGE/);
    bob.write(`/thread ${id}`);
    await bob.waitFor(/^ERROR NO_SUCH_MESSAGE/);
  });
});
