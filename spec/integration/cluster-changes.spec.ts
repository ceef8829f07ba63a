import { expect } from 'chai';
import { redisSuiteTitle } from '../helpers/redis-server.js';
import { said } from '../helpers/said.js';
import { useRedisCluster } from '../helpers/test-cluster.js';

describe(redisSuiteTitle('several servers over one Redis: editing, deleting and searching'), function () {
  const { start } = useRedisCluster();

  it('shows an edit and a deletion made on one server to the users of the others', async () => {
    const chat = await start(2);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    const id = await said(alice, 'ship it frday');
    await bob.waitFor(/ship it frday$/);
    alice.write(`/edit ${id} ship it friday`);
    expect(await bob.waitFor(/ship it friday$/)).to.match(new RegExp(`#general \\[${id}\\] <alice> \\(edited\\) ship it friday$`));
    bob.write('/history 1');
    await bob.waitFor(/^-- history/);
    await bob.waitFor(/<alice> \(edited\) ship it friday$/);
    alice.write(`/delete ${id}`);
    expect(await bob.waitFor(/^-- alice deleted/)).to.equal(`-- alice deleted [${id}] in #general`);
    bob.write(`/thread ${id}`);
    await bob.waitFor(/^ERROR NO_SUCH_MESSAGE/);
  });

  it('finds on one server what was said and edited on another, and nothing once it is deleted', async () => {
    const chat = await start(2);
    const alice = await chat.server(0).login('alice');
    const bob = await chat.server(1).login('bob');
    const id = await said(alice, 'the release notes are drafted');
    alice.write(`/edit ${id} the release notes are published`);
    await bob.waitFor(/\(edited\) the release notes are published$/);
    bob.write('/search RELEASE published');
    await bob.waitFor(/^-- search for "RELEASE published": 1 message/);
    expect(await bob.waitFor(/^\[/)).to.match(new RegExp(`\\[${id}\\] <alice> \\(edited\\) the release notes are published$`));
    alice.write(`/delete ${id}`);
    await bob.waitFor(/^-- alice deleted/);
    bob.write('/search release');
    await bob.waitFor(/^-- no messages found for "release"$/);
  });
});
