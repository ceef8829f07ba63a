import { expect } from 'chai';
import { ircParts, ircSend } from '../helpers/irc-client.js';
import { useTestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('IRC guests and the *server* service nick', function () {
  const ctx = useTestServer({ ircPort: 0 });

  it('lets a client without a password chat as a guest, told how to register', async function () {
    const guest = await ctx.server.irc('visitor');
    const telnet = await ctx.server.login('alice');
    expect(guest.all).to.contain(':*server*!service@chat-line NOTICE visitor :You are a guest: visitor is yours while you are connected');
    ircSend(guest, 'PRIVMSG #general :hello, I am new');
    await telnet.waitFor(/<visitor> hello, I am new$/);
    ircSend(guest, 'PRIVMSG alice :a word in private');
    await telnet.waitFor(/<visitor -> alice> a word in private$/);
    telnet.write('/send visitor welcome!');
    await guest.waitFor(/^:alice!alice@chat-line PRIVMSG visitor :welcome!$/);
    guest.close();
    await waitUntil(() => ctx.server.running.chat.hub.onlineUser('visitor') === undefined, 2000, 'the guest gone');
    telnet.write('/send visitor are you there?');
    await telnet.waitFor(/^ERROR NO_SUCH_USER: There is no user "visitor"/);
  });

  it("holds a guest's nick while it is connected: neither telnet nor another IRC client can take it; it is free again after", async function () {
    const guest = await ctx.server.irc('visitor');
    const telnet = await ctx.server.connect();
    telnet.write('/login visitor some-pw');
    await telnet.waitFor(/^ERROR NICK_IN_USE: visitor is in use by someone without an account right now/);
    const second = await ctx.server.ircConnection();
    ircSend(second, 'NICK visitor');
    ircSend(second, 'USER v 0 * :v');
    expect(ircParts(await second.waitFor(/ 433 /)).params[1]).to.equal('visitor');
    ircSend(guest, 'QUIT :bye');
    await guest.waitClosed();
    const later = await ctx.server.login('visitor', 'now-mine');
    expect(later.all).to.match(/welcome, visitor!/);
  });

  it("keeps a guest in no room once it has gone: its rooms' members see it leave, and nothing of it is stored", async function () {
    const telnet = await ctx.server.login('alice');
    telnet.write('/chats dev');
    await telnet.waitFor(/now talking in #dev/);
    const guest = await ctx.server.irc('visitor');
    ircSend(guest, 'JOIN #dev');
    await telnet.waitFor(/^-- visitor joined #dev/);
    guest.close();
    await telnet.waitFor(/^-- visitor left #dev/);
    telnet.write('/who dev');
    await telnet.waitFor(/^-- #dev: 1 member,/);
    expect(telnet.all).not.to.contain('visitor left #general');
  });

  it('registers a guest with /msg *server* register <password>: its rooms are kept, and the password works from telnet', async function () {
    const guest = await ctx.server.irc('visitor');
    ircSend(guest, 'JOIN #dev');
    await guest.waitFor(/ 366 visitor #dev /);
    ircSend(guest, 'PRIVMSG *server* :schedule +10m later');
    await guest.waitFor(/NOTICE visitor :ACCOUNT_REQUIRED: \/schedule needs an account/);
    ircSend(guest, 'PRIVMSG *server* :register guest-pw');
    await guest.waitFor(/NOTICE visitor :You registered visitor\./);
    guest.close();
    const telnet = await ctx.server.login('visitor', 'guest-pw');
    telnet.write('/chats');
    await telnet.waitFor(/^-- {3}#dev|^-- [ *] #dev/);
  });

  it('runs chat-line commands sent to *server* or with /quote, answering with NOTICEs from it', async function () {
    const irc = await ctx.server.irc('bob', { pass: 'bob-pw' });
    ircSend(irc, 'PRIVMSG *server* :schedule +10m stand-up');
    expect(await irc.waitFor(/NOTICE bob :scheduled /)).to.match(/^:\*server\*!service@chat-line NOTICE bob :scheduled /);
    ircSend(irc, 'SCHEDULED');
    await irc.waitFor(/NOTICE bob :.*stand-up/);
    ircSend(irc, 'PRIVMSG *server* :cancel nonsense');
    await irc.waitFor(/NOTICE bob :NO_SUCH_SCHEDULED: /);
    ircSend(irc, 'PRIVMSG *server* :whois nobody');
    await irc.waitFor(/NOTICE bob :NO_SUCH_USER: There is no user "nobody"/);
  });
});

describe('IRCv3 account registration (REGISTER)', function () {
  const ctx = useTestServer({ ircPort: 0 });

  it('registers the nick before connecting, logged in to it at once; the same nick again is ACCOUNT_EXISTS', async function () {
    const irc = await ctx.server.ircConnection();
    ircSend(irc, 'CAP LS 302');
    expect(await irc.waitFor(/ CAP \* LS /)).to.contain('draft/account-registration=before-connect');
    ircSend(irc, 'NICK newbie');
    ircSend(irc, 'REGISTER * * newbie-pw');
    expect(ircParts(await irc.waitFor(/ REGISTER SUCCESS /)).params.slice(0, 2)).to.deep.equal(['SUCCESS', 'newbie']);
    await irc.waitFor(/ 900 newbie /);
    ircSend(irc, 'USER newbie 0 * :newbie');
    ircSend(irc, 'CAP END');
    await irc.waitFor(/ 001 newbie /);
    expect(irc.all).not.to.contain('You are a guest');
    const again = await ctx.server.ircConnection();
    ircSend(again, 'NICK newbie');
    ircSend(again, 'REGISTER newbie * other-pw');
    expect(ircParts(await again.waitFor(/ FAIL REGISTER /)).params.slice(0, 3)).to.deep.equal(['REGISTER', 'ACCOUNT_EXISTS', 'newbie']);
    const telnet = await ctx.server.login('newbie', 'newbie-pw');
    expect(telnet.all).to.match(/welcome, newbie!/);
  });

  it('registers a guest after connecting; an account is told it has one', async function () {
    const guest = await ctx.server.irc('roamer');
    ircSend(guest, 'REGISTER roamer * roamer-pw');
    await guest.waitFor(/ REGISTER SUCCESS roamer /);
    ircSend(guest, 'REGISTER roamer * roamer-pw');
    expect(ircParts(await guest.waitFor(/ FAIL REGISTER /)).params[1]).to.equal('ALREADY_AUTHENTICATED');
    ircSend(guest, 'REGISTER someone-else * pw-pw-pw');
    await guest.waitFor(/ FAIL REGISTER ALREADY_AUTHENTICATED /);
  });
});
