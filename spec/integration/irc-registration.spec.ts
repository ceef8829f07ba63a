import { expect } from 'chai';
import { ircParts, ircRegister, ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('IRC registration over --irc-port', function () {
  const ctx = useTestServer({ ircPort: 0, motd: 'Be nice\nSecond line' });

  it('welcomes a client with 001-005 (ISUPPORT), LUSERS and the message of the day, then JOINs it to #general', async function () {
    const client = await ctx.server.ircConnection();
    await ircRegister(client, 'alice');
    const lines = client.lines();
    const codes = lines.map((l) => ircParts(l).command);
    expect(codes.slice(0, 5)).to.deep.equal(['001', '002', '003', '004', '005']);
    const isupport = lines.find((l) => ircParts(l).command === '005') ?? '';
    for (const token of ['CASEMAPPING=ascii', 'CHANTYPES=#', 'NICKLEN=24', 'CHANNELLEN=33', 'PREFIX=(o)@', 'CHANMODES=,,,i', 'NETWORK=chat-line', 'TOPICLEN=390']) {
      expect(isupport).to.contain(token);
    }
    expect(codes).to.include.members(['251', '254', '255', '375', '372', '376']);
    expect(lines.filter((l) => ircParts(l).command === '372').map((l) => ircParts(l).params[1])).to.deep.equal(['- Be nice', '- Second line']);
    expect(lines).to.include(':alice!alice@chat-line JOIN #general');
    expect(lines.some((l) => / 353 alice = #general :.*\balice\b/.test(l))).to.equal(true);
  });

  it('answers commands before registration with 451, and PING with PONG', async function () {
    const client = await ctx.server.ircConnection();
    ircSend(client, 'JOIN #dev');
    expect(ircParts(await client.waitFor(/ 451 /)).params).to.deep.equal(['*', 'You have not registered']);
    ircSend(client, 'PING :abc');
    expect(await client.waitFor(/ PONG /)).to.equal(':chat-line PONG chat-line :abc');
  });

  it('registers a new nick with PASS, and the same account then logs in over telnet', async function () {
    const irc = await ctx.server.ircConnection();
    await ircRegister(irc, 'carol', { pass: 'secret-pw' });
    expect(irc.all).to.contain('NOTICE carol :You registered carol');
    const telnet = await ctx.server.login('carol', 'secret-pw');
    expect(telnet.all).to.match(/welcome, carol!/);
  });

  it('logs in with PASS account:password under another nick, as that account', async function () {
    (await ctx.server.login('dave', 'dave-pw')).close();
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'PASS dave:dave-pw');
    ircSend(irc, 'NICK whatever');
    ircSend(irc, 'USER x 0 * :x');
    expect(ircParts(await irc.waitFor(/ 001 /)).params[0]).to.equal('dave');
  });

  it('refuses a wrong password with 464 and closes the connection', async function () {
    (await ctx.server.login('erin', 'right-pw')).close();
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'PASS wrong-pw');
    ircSend(irc, 'NICK erin');
    ircSend(irc, 'USER erin 0 * :erin');
    expect(ircParts(await irc.waitFor(/ 464 /)).params[1]).to.match(/^Wrong password for erin/);
    await irc.waitFor(/^ERROR :Closing link: wrong password/);
    await irc.waitClosed();
  });

  it('logs in with SASL PLAIN and refuses a wrong password with 904, letting the client try again', async function () {
    (await ctx.server.login('frank', 'frank-pw')).close();
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'CAP LS 302');
    expect(await irc.waitFor(/ CAP \* LS /)).to.match(/sasl=PLAIN/);
    ircSend(irc, 'NICK frank');
    ircSend(irc, 'USER frank 0 * :frank');
    ircSend(irc, 'CAP REQ :sasl');
    await irc.waitFor(/ CAP frank ACK :sasl/);
    ircSend(irc, 'AUTHENTICATE PLAIN');
    await irc.waitFor(/^AUTHENTICATE \+$/);
    ircSend(irc, `AUTHENTICATE ${base64('\0frank\0nope')}`);
    await irc.waitFor(/ 904 frank /);
    ircSend(irc, 'AUTHENTICATE PLAIN');
    await irc.waitFor(/^AUTHENTICATE \+$/);
    ircSend(irc, `AUTHENTICATE ${base64('frank\0frank\0frank-pw')}`);
    expect(ircParts(await irc.waitFor(/ 900 /)).params.slice(2)).to.deep.equal(['frank', 'You are now logged in as frank']);
    await irc.waitFor(/ 903 /);
    ircSend(irc, 'CAP END');
    await irc.waitFor(/ 001 frank /);
  });

  it('does not let SASL register an account nobody has', async function () {
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'CAP REQ :sasl');
    ircSend(irc, 'AUTHENTICATE PLAIN');
    await irc.waitFor(/^AUTHENTICATE \+$/);
    ircSend(irc, `AUTHENTICATE ${base64('\0nobody\0some-pw')}`);
    await irc.waitFor(/ 904 /);
  });

  it('refuses a registered nick to a client without its password with 433; another nick then works as a guest', async function () {
    (await ctx.server.login('grace', 'grace-pw')).close();
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'NICK grace');
    ircSend(irc, 'USER grace 0 * :grace');
    expect(ircParts(await irc.waitFor(/ 433 /)).params.slice(1)).to.deep.equal(['grace', 'grace is a registered nick. Log in with its password, or pick another nick.']);
    ircSend(irc, 'NICK grace_');
    await irc.waitFor(/ 001 grace_ /);
    await irc.waitFor(/NOTICE grace_ :You are a guest/);
  });

  it('refuses a nick that looks like a registered one with 433, and one chat-line cannot hold with 432', async function () {
    (await ctx.server.login('victim', 'victim-pw')).close();
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'NICK [bot]');
    expect(ircParts(await irc.waitFor(/ 432 /)).params[1]).to.equal('[bot]');
    ircSend(irc, 'NICK vict1m');
    ircSend(irc, 'USER v 0 * :v');
    expect(await irc.waitFor(/ 433 /)).to.match(/looks too much like the nick victim/);
  });

  it('holds registration while capabilities are negotiated, until CAP END', async function () {
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'CAP LS 302');
    ircSend(irc, 'NICK henry');
    ircSend(irc, 'USER henry 0 * :henry');
    ircSend(irc, 'CAP REQ :server-time echo-message bogus-cap');
    await irc.waitFor(/ CAP henry NAK :server-time echo-message bogus-cap/);
    ircSend(irc, 'CAP REQ :server-time echo-message');
    await irc.waitFor(/ CAP henry ACK :server-time echo-message/);
    expect(irc.all).not.to.match(/ 001 /);
    ircSend(irc, 'CAP END');
    await irc.waitFor(/ 001 henry /);
  });
});

describe('IRC without guests (--irc-guests off)', function () {
  const ctx = useTestServer({ ircPort: 0, ircGuests: false });

  it('refuses a client without a password with 464 and closes, but a password registers the nick', async function () {
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'NICK ivan');
    ircSend(irc, 'USER ivan 0 * :ivan');
    expect(ircParts(await irc.waitFor(/ 464 /)).params[1]).to.match(/^This server needs an account/);
    await irc.waitClosed();
    const again = await ctx.server.ircConnection();
    await ircRegister(again, 'ivan', { pass: 'ivan-pw' });
    expect(again.all).to.contain('You registered ivan');
  });
});
