import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SshTestClient, sshPort } from '../helpers/ssh-test-client.js';
import { useTestServer } from '../helpers/test-server.js';

describe('SSH: exec requests (ssh alice@host \'/send bob hi\')', function () {
  const ctx = useTestServer({ ssh: { port: 0, hostKeyFile: null } });

  async function as(nick: string): Promise<SshTestClient> {
    return SshTestClient.connect(sshPort(ctx.server), { user: nick, password: 'pw' });
  }

  it('runs the command, prints only its answers, and exits 0', async function () {
    const bob = await ctx.server.login('bob');
    const alice = await as('alice');
    const result = await alice.exec('/send bob build is green');
    expect(result.code).to.equal(0);
    expect(result.stderr).to.equal('');
    expect(result.stdout.toString()).to.match(/^\[\d\d:\d\d\] \(private\) \[\w+\] <alice -> bob> build is green\r\n$/);
    await bob.waitFor(/<alice -> bob> build is green$/);
    alice.end();
  });

  it('runs several commands, one a line, in order', async function () {
    const alice = await as('alice');
    const result = await alice.exec('/chats ops\n/who ops');
    expect(result.code).to.equal(0);
    expect(result.stdout.toString()).to.match(/#ops: 1 member, 1 online/);
    alice.end();
  });

  it('writes a refusal to stderr and exits 1', async function () {
    const alice = await as('alice');
    const result = await alice.exec('/send nobody hi');
    expect(result.code).to.equal(1);
    expect(result.stdout.toString()).to.equal('');
    expect(result.stderr).to.equal('ERROR NO_SUCH_USER: There is no user "nobody". /who lists the people in a room.\r\n');
    alice.end();
  });

  it('writes exactly the bytes of a file for /download, and takes an upload from stdin', async function () {
    const alice = await as('alice');
    const file = randomBytes(300_000);
    const sent = await alice.exec(`/upload #general data.bin ${file.length}`, file);
    expect(sent.code).to.equal(0);
    const id = /sent file (\w+): data\.bin/.exec(sent.stdout.toString())?.[1];
    expect(id).to.be.a('string');
    const bob = await as('bob');
    const got = await bob.exec(`/download ${id ?? ''}`);
    expect(got.code).to.equal(0);
    expect(got.stdout.equals(file)).to.equal(true);
    alice.end();
    bob.end();
  });

  it('refuses an upload whose stdin ends short, keeping nothing', async function () {
    const alice = await as('alice');
    const result = await alice.exec('/upload #general short.bin 100', Buffer.from('only this'));
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^ERROR UPLOAD_INCOMPLETE: /);
    const files = await alice.exec('/history');
    expect(files.stdout.toString()).not.to.match(/short\.bin/);
    alice.end();
  });

  it('leaves unread messages unread: the next login still catches up on them', async function () {
    const bob = await ctx.server.login('bob');
    (await ctx.server.login('alice')).close();
    bob.write('/send alice while you were out');
    await bob.waitFor(/while you were out$/);
    const alice = await as('alice');
    await alice.exec('/send bob just a script');
    alice.end();
    const later = await ctx.server.login('alice');
    expect(later.lines().filter((line) => line.endsWith('<bob -> alice> while you were out'))).to.have.length(1);
  });
});
