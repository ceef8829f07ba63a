import { expect } from 'chai';
import { useTestServer } from '../helpers/test-server.js';

describe('logging in over a real socket', function () {
  const ctx = useTestServer();

  it('greets, asks for a nickname and a password, registers a new nick and puts the user in general', async function () {
    const client = await ctx.server.connect();
    await client.waitFor(/^-- chat-line .*Type a nickname/);
    await client.waitFor(/^nickname: $/);
    client.write('alice');
    await client.waitFor(/alice is a new nick/);
    await client.waitFor(/^password: $/);
    client.write('s3cret');
    expect(await client.waitFor(/^-- welcome/)).to.equal('-- welcome, alice! You are in #general. Type /help for commands.');
    await client.waitFor(/^-- no unread messages/);
  });

  it('logs an existing user in only with the right password', async function () {
    (await ctx.server.login('alice', 'right')).close();
    const client = await ctx.server.connect();
    client.write('alice');
    await client.waitFor(/^password: $/);
    client.write('wrong');
    await client.waitFor(/^ERROR WRONG_PASSWORD: Wrong password for alice/);
    await client.waitFor(/^nickname: $/);
    client.write('/login ALICE right');
    expect(await client.waitFor(/^-- welcome/)).to.match(/welcome, alice!/);
  });

  it('closes the connection after three wrong passwords and then slows that nick down from that address', async function () {
    (await ctx.server.login('alice', 'right')).close();
    const client = await ctx.server.connect();
    for (let i = 0; i < 3; i++) client.write('/login alice nope');
    await client.waitFor(/^-- too many failed logins/);
    await client.waitClosed();
    const again = await ctx.server.connect();
    again.write('/login alice right');
    await again.waitFor(/^ERROR LOGIN_THROTTLED: Too many failed logins for alice from your address. Try again in \d+ s/);
  });

  it('accepts /login <nick> <password> as the first line, for scripts', async function () {
    const client = await ctx.server.connect();
    client.write('/login bot pw');
    await client.waitFor(/^-- welcome, bot!/);
  });

  it('refuses an invalid nick with a line that explains the rules', async function () {
    const client = await ctx.server.connect();
    client.write('no spaces allowed');
    await client.waitFor(/^ERROR INVALID_NICK: "no spaces allowed" is not a valid nick: a nick is 1-24/);
    await client.waitFor(/^nickname: $/);
  });

  it('refuses to register a nick that looks like a registered one, at the prompt and with /login, naming it', async function () {
    (await ctx.server.login('Victim')).close();
    const client = await ctx.server.connect();
    client.write('vict1m');
    await client.waitFor(/^ERROR NICK_LOOKALIKE: "vict1m" looks too much like the nick Victim, which is taken\. Pick one/);
    await client.waitFor(/^nickname: $/);
    expect(client.all).not.to.match(/password: |new nick/);
    for (const twin of ['vlctim', 'V1CT1M']) {
      client.write(`/login ${twin} pw`);
      await client.waitFor(new RegExp(`^ERROR NICK_LOOKALIKE: "${twin}" looks too much like the nick Victim`));
    }
    expect(await ctx.server.running.store.countUsers()).to.equal(1);
    // The nick itself, in any case, still logs in; a nick merely close is free.
    client.write('/login VICTIM pw');
    await client.waitFor(/^-- welcome, Victim!/);
    (await ctx.server.login('victor')).close();
  });

  it('asks to log in first when a command comes before login', async function () {
    const client = await ctx.server.connect();
    client.write('/get_chats');
    await client.waitFor(/^ERROR NOT_LOGGED_IN: Log in first/);
  });

  it('runs every line a script sent before it closed its side, then says goodbye', async function () {
    const alice = await ctx.server.login('alice');
    const script = await ctx.server.connect();
    script.socket.end('bot\r\nhunter2\r\n/send alice from a pipe\r\n');
    expect(await alice.waitFor(/from a pipe/)).to.match(/<bot -> alice> from a pipe$/);
    await script.waitFor(/^-- bye!/);
    await script.waitClosed();
  });
});
