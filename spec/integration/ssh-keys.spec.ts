import { expect } from 'chai';
import { SshTestClient, sshPort, testKeyPair } from '../helpers/ssh-test-client.js';
import { useTestServer } from '../helpers/test-server.js';
import { parsePublicKeyLine } from '../../lib/auth/public-key.js';

async function fingerprintOf(line: string): Promise<string> {
  return (await parsePublicKeyLine(line))?.fingerprint ?? '';
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String(error);
  }
  return 'no refusal';
}

describe('SSH: public keys', function () {
  const ctx = useTestServer({ ssh: { port: 0, hostKeyFile: null } });

  it('adds, lists and removes keys with /key, and logs in with a key only while it is on the account', async function () {
    const pair = testKeyPair('alice@laptop');
    const fingerprint = await fingerprintOf(pair.publicLine);
    const alice = await ctx.server.login('alice');
    alice.write(`/key add ${pair.publicLine}`);
    expect(await alice.waitFor(/^-- key /)).to.equal(`-- key ${fingerprint} (ecdsa-sha2-nistp256) added: ssh with it as alice from now on. /key remove ${fingerprint} to undo.`);
    alice.write('/key list');
    await alice.waitFor(/^-- your SSH keys \(1\):$/);
    expect(await alice.waitFor(/^-- SHA256:/)).to.match(new RegExp(`^-- ${fingerprint.replace(/[+/]/g, '\\$&')} ecdsa-sha2-nistp256 alice@laptop, added \\d{4}-\\d\\d-\\d\\d$`));

    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', privateKey: pair.privateKey });
    const shell = await client.shell();
    await shell.waitFor(/-- welcome, alice!/);
    client.end();

    alice.write(`/key remove ${fingerprint}`);
    await alice.waitFor(/^-- key .* removed: it no longer logs in to alice$/);
    expect(await refusal(SshTestClient.connect(sshPort(ctx.server), { user: 'alice', privateKey: pair.privateKey }))).to.match(/authentication methods failed/);
  });

  it("refuses a key that is not the account's: another one, or the key of someone else", async function () {
    const alices = testKeyPair();
    const bobs = testKeyPair();
    const alice = await ctx.server.login('alice');
    alice.write(`/key add ${alices.publicLine}`);
    await alice.waitFor(/^-- key .* added/);
    const bob = await ctx.server.login('bob');
    bob.write(`/key add ${bobs.publicLine}`);
    await bob.waitFor(/^-- key .* added/);
    expect(await refusal(SshTestClient.connect(sshPort(ctx.server), { user: 'alice', privateKey: bobs.privateKey }))).to.match(/authentication methods failed/);
    expect(await refusal(SshTestClient.connect(sshPort(ctx.server), { user: 'alice', privateKey: testKeyPair().privateKey }))).to.match(/authentication methods failed/);
    // The password still works.
    (await SshTestClient.connect(sshPort(ctx.server), { user: 'alice', privateKey: bobs.privateKey, password: 'pw' })).end();
  });

  it('answers bad /key input with one clear error each, changing nothing', async function () {
    const pair = testKeyPair();
    const alice = await ctx.server.login('alice');
    alice.write('/key add ssh-ed25519 nonsense');
    await alice.waitFor(/^ERROR INVALID_KEY: That is not an OpenSSH public key\./);
    alice.write(`/key add ${pair.publicLine}`);
    await alice.waitFor(/^-- key .* added/);
    const bob = await ctx.server.login('bob');
    bob.write(`/key add ${pair.publicLine}`);
    await bob.waitFor(/^ERROR KEY_TAKEN: The key SHA256:\S+ is on an account already\./);
    bob.write('/key remove SHA256:nothing');
    await bob.waitFor(/^ERROR NO_SUCH_KEY: You have no key SHA256:nothing\./);
    bob.write(`/key remove ${await fingerprintOf(pair.publicLine)}`);
    await bob.waitFor(/^ERROR NO_SUCH_KEY: /);
    bob.write('/key frobnicate');
    await bob.waitFor(/^ERROR INVALID_ARGUMENT: Usage: \/key add <public key> \| \/key list \| \/key remove <fingerprint>$/);
    bob.write('/key');
    await bob.waitFor(/^-- you have no SSH keys\. \/key add <public key> to log in with one over SSH\.$/);
    alice.write('/key list');
    await alice.waitFor(/^-- your SSH keys \(1\):$/);
  });

  it('offers a new nick with a key registration, and binds the key to the new account', async function () {
    const pair = testKeyPair();
    const fingerprint = await fingerprintOf(pair.publicLine);
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'newbie', privateKey: pair.privateKey, keyboard: (_instructions, prompts) => prompts.map(() => 's3cret') });
    expect(client.instructions).to.deep.equal([
      `newbie is a new nick: choose a password of at least 1 character to register it.\nYour key ${fingerprint} will be added to the account: you log in with it from then on.`,
    ]);
    const shell = await client.shell();
    await shell.waitFor(new RegExp(`-- your key ${fingerprint.replace(/[+/]/g, '\\$&')} is on your account now: ssh logs in with it\\.`));
    client.end();
    // From now on the key alone will do, and the password too.
    (await SshTestClient.connect(sshPort(ctx.server), { user: 'newbie', privateKey: pair.privateKey })).end();
    const telnet = await ctx.server.login('newbie', 's3cret');
    telnet.write('/key list');
    await telnet.waitFor(/^-- your SSH keys \(1\):$/);
  });

  it('binds the key offered for a new nick registered with the password method too, and only to that account', async function () {
    const pair = testKeyPair();
    const client = await SshTestClient.connect(sshPort(ctx.server), { user: 'newbie', privateKey: pair.privateKey, password: 's3cret' });
    client.end();
    (await SshTestClient.connect(sshPort(ctx.server), { user: 'newbie', privateKey: pair.privateKey })).end();
    expect(await refusal(SshTestClient.connect(sshPort(ctx.server), { user: 'other', privateKey: pair.privateKey }))).to.match(/authentication methods failed/);
  });
});
