import { expect } from 'chai';
import { SshTestClient, sshPort } from '../helpers/ssh-test-client.js';
import { useTestServer } from '../helpers/test-server.js';

describe('SSH: chatting without a terminal (ssh -T, stdin piped)', function () {
  const ctx = useTestServer({ ssh: { port: 0, hostKeyFile: null } });

  it('puts an SSH user and a telnet user in the same room, each seeing what the other says', async function () {
    const bob = await ctx.server.login('bob');
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', password: 'pw' });
    const alice = await client.shell();
    await alice.waitFor(/-- welcome, alice! You are in #general\./);
    await alice.waitFor(/-- no unread messages|-- end of/);
    alice.write('hello from ssh\n');
    await bob.waitFor(/<alice> hello from ssh$/);
    bob.write('hello from telnet');
    await alice.waitFor(/<bob> hello from telnet\r\n/);
    alice.write('/send bob psst\n');
    await bob.waitFor(/\(private\) \[\w+\] <alice -> bob> psst$/);
    client.end();
  });

  it('ends the session when stdin ends, after the lines before it are handled, as nc does', async function () {
    const bob = await ctx.server.login('bob');
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', password: 'pw' });
    const alice = await client.shell();
    alice.channel.end('/send bob one\n/send bob two\n');
    await alice.waitClosed();
    await bob.waitFor(/<alice -> bob> one$/);
    await bob.waitFor(/<alice -> bob> two$/);
    expect(alice.text).to.match(/-- bye!\r\n$/);
    // ssh exits with this status (255 without one).
    expect(alice.code).to.equal(0);
    client.end();
  });
});
