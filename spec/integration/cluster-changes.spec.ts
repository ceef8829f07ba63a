import { expect } from 'chai';
import { redisSuiteTitle } from '../helpers/redis-server.js';
import { said } from '../helpers/said.js';
import { useRedisCluster } from '../helpers/test-cluster.js';

describe(redisSuiteTitle('several servers over one Redis: editing and deleting'), function () {
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
});
